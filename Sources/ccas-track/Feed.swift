import ArgumentParser
import CCASCLI
import CCASCore
import CCASStore

extension Track {
    /// A feed of `status` records (mobile terminals, AVL positions) from files or standard input.
    struct Feed: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "feed",
            abstract: "Apply a feed of status records (AVL positions included); an illegal one is rejected, the rest go on.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: InputOptions

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-track", rejects: input.rejects)
            let store = try global.openStore(diagnostics: diagnostics)
            let output = RecordWriter(fd: 1)
            let stream = RecordStream(input: input, diagnostics: diagnostics, output: output)
            stream.batchSize = 1  // each change is its own transaction: one refusal must not undo others
            let op = global.resolvedOperator
            var applied = 0
            do {
                try stream.run(decoder: { NDJSONDecoder() }) { batch in
                    var out: [JSONObject] = []
                    for input in batch {
                        let r = input.record
                        guard (r["kind"]?.stringValue ?? "status") == "status" else { out.append(r); continue }
                        guard let unit = r["unit"]?.stringValue, let statusText = r["status"]?.stringValue,
                              let status = UnitStatus(text: statusText) else {
                            reject(diagnostics, input, "a status record needs \"unit\" and a known \"status\"")
                            continue
                        }
                        var at = nowMillis()
                        if let text = r["at"]?.stringValue {
                            guard let t = try? Timestamp.parse(text) else { reject(diagnostics, input, "\"at\" is not a time: \(text)"); continue }
                            at = t.milliseconds
                        }
                        let loc = r["location"]
                        let change = StatusChange(
                            unit: unit, status: status, at: at, event: r["event_id"]?.stringValue,
                            lat: r["lat"]?.doubleValue ?? loc?["lat"]?.doubleValue, lon: r["lon"]?.doubleValue ?? loc?["lon"]?.doubleValue,
                            force: r["force"]?.boolValue ?? false, reason: r["reason"]?.stringValue, exercise: global.isExercise)
                        do {
                            let result = try store.changeStatus(change, operator: op)
                            out.append(statusRecord(result, change: change, operatorName: op))
                            applied += 1
                        } catch let refusal as StatusChangeRefusal {
                            reject(diagnostics, input, refusal.description)
                        }
                    }
                    return out
                }
            } catch let error as StoreError {
                diagnostics.error("\(error)")
                throw ExitCode.tryAgain
            }
            if !global.quiet { diagnostics.note("\(stream.read) read, \(applied) applied, \(diagnostics.rejected) rejected") }
            if diagnostics.rejected > 0 { throw ExitCode.dataError }
        }

        func reject(_ d: Diagnostics, _ input: InputRecord, _ reason: String) {
            d.reject(reason, file: input.file, line: input.line, raw: Array(JSONWriter.string(.object(input.record)).utf8))
        }
    }
}
