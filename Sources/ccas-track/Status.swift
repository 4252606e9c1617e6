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
            try Status.apply(global, unit: unit, status: UnitStatus(text: status)!, at: at.flatMap { TimeArgument.parse($0) },
                             event: event, lat: lat, lon: lon, force: force, reason: reason)
        }

        /// Makes the change and prints its record: `run()` and the plain form (`PlainStatus`) share it.
        static func apply(_ global: GlobalOptions, unit: String, status: UnitStatus, at: Int64?, event: String?,
                          lat: Double?, lon: Double?, force: Bool, reason: String?) throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-track")
            let store = try global.openStore(diagnostics: diagnostics)
            let operatorName = global.resolvedOperator
            let change = StatusChange(unit: unit, status: status, at: at ?? nowMillis(),
                                      event: event, lat: lat, lon: lon, force: force, reason: reason, exercise: global.isExercise)
            let result = try perform(diagnostics) { try store.changeStatus(change, operator: operatorName) }
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
