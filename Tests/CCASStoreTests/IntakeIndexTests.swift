import CCASCore
import Foundation
import GRDB
import Testing

@testable import CCASStore

/// The intake keeps an index of open events and recent callers between its transactions; these
/// check that what others write to the same store (another process, another `Store`, other code
/// on our own connection) is always seen.
@Suite("The intake's correlation index")
struct IntakeIndexTests {
    let dir = NSTemporaryDirectory() + "ccas-index-" + UUID().uuidString
    var path: String { dir + "/ccas.db" }
    let t: Int64 = 1_795_000_000_000

    func call(_ id: String, at ms: Int64, lat: Double? = nil, lon: Double? = nil, phone: String? = nil, key: String? = nil) -> IncomingCall {
        IncomingCall(id: id, receivedAt: ms, channel: "phone", phone: phone, lat: lat, lon: lon, correlationKey: key,
                     record: ["id": .string(id)])
    }

    @Test("an event opened by another writer is joined by a nearby call")
    func otherWritersEvent() throws {
        let a = try Store(path: path), b = try Store(path: path)
        _ = try a.intake([call("A1", at: t, lat: 45.0, lon: 4.0)], operator: "a")  // a's index is now warm
        let opened = try b.intake([call("B1", at: t + 60_000, lat: 48.8566, lon: 2.3522, phone: "+33600000042")], operator: "b")
        let near = try a.intake([call("A2", at: t + 120_000, lat: 48.8567, lon: 2.3523)], operator: "a")
        #expect(near[0].eventNumber == opened[0].eventNumber)
        #expect(near[0].correlation["rule"]?.stringValue == "proximity")
        let again = try a.intake([call("A3", at: t + 180_000, lat: 10.0, lon: 10.0, phone: "+33600000042")], operator: "a")
        #expect(again[0].eventNumber == opened[0].eventNumber)
        #expect(again[0].correlation["rule"]?.stringValue == "callback_number")
    }

    @Test("an event closed by another process takes no more calls, and numbers stay gapless across writers")
    func otherProcessCloses() throws {
        let a = try Store(path: path)
        let first = try a.intake([call("A1", at: t, lat: 48.0, lon: 2.0, phone: "+33600000001")], operator: "a")
        let closed = try Shell.sqlite(path, "UPDATE event SET status = 'CLOSED' WHERE number = '\(first[0].eventNumber)'")
        #expect(closed)
        let next = try a.intake([call("A2", at: t + 1000, lat: 48.0, lon: 2.0, phone: "+33600000001")], operator: "a")
        #expect(next[0].eventNumber != first[0].eventNumber)
        #expect(next[0].newEvent)
        // Another process opens events: our counter must follow.
        let b = try Store(path: path)
        let theirs = try b.intake([call("B1", at: t + 2000, lat: 30.0, lon: 2.0)], operator: "b")
        let ours = try a.intake([call("A3", at: t + 3000, lat: 20.0, lon: 2.0)], operator: "a")
        #expect([first[0].eventNumber, next[0].eventNumber, theirs[0].eventNumber, ours[0].eventNumber]
            == (1...4).map { EventNumber.format(year: 2026, sequence: $0) })
    }

    @Test("a duplicate in the same batch or a later one keeps its original event and correlation")
    func duplicates() throws {
        let a = try Store(path: path)
        let out = try a.intake([call("D1", at: t, lat: 48.0, lon: 2.0), call("D2", at: t + 1000, lat: 48.0, lon: 2.0),
                                call("D1", at: t + 5000, lat: 10.0, lon: 2.0)], operator: "a")
        #expect(out[2].duplicate && out[2].eventNumber == out[0].eventNumber)
        #expect(out[1].correlation["rule"]?.stringValue == "proximity")
        let later = try a.intake([call("D2", at: t)], operator: "a")
        #expect(later[0].duplicate && later[0].correlation == out[1].correlation)
        let counts = try a.read { db in
            try [Int.fetchOne(db, sql: "SELECT count(*) FROM call")!, Int.fetchOne(db, sql: "SELECT count(*) FROM event")!,
                 Int.fetchOne(db, sql: "SELECT count(*) FROM journal")!]
        }
        #expect(counts == [2, 1, 3])
    }

    @Test("a batch that fails leaves no trace in the index")
    func failedBatch() throws {
        let a = try Store(path: path)
        _ = try a.intake([call("F1", at: t, lat: 48.0, lon: 2.0)], operator: "a")
        #expect(throws: (any Error).self) {
            _ = try a.intakeTransaction(policy: .init(), operator: "a", span: t...t) { session in
                _ = try session.take(call("F2", at: t + 10, lat: 40.0, lon: 2.0))
                throw StoreError.refused("stop")
            }
        }
        // F2's event was rolled back: a call at its place opens a new one with the next number.
        let out = try a.intake([call("F3", at: t + 20, lat: 40.0, lon: 2.0)], operator: "a")
        #expect(out[0].newEvent && out[0].eventNumber == EventNumber.format(year: 2026, sequence: 2))
    }

    @Test("batches far apart in time, and many events: the index stays bounded and right")
    func windowMoves() throws {
        let a = try Store(path: path)
        var calls: [IncomingCall] = []
        for i in 0..<3000 {
            calls.append(call("W\(i)", at: t + Int64(i) * 40 * 60_000, lat: 48.0 + Double(i % 7) * 0.0001, lon: 2.0))
        }
        // Every call is 40 min after the previous one: all new events, whatever the batch size.
        for chunk in stride(from: 0, to: calls.count, by: 700) {
            let out = try a.intake(Array(calls[chunk..<min(chunk + 700, calls.count)]), operator: "a")
            #expect(out.allSatisfy { $0.newEvent })
        }
        // Back in time: joins the event of W0 (same place, 10 min later).
        let back = try a.intake([call("W-back", at: t + 10 * 60_000, lat: 48.0, lon: 2.0)], operator: "a")
        #expect(back[0].eventNumber == EventNumber.format(year: 2026, sequence: 1))
    }
}

enum Shell {
    /// Runs SQL with the sqlite3 program, as another process would.
    static func sqlite(_ path: String, _ sql: String) throws -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sqlite3", path, sql]
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}
