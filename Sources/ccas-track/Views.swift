import ArgumentParser
import CCASCLI
import CCASCore
import CCASStore
import Foundation

extension Track {
    struct Events: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "events", abstract: "List events, newest first.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Only events not closed or cancelled.") var open = false
        @Option(help: "Only events opened since (ISO 8601, or 24h, 7d…).") var since: String?
        @Option(help: "table, ndjson or csv (default: table on a terminal, else ndjson).") var format: ListingFormat?

        func validate() throws {
            if let since, TimeArgument.parse(since) == nil { throw ValidationError("--since \(since) is not a time") }
        }

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-track")
            let store = try global.openStore(diagnostics: diagnostics)
            let lines = try perform(diagnostics) { try store.eventLines(openOnly: open, since: since.flatMap { TimeArgument.parse($0) }) }
            let headers = ["event", "status", "priority", "nature", "opened", "calls", "units", "address"]
            let rows = lines.map { [$0.number, $0.status, $0.priority ?? "", $0.nature ?? "", Timestamp(milliseconds: $0.openedAt).iso8601,
                                    String($0.calls), $0.units.joined(separator: " "), $0.address ?? ""] }
            emitListing(format, headers: headers, rows: rows, records: lines.map(\.json))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Everything about one event: calls, classification and its reasons, units and their times, messages, notifications, talkgroup.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event number.") var event: String

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-track")
            let store = try global.openStore(diagnostics: diagnostics)
            let detail = try perform(diagnostics) { try store.eventDetail(event) }
            let out = RecordWriter(fd: 1)
            if Terminal.isTTY(1) { out.write(text: EventSheet.render(detail)) } else { out.write(detail) }
            out.flush()
        }
    }

    struct Units: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "units", abstract: "List units with their status, event and last position.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only units with this status.") var status: String?
        @Option(help: "table, ndjson or csv.") var format: ListingFormat?

        func validate() throws {
            if let status, UnitStatus(text: status) == nil { throw ValidationError("unknown status \(status)") }
        }

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-track")
            let store = try global.openStore(diagnostics: diagnostics)
            let wanted = status.flatMap { UnitStatus(text: $0) }
            let units = try perform(diagnostics) { try store.units() }.filter { wanted == nil || $0.status == wanted }
            let rows = units.map { [$0.id, $0.type, $0.station ?? "", $0.status.rawValue, $0.event ?? "",
                                    Timestamp(milliseconds: $0.statusAt).iso8601] }
            let records: [JSONObject] = units.map { u in
                var r: JSONObject = ["kind": "unit", "v": 1, "id": .string(u.id), "type": .string(u.type), "station": .optional(u.station),
                                     "status": .string(u.status.rawValue), "status_at": .string(Timestamp(milliseconds: u.statusAt).iso8601),
                                     "event_id": .optional(u.event)]
                if let lat = u.lastLat ?? u.homeLat, let lon = u.lastLon ?? u.homeLon { r["location"] = ["lat": .double(lat), "lon": .double(lon)] }
                return r
            }
            emitListing(format, headers: ["unit", "type", "station", "status", "event", "since"], rows: rows, records: records)
        }
    }

    struct Journal: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "journal",
            abstract: "The log book as NDJSON; --follow waits for new rows like tail -f.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Start after this sequence number, or at this time (ISO 8601, 24h…).") var since: String?
        @Flag(help: "Keep printing new rows as they are written.") var follow = false
        // 20 ms: a look is one indexed read (tens of µs); at 50 ms, p99 from commit to line was
        // 107 ms on a loaded machine (ccas-bench track-follow), over the 100 ms the room expects.
        @Option(help: "Milliseconds between looks at the store while following.") var pollMs = 20

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-track")
            let store = try global.openStore(diagnostics: diagnostics)
            var after: Int64 = 0
            if let since {
                if let seq = Int64(since) { after = seq } else if let t = TimeArgument.parse(since) {
                    after = try perform(diagnostics) { try store.journalSeq(atOrAfter: t) } - 1
                } else { throw ValidationError("--since is a sequence number or a time") }
            }
            let out = RecordWriter(fd: 1)
            // Reads by sequence number: a WAL checkpoint or another writer changes nothing to what we see.
            while true {
                let rows = try perform(diagnostics) { try store.journal(after: after, limit: 5000) }
                for row in rows { out.write(row.json) }
                out.flush()
                if out.pipeClosed { return }
                if let last = rows.last { after = last.seq }
                if rows.count == 5000 { continue }
                if !follow { return }
                usleep(useconds_t(max(pollMs, 5) * 1000))
            }
        }
    }
}

/// An event for a person on a terminal.
enum EventSheet {
    static func render(_ e: JSONObject) -> String {
        var s = "Event \(e["event_id"]?.stringValue ?? "?")  \(e["status"]?.stringValue ?? "")  \(e["priority"]?.stringValue ?? "")  \(e["nature"]?.stringValue ?? "")\n"
        if let a = e["address"]?.stringValue { s += "  where: \(a)\n" }
        s += "  opened: \(e["opened_at"]?.stringValue ?? "")\n"
        for c in e["calls"]?.arrayValue ?? [] {
            s += "  call \(c["id"]?.stringValue ?? "") \(c["received_at"]?.stringValue ?? "") \(c["channel"]?.stringValue ?? ""): \(c["text"]?.stringValue ?? "")\n"
            for because in c["classification"]?["because"]?.arrayValue ?? [] { s += "    because \(because.stringValue ?? "\(because)")\n" }
        }
        for u in e["units"]?.arrayValue ?? [] {
            s += "  \(u["at"]?.stringValue ?? "")  \(u["unit"]?.stringValue ?? "") \(u["status"]?.stringValue ?? "")\n"
        }
        for m in e["messages"]?.arrayValue ?? [] {
            s += "  message \(m["type"]?.stringValue ?? ""): \(m["text"]?.stringValue ?? "")\n"
        }
        if let tg = e["talkgroup"]?.stringValue { s += "  talkgroup: \(tg)\n" }
        return s
    }
}
