import Foundation
import Testing

/// `ccas-track status` answers its plain form before ArgumentParser runs (PlainStatus): the same
/// commands, run on two identical stores, once plainly and once through the full parser (a `--`
/// before the arguments is not a plain form), must print, refuse and journal the same.
@Suite("ccas-track status, plain form against the full parser")
struct TrackStatusPlainTests {
    let dir = Shell.tempDir()

    func setUp(_ db: String) throws {
        let units = "id,type,station,lat,lon\nVSAV-1,VSAV,CIS-A,45.76,4.83\nFPT-1,FPT,CIS-A,45.76,4.83\n"
        try units.write(toFile: dir + "/units.csv", atomically: true, encoding: .utf8)
        let call = #"{"id":"T-1","received_at":"2026-11-29T10:00:00Z","channel":"phone","location":{"lat":45.7578,"lon":4.832},"text":"il ne respire plus"}"#
        let r = try Shell.run("""
            ccas-dispatch units import --db '\(db)' '\(dir)/units.csv' >/dev/null 2>&1 &&
            ccas-intake -q --db '\(db)' | ccas-classify -q --db '\(db)' >/dev/null &&
            ccas-dispatch engage --db '\(db)' 2026-000001 VSAV-1 FPT-1 >/dev/null
            """, stdin: call + "\n")
        #expect(r.status == 0, "set-up: \(r.stderr)")
    }

    @Test("the same records, refusals, exit statuses and journal rows either way")
    func sameAsParser() throws {
        let plain = dir + "/plain.db", parsed = dir + "/parsed.db"
        try setUp(plain)
        try setUp(parsed)
        // (Set-up rows, stamped now, differ between the stores: only the statuses below are compared.)
        // Options before, between and after the arguments; `=` forms; refusals (exit 1) and
        // what only the parser judges (exit 64: no reason, an unknown status, a missing value).
        let commands: [(args: String, status: Int32)] = [
            ("VSAV-1 acknowledged --at 2026-11-29T10:01:00Z --operator op-a", 0),
            ("--at=2026-11-29T10:02:00Z VSAV-1 en-route --lat 45.759 --lon=4.831 --event 2026-000001", 0),
            ("VSAV-1 at-hospital --at 2026-11-29T10:03:00Z", 1),
            ("NOPE-9 en-route --at 2026-11-29T10:03:00Z", 1),
            ("VSAV-1 at-hospital --force --at 2026-11-29T10:04:00Z", 64),
            ("VSAV-1 at-hospital --force --reason 'radio en panne' --at 2026-11-29T10:04:00Z -q", 0),
            ("FPT-1 nowhere --at 2026-11-29T10:05:00Z", 64),
            ("FPT-1 en-route --at", 64),
            ("FPT-1 en-route --lat 45.7 --at 2026-11-29T10:05:00Z", 64),
            ("FPT-1 en-route --exercise --at 2026-11-29T10:06:00Z --operator op-b", 0),
        ]
        for (args, status) in commands {
            let a = try Shell.run("ccas-track status --db '\(plain)' \(args)")
            // A repeated flag is not a plain form; the parser accepts it.
            let b = try Shell.run("ccas-track status --db '\(parsed)' \(args) -q -q")
            #expect(a.status == status, "\(args): \(a.stderr)")
            #expect(b.status == a.status, "\(args): \(b.stderr)")
            #expect(a.stdout == b.stdout, "\(args)")
            #expect(a.stderr == b.stderr, "\(args)")
        }
        let query = """
            SELECT kind, subject, payload, operator, exercise FROM journal WHERE kind LIKE 'unit.status%' ORDER BY seq;
            SELECT id, status, status_at, event_id, last_lat, last_lon FROM unit ORDER BY id;
            SELECT unit, status, at, event_id, lat, lon, operator, exercise FROM status_log WHERE status != 'ALERTED' ORDER BY id;
            """
        let rowsA = try Shell.run("sqlite3 '\(plain)' \"\(query)\"")
        let rowsB = try Shell.run("sqlite3 '\(parsed)' \"\(query)\"")
        #expect(rowsA.status == 0 && !rowsA.lines.isEmpty)
        #expect(rowsA.lines == rowsB.lines)
        #expect(rowsA.stdout.contains("unit.status.forced") && rowsA.stdout.contains("radio en panne"))
        #expect(rowsA.lines.contains { $0.hasPrefix("FPT-1|EN_ROUTE|") && $0.hasSuffix("|op-b|1") })
    }

    @Test("help, a negative coordinate and an unknown option still go through the parser")
    func parserForms() throws {
        let db = dir + "/ccas.db"
        try setUp(db)
        let help = try Shell.run("ccas-track status --help")
        #expect(help.status == 0 && help.stdout.contains("--reason"))
        let negative = try Shell.run("ccas-track status --db '\(db)' FPT-1 en-route --lat 37.77 --lon=-122.41")
        #expect(negative.status == 0, "\(negative.stderr)")
        #expect((negative.records.first?["location"] as? [String: Any])?["lon"] as? Double == -122.41)
        let unknown = try Shell.run("ccas-track status --db '\(db)' FPT-1 on-scene --color")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--color"))
    }
}
