import Foundation
import Testing

/// `ccas purge` and the degraded mode of `ccas-intake`.
@Suite("ccas purge and degraded intake")
struct FrontDoorPurgeTests {
    @Test("purge --older-than removes personal data everywhere and leaves every report figure unchanged")
    func purgePersonalData() throws {
        let dir = Shell.tempDir()
        let db = dir + "/ccas.db"
        let sf = "'\(Shell.sharedData)/sf-fire-calls-2020-04-07.csv'"
        #expect(try Shell.run("ccas-intake -q --db '\(db)' --from csv --map examples/maps/sf-fire.json \(sf) > /dev/null").status == 0)
        #expect(try Shell.run("ccas-intake -q --db '\(db)' > /dev/null", stdin: FrontDoorTests.calls).status == 0)
        let message = try Shell.run("ccas-track message -q --db '\(db)' 2020-000001 --type bilan --text 'victime M. Jean Dupont, 06 12 34 56 78' > /dev/null")
        #expect(message.status == 0, "\(message.stderr)")
        // Every 2020 event closed an hour after it opened; the 2024 ones stay open.
        #expect(try Shell.run("sqlite3 '\(db)' \"UPDATE event SET status = 'CLOSED', closed_at = opened_at + 3600000 WHERE opened_at < 1600000000000\"").status == 0)
        let before = try Shell.run("ccas-track report --db '\(db)' --format ndjson")
        #expect(before.status == 0, "\(before.stderr)")
        let personal = dir + "/personal.sql"
        try """
            SELECT (SELECT count(*) FROM call WHERE phone IS NOT NULL OR address IS NOT NULL OR text IS NOT NULL),
                   (SELECT count(*) FROM event WHERE address IS NOT NULL OR phone IS NOT NULL),
                   (SELECT count(*) FROM call WHERE record LIKE '%"address":%' OR record LIKE '%"text":%' OR record LIKE '%"caller":%');
            """.write(toFile: personal, atomically: false, encoding: .utf8)
        let had = try Shell.run("sqlite3 '\(db)' < '\(personal)'")
        let dupont = try Shell.run("sqlite3 '\(db)' \"SELECT count(*) FROM journal WHERE subject = '2020-000001' AND payload LIKE '%Dupont%'\"")
        #expect(dupont.lines.first == "1", "the message is in the journal before: \(dupont.stdout)")
        let dry = try Shell.run("ccas purge --db '\(db)' --older-than 1y --dry-run")
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stderr.contains("would purge"))
        #expect(try Shell.run("sqlite3 '\(db)' < '\(personal)'").stdout == had.stdout, "a dry run changes nothing")
        let purge = try Shell.run("ccas purge --db '\(db)' --older-than 1y")
        #expect(purge.status == 0, "\(purge.stderr)")
        let events = purge.records.first?["events"] as? Int ?? 0
        #expect(events > 500, "\(purge.stdout)")
        // The SF calls had addresses; they are gone. The two 2024 calls (open events) keep theirs.
        let left = try Shell.run("sqlite3 '\(db)' < '\(personal)'")
        #expect(left.lines.first == "2|2|2", "\(had.stdout) → \(left.stdout)")
        try """
            SELECT count(*) FROM journal WHERE subject = '2020-000001' AND payload LIKE '%Dupont%';
            SELECT count(*) FROM message WHERE text LIKE '%Dupont%';
            """.write(toFile: dir + "/journal.sql", atomically: false, encoding: .utf8)
        let hadText = try Shell.run("sqlite3 '\(db)' < '\(dir)/journal.sql'")
        #expect(hadText.lines == ["0", "0"], "\(hadText.stdout)\(hadText.stderr)")
        let after = try Shell.run("ccas-track report --db '\(db)' --format ndjson")
        #expect(after.stdout == before.stdout, "report figures changed")
        // Again: nothing left to purge.
        let again = try Shell.run("ccas purge --db '\(db)' --older-than 1y")
        #expect(again.records.first?["events"] as? Int == 0, "\(again.stdout)")
    }

    @Test("purge --exercise removes exercise rows and nothing else")
    func purgeExercise() throws {
        let (_, db) = try FrontDoorTests.store()
        let ex = #"{"kind":"call","v":1,"id":"EXO-1","received_at":"2024-03-01T10:00:00Z","channel":"phone","text":"exercice"}"#
        #expect(try Shell.run("CCAS_MODE=exercise ccas-intake -q --db '\(db)' > /dev/null", stdin: ex + "\n").status == 0)
        let count = "SELECT (SELECT count(*) FROM call WHERE exercise = 1), (SELECT count(*) FROM call WHERE exercise = 0), (SELECT count(*) FROM journal WHERE exercise = 1);"
        #expect(try Shell.run("sqlite3 '\(db)' '\(count)'").lines.first == "1|2|2")
        let r = try Shell.run("ccas purge --exercise --db '\(db)'")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Shell.run("sqlite3 '\(db)' '\(count)'").lines.first == "0|2|0")
        #expect(try Shell.run("ccas purge --db '\(db)'").status == 64, "nothing said to purge")
    }

    static func manyCalls(_ n: Int, prefix: String) -> String {
        (0..<n).map {
            #"{"kind":"call","v":1,"id":"\#(prefix)-\#($0)","received_at":"2024-05-01T10:\#(String(format: "%02d", $0 % 60)):00Z","channel":"phone","caller":{"phone":"+3361234\#(String(format: "%04d", $0))"},"text":"appel \#($0)"}"#
        }.joined(separator: "\n") + "\n"
    }

    @Test("a locked store: every call printed and spooled (0600), exit 75; replay gets each in once")
    func degradedLocked() throws {
        let (dir, db) = try FrontDoorTests.store()
        let spool = dir + "/state/spool.ndjson"
        let calls = Self.manyCalls(30, prefix: "DG")
        try calls.write(toFile: dir + "/calls.ndjson", atomically: false, encoding: .utf8)
        let r = try Shell.run("""
            ( echo 'BEGIN EXCLUSIVE; INSERT INTO journal (at, operator, kind, subject, payload) VALUES (1, "t", "x", "x", "{}");'; sleep 4; echo 'ROLLBACK;' ) | sqlite3 '\(db)' &
            sleep 0.5
            ccas-intake --db '\(db)' --busy-timeout 0.3 --spool '\(spool)' '\(dir)/calls.ndjson'; status=$?
            wait
            exit $status
            """)
        #expect(r.status == 75, "\(r.stderr)")
        #expect(r.records.count == 30)
        #expect(r.stderr.contains("DEGRADED MODE"))
        let spooled = try String(contentsOfFile: spool, encoding: .utf8).split(separator: "\n")
        #expect(spooled.count == 30)
        #expect(FrontDoorTests.mode(spool) == 0o600)
        let replay = try Shell.run("ccas-intake replay --db '\(db)' '\(spool)'")
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.records.count == 30)
        #expect(replay.records.allSatisfy { $0["event_id"] != nil })
        let twice = try Shell.run("ccas-intake replay --db '\(db)' '\(spool)'")
        #expect(twice.status == 0)
        #expect(twice.records.allSatisfy { $0["duplicate"] as? Bool == true })
        let n = try Shell.run("sqlite3 '\(db)' \"SELECT count(*) FROM call WHERE id LIKE 'DG-%'\"")
        #expect(n.lines.first == "30")
    }

    @Test("a damaged store: calls printed and spooled to $XDG_STATE_HOME, exit 75; exercise calls stay exercise")
    func degradedDamaged() throws {
        let dir = Shell.tempDir()
        let db = dir + "/ccas.db"
        try String(repeating: "this is not a database ", count: 500).write(toFile: db, atomically: false, encoding: .utf8)
        let r = try Shell.run("ccas-intake --exercise --db '\(db)'", stdin: Self.manyCalls(5, prefix: "DM"), env: ["XDG_STATE_HOME": dir + "/state"])
        #expect(r.status == 75, "\(r.stderr)")
        #expect(r.records.count == 5)
        let spool = dir + "/state/ccas/spool.ndjson"
        #expect(try String(contentsOfFile: spool, encoding: .utf8).split(separator: "\n").count == 5)
        // Replayed into a healthy store, they are exercise calls.
        let good = dir + "/good.db"
        let replay = try Shell.run("ccas-intake replay -q --db '\(good)'", env: ["XDG_STATE_HOME": dir + "/state"])
        #expect(replay.status == 0, "\(replay.stderr)")
        let n = try Shell.run("sqlite3 '\(good)' \"SELECT count(*) FROM call WHERE exercise = 1\"")
        #expect(n.lines.first == "5")
    }
}
