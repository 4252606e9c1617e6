import ArgumentParser
import CCASCLI
import CCASCore
import CCASStore
import Foundation

/// `ccas-track status UNIT STATUS [--db …] [--operator …] [--event …] [--at …] [--lat … --lon …]
/// [--force --reason …] [--exercise] [-q]`, the command a radio operator or a mobile terminal
/// gateway runs for every status, answered before ArgumentParser runs: its reflection over the
/// command's options (protocol conformance scans) was a third of the instructions of a whole
/// status change (callgrind, release build). Only a plain form takes this path: each option at
/// most once, every value valid; anything else (help, a typo, a missing or dash-led value, an
/// unknown status, `--force` without a reason) goes through the full parser, which says why.
enum PlainStatus {
    struct Request: Equatable {
        var unit = ""
        var status = UnitStatus.available
        var at: Int64?
        var event: String?
        var lat: Double?
        var lon: Double?
        var force = false
        var reason: String?
        var db: String?
        var operatorName: String?
        var exercise = false
        var quiet = false
    }

    static func request(_ arguments: ArraySlice<String>, now: Int64 = Timestamp.now.milliseconds) -> Request? {
        guard arguments.first == "status" else { return nil }
        // Plain optionals rather than a dictionary and a set: the first String-keyed hash table
        // of a run costs a protocol conformance scan of the whole static binary (callgrind).
        var db, operatorName, event, at, lat, lon, reason: String?
        var force = false, exercise = false, quiet = false
        var positional: [String] = []
        var i = arguments.startIndex + 1
        while i < arguments.endIndex {
            var name = arguments[i]
            i += 1
            guard name.hasPrefix("-") else {
                positional.append(name)
                continue
            }
            var value: String?
            if let eq = name.firstIndex(of: "=") {
                value = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            switch name {
            case "--db", "--operator", "--event", "--at", "--lat", "--lon", "--reason":
                if value == nil {
                    // A value that looks like an option (or a negative coordinate) is the parser's to judge.
                    guard i < arguments.endIndex, !arguments[i].hasPrefix("-") else { return nil }
                    value = arguments[i]
                    i += 1
                }
                func once(_ slot: inout String?) -> Bool {
                    guard slot == nil else { return false }
                    slot = value
                    return true
                }
                let first = switch name {
                case "--db": once(&db)
                case "--operator": once(&operatorName)
                case "--event": once(&event)
                case "--at": once(&at)
                case "--lat": once(&lat)
                case "--lon": once(&lon)
                default: once(&reason)
                }
                guard first else { return nil }
            case "--force", "--exercise", "--quiet", "-q":
                guard value == nil else { return nil }
                func once(_ flag: inout Bool) -> Bool {
                    defer { flag = true }
                    return !flag
                }
                let first = switch name {
                case "--force": once(&force)
                case "--exercise": once(&exercise)
                default: once(&quiet)
                }
                guard first else { return nil }
            default:
                return nil
            }
        }
        guard positional.count == 2, let status = UnitStatus(text: positional[1]) else { return nil }
        var r = Request(unit: positional[0], status: status)
        if let at {
            guard let t = TimeArgument.parse(at, now: now) else { return nil }
            r.at = t
        }
        if let lat {
            guard let v = Double(lat) else { return nil }
            r.lat = v
        }
        if let lon {
            guard let v = Double(lon) else { return nil }
            r.lon = v
        }
        guard (r.lat == nil) == (r.lon == nil) else { return nil }
        r.event = event
        r.reason = reason
        r.force = force
        guard !r.force || !(r.reason ?? "").isEmpty else { return nil }
        r.db = db
        r.operatorName = operatorName
        r.exercise = exercise
        r.quiet = quiet
        return r
    }

    /// Makes the change as `ccas-track status` does, with the same output and exit statuses.
    /// The store, the operator and the mode are read as `GlobalOptions` reads them, but variable
    /// by variable (`getenv`) rather than through ProcessInfo's whole environment, and without
    /// building `GlobalOptions` (its option wrappers), unless the store has to be opened by `Store`.
    static func run(_ r: Request) {
        do {
            try Track.Status.apply(storePath: r.db ?? Store.defaultPath(variable: variable), operatorName: operatorName(r),
                                   exercise: r.exercise || variable("CCAS_MODE")?.lowercased() == "exercise",
                                   unit: r.unit, status: r.status, at: r.at, event: r.event, lat: r.lat, lon: r.lon,
                                   force: r.force, reason: r.reason, direct: true,
                                   openStore: { diagnostics in
                                       var global = GlobalOptions()
                                       global.db = r.db
                                       return try global.openStore(diagnostics: diagnostics)
                                   })
        } catch {
            Track.exit(withError: error)
        }
    }

    static func variable(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    /// `--operator`, else `$CCAS_OPERATOR`, else the login name (GlobalOptions.resolvedOperator).
    static func operatorName(_ r: Request) -> String {
        if let name = r.operatorName, !name.isEmpty { return name }
        if let env = variable("CCAS_OPERATOR"), !env.isEmpty { return env }
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return variable("USER") ?? "unknown"
    }
}
