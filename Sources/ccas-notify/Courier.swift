import ArgumentParser
import CCASCLI
import CCASCore
import CCASDelivery
import CCASRules
import CCASStore
import Foundation

/// Takes due notifications from the outbox, delivers each on its channel and records what
/// came of it (sent, acknowledged by the reply, retry later with backoff, failed with the reason).
struct Courier {
    let store: Store
    let factory: ChannelFactory
    let operatorName: String
    let retry: RetryPolicy

    struct Tally {
        var sent = 0, acknowledged = 0, retrying = 0, failed = 0
        var summary: String { "\(sent) delivered, \(acknowledged) acknowledged by reply, \(retrying) to retry, \(failed) failed" }
    }

    static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    /// Delivers everything due now, once each; returns the entries as they ended.
    func deliverDue(tally: inout Tally) throws -> [OutboxEntry] {
        let passStart = Courier.now()
        var out: [OutboxEntry] = []
        while true {
            let batch = try store.claimDueNotifications(now: passStart, limit: 50)
            if batch.isEmpty { break }
            for entry in batch {
                let outcome = factory.make(spec(entry)).deliver(message(entry))
                let result: DeliveryResult
                switch outcome {
                case .delivered(let by): result = .delivered(acknowledgedBy: by)
                case .retry(let why): result = .retry(why)
                case .failed(let why): result = .failed(why)
                }
                let updated = try store.recordDelivery(id: entry.id, result: result, at: Courier.now(), operator: operatorName, retry: retry)
                switch updated.status {
                case .sent, .escalated: tally.sent += 1
                case .acknowledged: tally.sent += 1; tally.acknowledged += 1
                case .pending: tally.retrying += 1
                case .failed: tally.failed += 1
                }
                out.append(updated)
            }
        }
        return out
    }

    func spec(_ entry: OutboxEntry) -> ChannelSpec {
        ChannelSpec(kind: ChannelSpec.Kind(rawValue: entry.channel) ?? .stdout, target: entry.target)
    }

    func message(_ entry: OutboxEntry) -> DeliveryMessage {
        let record = entry.record(now: Courier.now())
        return DeliveryMessage(
            id: entry.displayID, key: entry.key, event: entry.event, recipient: entry.recipient, channel: spec(entry),
            priority: entry.priority, subject: entry.payload["subject"]?.stringValue ?? "",
            text: entry.payload["text"]?.stringValue ?? "", exercise: entry.exercise, record: record)
    }
}

/// Runs `body`, turning store failures into their line and exit code.
func withStore<T>(_ diagnostics: Diagnostics, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        diagnostics.error("\(error)")
        switch error {
        case .notFound, .refused: throw ExitCode(ExitStatus.failure)
        default: throw ExitCode.tryAgain
        }
    }
}

/// Stops a `--watch` loop cleanly on SIGINT or SIGTERM.
enum WatchSignal {
    nonisolated(unsafe) static var stop: Int32 = 0
    static func install() {
        signal(SIGINT) { _ in WatchSignal.stop = 1 }
        signal(SIGTERM) { _ in WatchSignal.stop = 1 }
    }
    static func sleep(seconds: Double) {
        var left = seconds
        while left > 0, stop == 0 {
            usleep(UInt32(min(left, 0.2) * 1_000_000))
            left -= 0.2
        }
    }
}
