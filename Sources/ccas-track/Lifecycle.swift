import ArgumentParser
import CCASCLI
import CCASCore
import CCASStore

/// Runs a store change, turning refusals into exit 1 with the reason and busy stores into 75.
func perform<T>(_ diagnostics: Diagnostics, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let refusal as LifecycleRefusal {
        diagnostics.error(refusal.description)
        throw ExitCode.failure
    } catch let refusal as StatusChangeRefusal {
        diagnostics.error(refusal.description)
        throw ExitCode.failure
    } catch let error as StoreError {
        diagnostics.error("\(error)")
        throw ExitCode.tryAgain
    }
}

func printClosure(_ c: Closure, operatorName: String) {
    let out = RecordWriter(fd: 1)
    let record: JSONObject = ["kind": "event", "v": 1, "event_id": .string(c.event), "status": .string(c.status.rawValue),
                              "released_units": .strings(c.releasedUnits), "talkgroup_released": .optional(c.talkgroup),
                              "operator": .string(operatorName)]
    out.write(record)
    out.flush()
}

extension Track {
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close an event: units still engaged are released, its talkgroup freed.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event number (YYYY-NNNNNN).") var event: String
        @Option(help: "What happened, for the record.") var outcome: String
        @Option(help: "When (ISO 8601; default now).") var at: String?

        func run() throws {
            let diagnostics = Diagnostics(program: "ccas-track")
            let store = try global.openStore(diagnostics: diagnostics)
            let c = try perform(diagnostics) {
                try store.finish(event: event, as: .closed, outcome: outcome, at: at.flatMap { TimeArgument.parse($0) } ?? nowMillis(),
                                 operator: global.resolvedOperator, exercise: global.isExercise)
            }
            printClosure(c, operatorName: global.resolvedOperator)
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel an event (a hoax, a duplicate…), with the reason.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event number.") var event: String
        @Option(help: "Why it is cancelled.") var reason: String

        func run() throws {
            let diagnostics = Diagnostics(program: "ccas-track")
            let store = try global.openStore(diagnostics: diagnostics)
            let c = try perform(diagnostics) {
                try store.finish(event: event, as: .cancelled, outcome: reason, at: nowMillis(),
                                 operator: global.resolvedOperator, exercise: global.isExercise)
            }
            printClosure(c, operatorName: global.resolvedOperator)
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a closed or cancelled event.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event number.") var event: String
        @Option(help: "Why it is reopened.") var reason: String?

        func run() throws {
            let diagnostics = Diagnostics(program: "ccas-track")
            let store = try global.openStore(diagnostics: diagnostics)
            let status = try perform(diagnostics) {
                try store.reopen(event: event, reason: reason, operator: global.resolvedOperator, exercise: global.isExercise)
            }
            let out = RecordWriter(fd: 1)
            let record: JSONObject = ["kind": "event", "v": 1, "event_id": .string(event), "status": .string(status.rawValue)]
            out.write(record)
            out.flush()
        }
    }

    struct Message: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "message",
            abstract: "Record a message from the field; a bilan updates the victims, a renfort prints a request for ccas-dispatch reinforce.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event number.") var event: String
        @Option(help: "ambiance, renseignement, bilan, renfort or fin.") var type: String
        @Option(help: "The message.") var text: String
        @Option(help: "The unit it comes from.") var from: String?
        @Option(help: "Victims counted (bilan).") var victims: Int?
        @Option(help: ArgumentHelp("A capability and how many are asked (renfort), e.g. ems_als=1.", valueName: "capability=n"))
        var need: [String] = []

        func validate() throws {
            guard let kind = FieldMessage.Kind(rawValue: type) else {
                throw ValidationError("--type is one of \(FieldMessage.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if kind == .renfort, need.isEmpty { throw ValidationError("a renfort needs at least one --need CAPABILITY=N") }
            for n in need where parseNeed(n) == nil { throw ValidationError("--need \(n): expected CAPABILITY=N, N ≥ 1") }
            if let victims, victims < 0 { throw ValidationError("--victims must not be negative") }
        }

        func run() throws {
            let diagnostics = Diagnostics(program: "ccas-track")
            let store = try global.openStore(diagnostics: diagnostics)
            let message = FieldMessage(event: event, type: FieldMessage.Kind(rawValue: type)!, text: text, from: from, victims: victims,
                                       needs: need.compactMap(parseNeed), at: nowMillis(), exercise: global.isExercise)
            try perform(diagnostics) { try store.record(message, operator: global.resolvedOperator) }
            let out = RecordWriter(fd: 1)
            out.write(message.record)
            out.flush()
        }
    }
}

func parseNeed(_ text: String) -> (String, Int)? {
    let parts = text.split(separator: "=", maxSplits: 1)
    guard parts.count == 2, !parts[0].isEmpty, let n = Int(parts[1]), n >= 1 else { return nil }
    return (String(parts[0]), n)
}
