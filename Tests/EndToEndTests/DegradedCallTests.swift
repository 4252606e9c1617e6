import Foundation
import Testing

/// Degraded mode for the calls an operator takes by hand (`ccas-intake call`, `guided`): the
/// store cannot be written, the call is printed and spooled, exit 75; replay puts it in once.
@Suite("degraded intake of typed and guided calls")
struct DegradedCallTests {
    /// Holds an exclusive lock on `db` for `seconds`, runs `command`, and exits with its status.
    static func whileLocked(_ db: String, _ command: String, seconds: Int = 4) -> String {
        """
        ( echo 'BEGIN EXCLUSIVE; INSERT INTO journal (at, operator, kind, subject, payload) VALUES (1, "t", "x", "x", "{}");'; sleep \(seconds); echo 'ROLLBACK;' ) | sqlite3 '\(db)' &
        sleep 0.5
        \(command); status=$?
        wait
        exit $status
        """
    }

    @Test("a typed call on a locked store: printed, spooled, loud, exit 75; replay stores it once")
    func typedCall() throws {
        let (dir, db) = try FrontDoorTests.store()
        let spool = dir + "/spool.ndjson"
        let r = try Shell.run(Self.whileLocked(db, """
            ccas-intake call --db '\(db)' --busy-timeout 0.3 --spool '\(spool)' --id TYPED-1 \
              --phone 0612345678 --address '3 rue de la Paix, Paris' --text 'il ne respire plus'
            """))
        #expect(r.status == 75, "\(r.stderr)")
        #expect(r.records.count == 1)
        #expect(r.records.first?["id"] as? String == "TYPED-1")
        #expect(r.stderr.contains("DEGRADED MODE"))
        #expect(r.stderr.contains("ccas-intake replay \(spool)"))
        let spooled = try String(contentsOfFile: spool, encoding: .utf8).split(separator: "\n")
        #expect(spooled.count == 1)
        #expect(spooled.first?.contains("TYPED-1") == true)
        #expect(FrontDoorTests.mode(spool) == 0o600)
        let count = "SELECT count(*) FROM call WHERE id = 'TYPED-1'"
        #expect(try Shell.run("sqlite3 '\(db)' \"\(count)\"").lines.first == "0")

        let replay = try Shell.run("ccas-intake replay --db '\(db)' '\(spool)'")
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.records.first?["event_id"] != nil)
        let again = try Shell.run("ccas-intake replay --db '\(db)' '\(spool)'")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.records.allSatisfy { $0["duplicate"] as? Bool == true })
        #expect(try Shell.run("sqlite3 '\(db)' \"\(count)\"").lines.first == "1")
    }

    @Test("a guided call on a damaged store: printed, spooled to $XDG_STATE_HOME, exit 75; replay stores it")
    func guidedCall() throws {
        let dir = Shell.tempDir()
        let db = dir + "/ccas.db"
        try String(repeating: "this is not a database ", count: 500).write(toFile: db, atomically: false, encoding: .utf8)
        let env = ["XDG_STATE_HOME": dir + "/state"]
        let r = try Shell.run("ccas-intake guided --db '\(db)'", stdin: "48.8691, 2.3311\n0612345678\nil y a de la fumée\n", env: env)
        #expect(r.status == 75, "\(r.stderr)")
        #expect(r.stderr.contains("DEGRADED MODE"))
        let printed = r.records.filter { $0["kind"] as? String == "call" }
        #expect(printed.count == 1)
        let spool = dir + "/state/ccas/spool.ndjson"
        let spooled = try String(contentsOfFile: spool, encoding: .utf8).split(separator: "\n")
        #expect(spooled.count == 1)
        #expect(spooled.first?.contains("fumée") == true)

        let good = dir + "/good.db"
        let replay = try Shell.run("ccas-intake replay -q --db '\(good)'", env: env)
        #expect(replay.status == 0, "\(replay.stderr)")
        let n = try Shell.run("sqlite3 '\(good)' \"SELECT count(*) FROM call WHERE text LIKE '%fumée%'\"")
        #expect(n.lines.first == "1")
    }
}
