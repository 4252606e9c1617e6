import ArgumentParser
import CCASCLI
import CCASCore
import CCASRules
import CCASStore

extension Dispatch {
    struct Engage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "engage",
            abstract: "Engage the operator's own choice of units on an event.",
            discussion: """
                Prints the coherence warnings (a unit matching no need, a closer unit left aside, out of \
                area or sector) and a `dispatch` record. Exits 1 with the reason when a unit is not available; \
                the available ones are engaged.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: DispatchOptions
        @Argument(help: ArgumentHelp("The event number (YYYY-NNNNNN).", valueName: "event")) var event: String
        @Argument(help: ArgumentHelp("The units to engage.", valueName: "unit")) var units: [String]

        func validate() throws {
            if units.isEmpty { throw ValidationError("name at least one unit") }
        }

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-dispatch")
            let store = try global.openStore(diagnostics: diagnostics)
            let engine = try options.engine(store: store, global: global, diagnostics: diagnostics)
            let record: JSONObject = try withStore(diagnostics) {
                guard let summary = try store.eventSummary(event) else { throw StoreError.notFound(what: "event \(event)") }
                let ev = DispatchEvent(id: event, nature: summary.nature ?? "ADM.INDETERMINE",
                                       priority: summary.priority.flatMap(Priority.init(code:)) ?? .p1,
                                       position: coordinate(summary.lat, summary.lon))
                let recommender = try engine.recommender()
                let check = recommender.check(ev, units: units)
                for w in check.warnings { diagnostics.warning(w.message) }
                let pool = engine.referentiel.talkgroups
                let outcome = try store.engage(
                    event: event,
                    requests: units.map { u in EngagementRequest(unit: u, need: check.picks.first { $0.unit == u }?.need,
                                                                 pick: check.picks.first { $0.unit == u }?.json) },
                    talkgroups: TalkgroupPolicy(pool: pool.names, byPriority: pool.priorities.contains(ev.priority), minUnits: pool.minUnits),
                    operator: global.resolvedOperator, exercise: global.isExercise)
                for r in outcome.refused { diagnostics.error("cannot engage \(r.unit): \(r.reason)") }
                var o: JSONObject = [
                    "kind": "dispatch", "v": 1, "event_id": .string(event), "committed": .bool(!outcome.engaged.isEmpty),
                    "units": .array(outcome.engaged.map { $0.pick ?? .object(["id": .string($0.unit)]) }), "unmet": [],
                ]
                if !outcome.refused.isEmpty {
                    o["refused"] = .array(outcome.refused.map { ["id": .string($0.unit), "reason": .string($0.reason)] })
                }
                o["talkgroup"] = .optional(outcome.talkgroup)
                o["warnings"] = .array(check.warnings.map(\.json))
                o["rule"] = "operator_choice"
                return o
            }
            let out = RecordWriter(fd: 1)
            out.write(record)
            out.flush()
            if record["refused"] != nil { throw ExitCode.failure }
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "release",
            abstract: "Release a unit from an event: it becomes AVAILABLE again (RETURNING if already on the road).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The event number.", valueName: "event")) var event: String
        @Argument(help: ArgumentHelp("The unit.", valueName: "unit")) var unit: String
        @Option(name: .long, help: ArgumentHelp("Why, for the log book.", valueName: "text")) var reason: String?

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-dispatch")
            let store = try global.openStore(diagnostics: diagnostics)
            let status = try withStore(diagnostics) {
                try store.release(event: event, unit: unit, reason: reason, operator: global.resolvedOperator, exercise: global.isExercise)
            }
            let out = RecordWriter(fd: 1)
            let record: JSONObject = ["kind": "status", "v": 1, "unit": .string(unit), "status": .string(status.rawValue),
                       "event_id": .string(event), "reason": .string(reason ?? "released"), "operator": .string(global.resolvedOperator)]
            out.write(record)
            out.flush()
        }
    }
}
