import ArgumentParser
import CCASCLI
import CCASCore
import CCASStore

extension Track {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Change a unit's status (exit 1, nothing changed, when the change is illegal).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The unit.") var unit: String
        @Argument(help: "The new status (EN_ROUTE, en-route, on-scene…).") var status: String
        @Option(help: "The event the unit serves.") var event: String?
        @Option(help: "When (ISO 8601; default now).") var at: String?
        @Option(help: "Latitude of the unit.") var lat: Double?
        @Option(help: "Longitude of the unit.") var lon: Double?
        @Flag(help: "Allow a change the status machine refuses (needs --reason).") var force = false
        @Option(help: "Why the change is forced; goes in the journal.") var reason: String?

        func validate() throws {
            if UnitStatus(text: status) == nil {
                throw ValidationError("unknown status \(status); one of \(UnitStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if force, (reason ?? "").isEmpty { throw ValidationError("--force needs --reason, which goes in the journal") }
            if (lat == nil) != (lon == nil) { throw ValidationError("--lat and --lon go together") }
            if let at, TimeArgument.parse(at) == nil { throw ValidationError("--at \(at) is not a time") }
        }

        func run() throws {
            try Status.apply(storePath: global.storePath, operatorName: global.resolvedOperator, exercise: global.isExercise,
                             unit: unit, status: UnitStatus(text: status)!, at: at.flatMap { TimeArgument.parse($0) },
                             event: event, lat: lat, lon: lon, force: force, reason: reason,
                             openStore: { [global] in try global.openStore(diagnostics: $0) })
        }

        /// Makes the change and prints its record: `run()` and the plain form (`PlainStatus`) share it.
        /// `direct`: on one plain SQLite connection (`StatusConnection`) when the store allows it,
        /// else through `openStore`'s `Store`; the plain form asks for it, the parsed form does
        /// not (so the tests can compare the two).
        static func apply(storePath: String, operatorName: String, exercise: Bool, unit: String, status: UnitStatus, at: Int64?,
                          event: String?, lat: Double?, lon: Double?, force: Bool, reason: String?, direct: Bool = false,
                          openStore: (Diagnostics) throws -> Store) throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-track")
            let change = StatusChange(unit: unit, status: status, at: at ?? nowMillis(),
                                      event: event, lat: lat, lon: lon, force: force, reason: reason, exercise: exercise)
            let result: StatusChangeResult
            if direct, let done = try perform(diagnostics, { try StatusConnection.changeStatus(path: storePath, change, operator: operatorName) }) {
                result = done
            } else {
                let store = try openStore(diagnostics)
                result = try perform(diagnostics) { try store.changeStatus(change, operator: operatorName) }
            }
            let out = RecordWriter(fd: 1)
            out.write(statusRecord(result, change: change, operatorName: operatorName))
            out.flush()
        }
    }
}

/// The `status` record for a change that was made.
func statusRecord(_ result: StatusChangeResult, change: StatusChange, operatorName: String) -> JSONObject {
    var r: JSONObject = ["kind": "status", "v": 1, "unit": .string(result.unit), "status": .string(result.to.rawValue),
                         "from": .string(result.from.rawValue), "at": .string(Timestamp(milliseconds: change.at).iso8601)]
    if let event = result.event { r["event_id"] = .string(event) }
    if let lat = change.lat, let lon = change.lon { r["location"] = ["lat": .double(lat), "lon": .double(lon)] }
    if let s = result.eventStatus { r["event_status"] = .string(s.rawValue) }
    if result.forced { r["forced"] = true; r["reason"] = .string(change.reason ?? "") }
    r["operator"] = .string(operatorName)
    return r
}
