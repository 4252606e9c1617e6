import ArgumentParser
import CCASCLI
import CCASCore
import CCASRules
import CCASStore

extension Dispatch {
    struct Recommend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recommend",
            abstract: "Recommend (and with --commit engage) units for classified records (the default command).",
            discussion: """
                Records without a classification are rejected (exit 65); `message` records of type \
                `renfort` ask for reinforcements on their event; other records pass through unchanged.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: InputOptions
        @OptionGroup var options: DispatchOptions

        @Flag(name: .long, help: "Engage the recommended units in the store.")
        var commit = false

        @Flag(name: .long, help: "Engage at once for réflexe events only; only recommend for the others.")
        var autoReflex = false

        func validate() throws {
            if commit, autoReflex { throw ValidationError("--commit and --auto-reflex exclude each other") }
        }

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-dispatch", rejects: input.rejects)
            let output = RecordWriter(fd: 1)
            let store = try global.openStore(diagnostics: diagnostics)
            let engine = try options.engine(store: store, global: global, diagnostics: diagnostics)
            let stream = RecordStream(input: input, diagnostics: diagnostics, output: output)
            var dispatched = 0, engaged = 0
            let commit = self.commit, autoReflex = self.autoReflex
            try withStore(diagnostics) {
                try stream.run(decoder: { NDJSONDecoder() }) { batch in
                    let recommender = try engine.recommender()
                    var out: [JSONObject] = []
                    for item in batch {
                        let record = item.record
                        if record["kind"]?.stringValue == "message" {
                            guard record["type"]?.stringValue == "renfort" else { out.append(record); continue }
                            out.append(try Reinforce.handle(item, engine: engine, recommender: recommender, commit: commit || autoReflex,
                                                            diagnostics: diagnostics))
                            continue
                        }
                        if let kind = record["kind"]?.stringValue, kind != "call" { out.append(record); continue }
                        switch DispatchEngine.event(of: record) {
                        case .failure(let reason):
                            diagnostics.reject(reason.description, file: item.file, line: item.line, raw: Array(JSONWriter.string(.object(record)).utf8))
                        case .success(let event):
                            let doCommit = commit || (autoReflex && event.reflex)
                            let rec = try engine.dispatch(event, input: record, commit: doCommit, using: recommender,
                                                          diagnostics: diagnostics, place: item.place)
                            dispatched += 1
                            if rec["committed"]?.boolValue == true { engaged += rec["units"]?.arrayValue?.count ?? 0 }
                            out.append(rec)
                        }
                    }
                    return out
                }
            }
            output.flush()
            if !global.quiet {
                diagnostics.note("\(dispatched) events, \(engaged) units engaged, \(diagnostics.rejected) rejected")
            }
            if diagnostics.rejected > 0 { throw ExitCode.dataError }
        }
    }
}
