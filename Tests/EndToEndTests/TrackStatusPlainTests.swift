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
            ("FPT-1 en-route --event 2026-999999 --at 2026-11-29T10:05:30Z", 1),
            ("FPT-1 en-route --exercise --at 2026-11-29T10:06:00Z --operator op-b", 0),
            ("FPT-1 on-scene --event 2026-000001 --at 2026-11-29T10:07:00Z", 0),
            ("FPT-1 available --force --reason 'retour direct' --at 2026-11-29T10:08:00Z", 0),
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
            SELECT number, status FROM event ORDER BY id;
            SELECT unit, released_at, release_reason FROM engagement ORDER BY id;
            """
        let rowsA = try Shell.run("sqlite3 '\(plain)' \"\(query)\"")
        let rowsB = try Shell.run("sqlite3 '\(parsed)' \"\(query)\"")
        #expect(rowsA.status == 0 && !rowsA.lines.isEmpty)
        #expect(rowsA.lines == rowsB.lines)
        #expect(rowsA.stdout.contains("unit.status.forced") && rowsA.stdout.contains("radio en panne"))
        #expect(rowsA.lines.contains { $0.hasPrefix("FPT-1|EN_ROUTE|") && $0.hasSuffix("|op-b|1") })
    }

    @Test("the store, the operator and the mode from the environment, as GlobalOptions reads them")
    func environment() throws {
        let plain = dir + "/env-plain.db", parsed = dir + "/env-parsed.db"
        try setUp(plain)
        try setUp(parsed)
        let env = ["CCAS_OPERATOR": "op-env", "CCAS_MODE": "Exercise"]
        let a = try Shell.run("ccas-track status VSAV-1 acknowledged --at 2026-11-29T10:01:00Z", env: env.merging(["CCAS_DB": plain]) { $1 })
        let b = try Shell.run("ccas-track status VSAV-1 acknowledged --at 2026-11-29T10:01:00Z -q -q", env: env.merging(["CCAS_DB": parsed]) { $1 })
        #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
        #expect(a.stdout == b.stdout && a.stdout.contains("op-env"))
        let query = "SELECT kind, subject, payload, operator, exercise FROM journal WHERE kind LIKE 'unit.status%'"
        let rowsA = try Shell.run("sqlite3 '\(plain)' \"\(query)\""), rowsB = try Shell.run("sqlite3 '\(parsed)' \"\(query)\"")
        #expect(rowsA.lines == rowsB.lines && rowsA.lines.count == 1 && rowsA.stdout.hasSuffix("|op-env|1\n"), "\(rowsA.stdout)")
        // No --db and no CCAS_DB: $XDG_DATA_HOME/ccas/ccas.db, changed directly.
        let xdg = dir + "/xdg"
        try setUp(xdg + "/ccas/ccas.db")
        let c = try Shell.run("ccas-track status FPT-1 alerted", env: ["XDG_DATA_HOME": xdg])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(walKept(xdg + "/ccas/ccas.db"))
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

    /// The plain form's direct connection keeps the WAL file when it closes the store last
    /// (SQLITE_FCNTL_PERSIST_WAL); `Store`'s connections delete it: that tells the two ways apart
    /// from outside.
    func walKept(_ db: String) -> Bool { FileManager.default.fileExists(atPath: db + "-wal") }

    @Test("the plain form writes a current store directly; missing, newer and damaged stores go through Store, same words")
    func directOrStore() throws {
        let db = dir + "/ccas.db"
        try setUp(db)
        #expect(!walKept(db))
        let plain = try Shell.run("ccas-track status --db '\(db)' FPT-1 en-route --at 2026-11-29T10:01:00Z")
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(walKept(db), "the plain form went through Store")
        // The change was checkpointed into the store file all the same: a copy of the file alone has it.
        let copy = try Shell.run("cp '\(db)' '\(dir)/copy.db' && sqlite3 '\(dir)/copy.db' \"SELECT status FROM unit WHERE id = 'FPT-1'\"")
        #expect(copy.stdout == "EN_ROUTE\n", "\(copy.stderr)")
        let parsed = try Shell.run("ccas-track status --db '\(db)' FPT-1 on-scene --at 2026-11-29T10:02:00Z -q -q")
        #expect(parsed.status == 0, "\(parsed.stderr)")
        #expect(!walKept(db))

        // A store written by a newer ccas: refused both ways, unchanged.
        let newer = dir + "/newer.db"
        try setUp(newer)
        #expect(try Shell.run("sqlite3 '\(newer)' \"INSERT INTO grdb_migrations VALUES ('v99-from-the-future')\"").status == 0)
        // A missing store (created, then the unit is unknown) and a file that is not a store.
        let junk = dir + "/junk.db"
        try String(repeating: "not a store ", count: 100).write(toFile: junk, atomically: true, encoding: .utf8)
        for (path, status) in [(newer, Int32(74)), (dir + "/new-a.db", 1), (junk, 75)] {
            let a = try Shell.run("ccas-track status --db '\(path)' FPT-1 en-route")
            let b = try Shell.run("ccas-track status --db '\(path.replacingOccurrences(of: "new-a", with: "new-b"))' FPT-1 en-route -q -q")
            #expect(a.status == status, "\(path): \(a.stderr)")
            #expect(b.status == a.status && b.stderr == a.stderr.replacingOccurrences(of: "new-a", with: "new-b"), "\(path): \(b.stderr)")
            #expect(a.stdout.isEmpty)
        }
        let newerRows = try Shell.run("sqlite3 '\(newer)' \"SELECT count(*) FROM status_log WHERE status = 'EN_ROUTE'\"")
        #expect(newerRows.stdout == "0\n")
    }

    @Test("a store locked past the busy timeout: exit 75 and the same words both ways, nothing changed")
    func locked() throws {
        let db = dir + "/ccas.db"
        try setUp(db)
        // A writer holds the store for longer than the 10 s busy timeout; both forms wait at once.
        let r = try Shell.run("""
            python3 -c "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep(14)" '\(db)' > '\(dir)/lock.out' &
            until grep -q locked '\(dir)/lock.out' 2>/dev/null; do sleep 0.05; done
            ccas-track status --db '\(db)' FPT-1 en-route > '\(dir)/a.out' 2> '\(dir)/a.err' & a=$!
            ccas-track status --db '\(db)' FPT-1 en-route -q -q > '\(dir)/b.out' 2> '\(dir)/b.err' & b=$!
            wait $a; echo "a=$?"; wait $b; echo "b=$?"
            cat '\(dir)/a.out' '\(dir)/b.out'; cat '\(dir)/a.err' '\(dir)/b.err' >&2
            wait
            """)
        #expect(r.lines == ["a=75", "b=75"], "\(r.stdout) \(r.stderr)")
        #expect(r.errLines.count == 2 && r.errLines[0] == r.errLines[1] && r.stderr.contains("stayed locked"), "\(r.stderr)")
        let rows = try Shell.run("sqlite3 '\(db)' \"SELECT count(*) FROM status_log WHERE status = 'EN_ROUTE'\"")
        #expect(rows.stdout == "0\n")
    }
}
