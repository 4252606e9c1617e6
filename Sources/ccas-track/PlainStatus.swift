import ArgumentParser
import CCASCLI
import CCASCore
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
        var values: [String: String] = [:]
        var flags: Set<String> = []
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
                guard values.updateValue(value!, forKey: name) == nil else { return nil }
            case "--force", "--exercise", "--quiet", "-q":
                let flag = name == "-q" ? "--quiet" : name
                guard value == nil, flags.insert(flag).inserted else { return nil }
            default:
                return nil
            }
        }
        guard positional.count == 2, let status = UnitStatus(text: positional[1]) else { return nil }
        var r = Request(unit: positional[0], status: status)
        if let at = values["--at"] {
            guard let t = TimeArgument.parse(at, now: now) else { return nil }
            r.at = t
        }
        if let lat = values["--lat"] {
            guard let v = Double(lat) else { return nil }
            r.lat = v
        }
        if let lon = values["--lon"] {
            guard let v = Double(lon) else { return nil }
            r.lon = v
        }
        guard (r.lat == nil) == (r.lon == nil) else { return nil }
        r.event = values["--event"]
        r.reason = values["--reason"]
        r.force = flags.contains("--force")
        guard !r.force || !(r.reason ?? "").isEmpty else { return nil }
        r.db = values["--db"]
        r.operatorName = values["--operator"]
        r.exercise = flags.contains("--exercise")
        r.quiet = flags.contains("--quiet")
        return r
    }

    /// Makes the change as `ccas-track status` does, with the same output and exit statuses.
    static func run(_ r: Request) {
        var global = GlobalOptions()
        global.db = r.db
        global.operatorName = r.operatorName
        global.quiet = r.quiet
        global.exercise = r.exercise
        do {
            try Track.Status.apply(global, unit: r.unit, status: r.status, at: r.at, event: r.event,
                                   lat: r.lat, lon: r.lon, force: r.force, reason: r.reason)
        } catch {
            Track.exit(withError: error)
        }
    }
}
