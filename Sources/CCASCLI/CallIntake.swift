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

    /// Stores a batch of prepared records in one transaction and returns them to print.
    public func process(_ batch: [InputRecord]) throws -> [JSONObject] {
        var records: [JSONObject] = []
        var items: [IntakeItem] = []
        records.reserveCapacity(batch.count)
        items.reserveCapacity(batch.count)
        for input in batch {
            let record = input.record
            if let item = input.item {
                items.append(item)
            } else {
                switch record["kind"]?.stringValue ?? "call" {
                case "call": items.append(.call(try IncomingCall(record: record, exercise: exercise)))
                case "status": items.append(.status(try IncomingStatus(record: record, exercise: exercise)))
                default: break
                }
            }
            records.append(record)
        }
        guard let store else {
            new += items.count { if case .call = $0 { true } else { false } }
            return records
        }
        let results = try store.intake(items, policy: policy, operator: operatorName)
        // Put each result on its record: records and items are in the same order, but
        // passed-through records have no item.
        var r = 0
        for i in records.indices {
            let kind = records[i]["kind"]?.stringValue ?? "call"
            guard kind == "call" || kind == "status", r < results.count else { continue }
            switch results[r] {
            case .call(let outcome):
                records[i]["event_id"] = .string(outcome.eventNumber)
                records[i]["correlation"] = outcome.correlation
                if outcome.duplicate {
                    records[i]["duplicate"] = true
                    duplicates += 1
                } else {
                    new += 1
                }
            case .status(let event):
                if let event, !event.isEmpty { records[i]["event_id"] = .string(event) }
            }
            r += 1
        }
        return records
    }
}
