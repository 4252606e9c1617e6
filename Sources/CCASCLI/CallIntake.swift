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
        // Each call printed as stored, with `,"event_id":…,"correlation":…` rendered after it.
        var out: [OutputRecord] = []
        out.reserveCapacity(batch.count)
        let rendered = RenderedFields(capacity: batch.count * 96)
        var sink = ByteSink(capacity: 1024)
        var r = 0
        for (i, input) in batch.enumerated() {
            guard r < at.count, r < results.count, at[r] == i else {
                out.append(.object(input.record))
                continue
            }
            defer { r += 1 }
            switch results[r] {
            case .call(let outcome):
                if outcome.duplicate { duplicates += 1 } else { new += 1 }
                if case .call(let call) = items[r], let json = call.recordJSON, input.extendable {
                    sink.removeAll()
                    sink.append(literal: #","event_id":"#)
                    JSONWriter.writeString(outcome.eventNumber, to: &sink)
                    sink.append(literal: #","correlation":"#)
                    JSONWriter.write(outcome.correlation, to: &sink)
                    if outcome.duplicate { sink.append(literal: #","duplicate":true"#) }
                    let start = rendered.bytes.count
                    rendered.bytes.append(contentsOf: sink.bytes)
                    out.append(.appended(json: json, fields: rendered, range: start..<rendered.bytes.count))
                } else {
                    var record = input.record
                    record["event_id"] = .string(outcome.eventNumber)
                    record["correlation"] = outcome.correlation
                    if outcome.duplicate { record["duplicate"] = true }
                    out.append(.object(record))
                }
            case .status(let event):
                var record = input.record
                if let event, !event.isEmpty { record["event_id"] = .string(event) }
                out.append(.object(record))
            }
        }
        return out
    }
}
