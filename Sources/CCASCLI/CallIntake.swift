import CCASCore
import CCASStore

/// What `ccas-intake` does with a batch of records: normalise each call, store calls and
/// statuses in one transaction, and return the records to print, each with its event and why.
public final class CallIntake {
    public let store: Store?
    public let diagnostics: Diagnostics
    public let operatorName: String
    public let exercise: Bool
    public var policy = CorrelationPolicy()
    public var normalise: (JSONObject) throws(InputError) -> JSONObject = { $0 }
    public private(set) var calls = 0
    public private(set) var new = 0
    public private(set) var duplicates = 0
    public private(set) var statuses = 0

    public init(store: Store?, diagnostics: Diagnostics, operatorName: String, exercise: Bool) {
        self.store = store
        self.diagnostics = diagnostics
        self.operatorName = operatorName
        self.exercise = exercise
    }

    /// `ccas-intake: 1560 read, 1560 new, 0 duplicate, 0 rejected`
    public var summary: String {
        var line = "\(calls) read, \(new) new, \(duplicates) duplicate, \(diagnostics.rejected) rejected"
        if statuses > 0 { line += ", \(statuses) statuses" }
        return line
    }

    /// Normalises one record as soon as it is read; nil (and a reported reject) when it is bad.
    public func prepare(_ input: InputRecord) -> InputRecord? {
        var input = input
        let kind = input.record["kind"]?.stringValue ?? "call"
        do throws(InputError) {
            switch kind {
            case "call":
                calls += 1
                // The record is read once here (normalised, then its columns for the store):
                // `process` takes the `IncomingCall` as it is.
                var record = try normalise(input.record)
                if exercise { record["exercise"] = true }
                var call = try IncomingCall(record: record, exercise: exercise)
                // The stored copy of the record is written here: on the reading thread when
                // the stream is pipelined, not in the store's transaction.
                var json: [UInt8] = []
                json.reserveCapacity(512)
                JSONWriter.write(.object(record), to: &json)
                call.recordJSON = json
                call.prepareText()
                input.extendable = record["event_id"] == nil && record["correlation"] == nil && record["duplicate"] == nil
                input.item = .call(call)
                input.record = record
            case "status":
                statuses += 1
                if exercise { input.record["exercise"] = true }
                input.item = .status(try IncomingStatus(record: input.record, exercise: exercise))
            default:
                break
            }
        } catch {
            diagnostics.reject(error.reason, file: input.file, line: input.line, raw: Array(JSONWriter.string(.object(input.record)).utf8))
            return nil
        }
        return input
    }

    /// Stores a batch of prepared records in one transaction and returns them to print: each
    /// call with its `event_id` and `correlation` (and `duplicate` when it was stored before).
    public func process(_ batch: [InputRecord]) throws -> [OutputRecord] {
        // The batch's calls and statuses, and where each is in the batch (other records pass through).
        var items: [IntakeItem] = []
        var at: [Int] = []
        items.reserveCapacity(batch.count)
        at.reserveCapacity(batch.count)
        for (i, input) in batch.enumerated() {
            if let item = input.item {
                items.append(item)
            } else {
                switch input.record["kind"]?.stringValue ?? "call" {
                case "call": items.append(.call(try IncomingCall(record: input.record, exercise: exercise)))
                case "status": items.append(.status(try IncomingStatus(record: input.record, exercise: exercise)))
                default: continue
                }
            }
            at.append(i)
        }
        guard let store else {
            new += items.count { if case .call = $0 { true } else { false } }
            return batch.map { .object($0.record) }
        }
        let results = try store.intake(items, policy: policy, operator: operatorName)
        var out = batch.map { OutputRecord.object($0.record) }
        for (r, result) in results.enumerated() where r < at.count {
            let i = at[r]
            switch result {
            case .call(let outcome):
                var fields: [(key: String, value: JSON)] = [("event_id", .string(outcome.eventNumber)), ("correlation", outcome.correlation)]
                if outcome.duplicate {
                    fields.append(("duplicate", true))
                    duplicates += 1
                } else {
                    new += 1
                }
                if case .call(let call) = items[r], let json = call.recordJSON, batch[i].extendable {
                    out[i] = .extended(json: json, fields: fields)
                } else {
                    var record = batch[i].record
                    for (k, v) in fields { record[k] = v }
                    out[i] = .object(record)
                }
            case .status(let event):
                if let event, !event.isEmpty {
                    var record = batch[i].record
                    record["event_id"] = .string(event)
                    out[i] = .object(record)
                }
            }
        }
        return out
    }
}
