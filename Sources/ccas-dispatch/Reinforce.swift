import ArgumentParser
import CCASCLI
import CCASCore
import CCASRules
import CCASStore

extension Dispatch {
    struct Reinforce: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reinforce",
            abstract: "Recommend (and with --commit engage) reinforcements for an event.",
            discussion: """
                With EVENT and --need CAPABILITY=N, for that event. Without EVENT, reads records: each \
                `message` of type `renfort` ({"kind":"message","type":"renfort","event_id":…,"needs":{"ems_als":1}}) \
                gives a `dispatch` record; other records pass through.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: DispatchOptions
        @Option(name: .long, help: ArgumentHelp("The event number; without it, renfort messages are read from the input.", valueName: "event"))
        var event: String?
        @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("A need, CAPABILITY=N or TYPE=N (repeatable).", valueName: "need"))
        var need: [String] = []
        @Flag(name: .long, help: "Engage the recommended units.") var commit = false
        @OptionGroup var input: InputOptions

        func validate() throws {
            if event != nil, need.isEmpty { throw ValidationError("--event needs at least one --need CAPABILITY=N") }
            if case .failure(let why) = DispatchEngine.parseNeeds(need) { throw ValidationError(why.description) }
        }

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-dispatch", rejects: input.rejects)
            let store = try global.openStore(diagnostics: diagnostics)
            let engine = try options.engine(store: store, global: global, diagnostics: diagnostics)
            let output = RecordWriter(fd: 1)
            let commit = self.commit
            if let event {
                let needs = try DispatchEngine.parseNeeds(need).get()
                let record: JSONObject = ["kind": "message", "v": 1, "type": "renfort", "event_id": .string(event),
                                          "needs": .object(JSONObject(needs.map { ($0.name, JSON.int($0.count)) }))]
                let out = try withStore(diagnostics) {
                    try Reinforce.handle(InputRecord(record: record, file: "--event", line: 0), engine: engine,
                                         recommender: try engine.recommender(), commit: commit, diagnostics: diagnostics)
                }
                output.write(out)
                output.flush()
                if diagnostics.rejected > 0 { throw ExitCode.dataError }
                return
            }
            let stream = RecordStream(input: input, diagnostics: diagnostics, output: output)
            try withStore(diagnostics) {
                try stream.run(decoder: { NDJSONDecoder() }) { batch in
                    let recommender = try engine.recommender()
                    return try batch.compactMap { item in
                        guard item.record["kind"]?.stringValue == "message", item.record["type"]?.stringValue == "renfort" else { return item.record }
                        let out = try Reinforce.handle(item, engine: engine, recommender: recommender, commit: commit, diagnostics: diagnostics)
                        return out["kind"]?.stringValue == "dispatch" ? out : nil
                    }
                }
            }
            output.flush()
            if diagnostics.rejected > 0 { throw ExitCode.dataError }
        }

        /// A `dispatch` record for one renfort message (rejected, and returned as is, when it
        /// names no event known to the store or no valid need).
        static func handle(_ item: InputRecord, engine: DispatchEngine, recommender: Recommender, commit: Bool,
                           diagnostics: Diagnostics) throws -> JSONObject {
            let record = item.record
            func reject(_ why: String) -> JSONObject {
                diagnostics.reject(why, file: item.file, line: item.line, raw: Array(JSONWriter.string(.object(record)).utf8))
                return record
            }
            guard let eventID = record["event_id"]?.stringValue else { return reject("renfort message without event_id") }
            guard let fields = record["needs"]?.objectValue, !fields.isEmpty else { return reject("renfort message without needs {\"capability\": n}") }
            var needs: [Need] = []
            for (name, count) in fields.fields {
                guard let n = count.intValue, n > 0 else { return reject("need \(name): count must be a positive whole number") }
                guard engine.referentiel.unitTypes[name] != nil || engine.referentiel.knownCapabilities.contains(name) else {
                    return reject("need \(name) is neither a unit type nor a capability")
                }
                needs.append(Need(name: name, count: n))
            }
            guard let summary = try engine.store.eventSummary(eventID) else { return reject("event \(eventID) is not in the store") }
            let event = DispatchEvent(id: eventID, nature: summary.nature ?? "ADM.INDETERMINE",
                                      priority: summary.priority.flatMap(Priority.init(code:)) ?? .p1,
                                      position: coordinate(summary.lat, summary.lon))
            return try engine.dispatch(event, input: record, needs: needs, commit: commit, using: recommender,
                                       diagnostics: diagnostics, place: item.place)
        }
    }
}
