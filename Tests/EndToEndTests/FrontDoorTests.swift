import Foundation
import Testing

/// `ccas`: running the programs, init, doctor, backup and restore, export and purge.
@Suite("ccas front door")
struct FrontDoorTests {
    static let calls = """
        {"kind":"call","v":1,"id":"FD-1","received_at":"2024-01-10T04:15:30.120Z","channel":"phone","caller":{"phone":"+33612345678","name":"Jeanne Martin"},"location":{"address":"12 rue de la République, Lyon","lat":45.762012,"lon":4.835701},"text":"mon père ne respire plus"}
        {"kind":"call","v":1,"id":"FD-2","received_at":"2024-01-10T05:40:00Z","channel":"sms","caller":{"phone":"+33611223344"},"location":{"address":"3 place Bellecour, Lyon","lat":45.7578,"lon":4.832},"text":"feu dans la cuisine"}

        """

    /// A store with two calls (and their events) in a fresh folder.
    static func store() throws -> (dir: String, db: String) {
        let dir = Shell.tempDir()
        let db = dir + "/ccas.db"
        let r = try Shell.run("ccas-intake -q --db '\(db)' > /dev/null", stdin: calls)
        #expect(r.status == 0, "\(r.stderr)")
        return (dir, db)
    }

    static func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? NSNumber)?.intValue ?? -1
    }

    @Test("ccas X runs ccas-X with its exit status; --help lists the programs; unknown X exits 64")
    func frontDoor() throws {
        let help = try Shell.run("ccas --help")
        #expect(help.status == 0)
        for name in ["intake", "classify", "dispatch", "notify", "track", "doctor", "backup", "purge"] {
            #expect(help.stdout.contains(name), "\(name) missing from ccas --help")
        }
        let version = try Shell.run("ccas intake --version")
        #expect(version.status == 0 && version.stdout.contains("0.1"), "\(version.stderr)")
        // The exit status of the program passes through (64: usage error of ccas-intake).
        let bad = try Shell.run("ccas intake --no-such-option")
        #expect(bad.status == 64)
        // Found beside ccas even when PATH does not have it.
        let beside = try Shell.run("'\(Shell.binDir)/ccas' classify --help", env: ["PATH": "/usr/bin:/bin"])
        #expect(beside.status == 0, "\(beside.stderr)")
        let unknown = try Shell.run("ccas frobnicate")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("frobnicate"))
    }

    @Test("ccas init creates the store 0600 and the référentiel, and run twice keeps edits")
    func initTwice() throws {
        let dir = Shell.tempDir()
        let env = ["XDG_CONFIG_HOME": dir + "/config", "XDG_DATA_HOME": dir + "/data"]
        let first = try Shell.run("ccas init", env: env)
        #expect(first.status == 0, "\(first.stderr)")
        let db = dir + "/data/ccas/ccas.db"
        #expect(Self.mode(db) == 0o600)
        let rules = dir + "/config/ccas/referentiel"
        for name in ["natures.yaml", "patterns.yaml", "engagement.yaml", "recipients.yaml"] {
            #expect(FileManager.default.fileExists(atPath: rules + "/" + name), "\(name)")
        }
        #expect(first.stdout.contains("created") && first.stdout.contains(rules))
        // An edit that keeps the file valid (the doctor below checks every file).
        let edited = "# edited\n" + (try String(contentsOfFile: rules + "/templates.yaml", encoding: .utf8))
        try edited.write(toFile: rules + "/templates.yaml", atomically: false, encoding: .utf8)
        let second = try Shell.run("ccas init", env: env)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("already there"))
        #expect(second.stdout.contains("kept your edited templates.yaml"))
        #expect(try String(contentsOfFile: rules + "/templates.yaml", encoding: .utf8) == edited)
        // The written référentiel is the one the doctor accepts.
        let doctor = try Shell.run("ccas doctor --format ndjson --rules '\(rules)'", env: env)
        #expect(doctor.status == 0, "\(doctor.stdout)")
    }

    func check(_ r: Shell.Result, _ name: String) -> String? {
        r.records.first { $0["check"] as? String == name }?["status"] as? String
    }

    @Test("ccas doctor runs quick_check once an hour per store file (cron every minute stays cheap); a replaced file is checked at once")
    func doctorQuickCheckEveryHour() throws {
        let (dir, db) = try Self.store()
        let env = ["XDG_STATE_HOME": dir + "/state"]
        func storeDetail(every: String? = nil) throws -> (String?, String) {
            var env = env
            if let every { env["CCAS_DOCTOR_QUICK_CHECK_EVERY"] = every }
            let r = try Shell.run("ccas doctor --db '\(db)' --format ndjson --open-limit 1000000000", env: env)
            let line = r.records.first { $0["check"] as? String == "store" }
            return (line?["status"] as? String, line?["detail"] as? String ?? "")
        }
        let first = try storeDetail()
        #expect(first.0 == "ok" && first.1.contains("passes quick_check"), "\(first)")
        let second = try storeDetail()
        #expect(second.0 == "ok" && second.1.contains("quick_check passed 0 min ago"), "\(second)")
        let forced = try storeDetail(every: "0")
        #expect(forced.1.contains("passes quick_check"), "\(forced)")
        // A damaged file put in the store's place is a new file: checked now, not trusted.
        let damaged = dir + "/damaged.db"
        try FileManager.default.copyItem(atPath: db, toPath: damaged)
        let handle = try #require(FileHandle(forUpdatingAtPath: damaged))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: Int(size) - 8192))
        try handle.close()
        #expect(rename(damaged, db) == 0)
        let replaced = try storeDetail()
        #expect(replaced.0 == "fail", "\(replaced)")
    }

    @Test("ccas doctor passes on a healthy store, quickly, and fails on a damaged one")
    func doctorStore() throws {
        let (dir, db) = try Self.store()
        let ok = try Shell.run("ccas doctor --db '\(db)' --format ndjson --open-limit 1000000000")
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        for name in ["store", "schema", "wal", "disk", "referentiel", "units", "notifications", "events", "clock"] {
            #expect(check(ok, name) == "ok", "\(name): \(ok.stdout)")
        }
        let table = try Shell.run("ccas doctor --db '\(db)' --format table")
        #expect(table.stdout.contains("quick_check"))
        // Missing store.
        let missing = try Shell.run("ccas doctor --db '\(dir)/none.db' --format ndjson")
        #expect(missing.status == 1)
        #expect(check(missing, "store") == "fail")
        // A damaged copy: garbage over the middle of the file.
        let damaged = dir + "/damaged.db"
        try FileManager.default.copyItem(atPath: db, toPath: damaged)
        let handle = try #require(FileHandle(forUpdatingAtPath: damaged))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: Int(size) - 8192))
        try handle.close()
        let bad = try Shell.run("ccas doctor --db '\(damaged)' --format ndjson")
        #expect(bad.status == 1, "\(bad.stdout)")
        #expect(check(bad, "store") == "fail", "\(bad.stdout)")
        // A bad référentiel.
        let rules = dir + "/rules"
        try FileManager.default.createDirectory(atPath: rules, withIntermediateDirectories: true)
        try "natures: [".write(toFile: rules + "/natures.yaml", atomically: false, encoding: .utf8)
        let badRules = try Shell.run("ccas doctor --db '\(db)' --rules '\(rules)' --format ndjson")
        #expect(badRules.status == 1)
        #expect(check(badRules, "referentiel") == "fail")
    }

    @Test("ccas doctor fails on a stale engaged unit, an overdue notification, warns on an old open event")
    func doctorOperations() throws {
        let (_, db) = try Self.store()
        // Bring the schema up to date (units, outbox) as the programs do on their first write.
        let units = try Shell.run("ccas-dispatch units import --db '\(db)' examples/units-departement.csv > /dev/null 2>&1; ccas init --db '\(db)' > /dev/null",
                                  env: ["XDG_CONFIG_HOME": NSTemporaryDirectory() + "ccas-fd-" + UUID().uuidString])
        #expect(units.status == 0, "\(units.stderr)")
        let old = Int64(Date().timeIntervalSince1970 * 1000) - 3 * 3600 * 1000
        let sql = """
            INSERT OR REPLACE INTO unit (id, type, station, capabilities, status, status_at, last_at, exercise, updated_at)
              VALUES ('FD-VSAV', 'VSAV', NULL, '[]', 'EN_ROUTE', \(old), \(old), 0, \(old));
            """
        #expect(try Shell.run("sqlite3 '\(db)' \"\(sql)\"").status == 0)
        let stale = try Shell.run("ccas doctor --db '\(db)' --format ndjson")
        #expect(stale.status == 1)
        #expect(check(stale, "units") == "fail", "\(stale.stdout)")
        // The same unit in exercise mode is not a real unit's problem.
        #expect(try Shell.run("sqlite3 '\(db)' \"UPDATE unit SET exercise = 1 WHERE id = 'FD-VSAV'\"").status == 0)
        let real = try Shell.run("ccas doctor --db '\(db)' --format ndjson")
        #expect(check(real, "units") == "ok", "\(real.stdout)")
        let exercise = try Shell.run("ccas doctor --exercise --db '\(db)' --format ndjson")
        #expect(check(exercise, "units") == "fail")
        #expect(try Shell.run("sqlite3 '\(db)' \"DELETE FROM unit WHERE id = 'FD-VSAV'\"").status == 0)

        let notification = """
            INSERT INTO notification (idempotency_key, recipient, channel, rule, payload, status, queued_at, next_attempt_at, deadline_at, operator)
              VALUES ('fd-1', 'chef', 'webhook', 'r1', '{}', 'sent', \(old), \(old), \(old + 60000), 'test');
            """
        #expect(try Shell.run("sqlite3 '\(db)' \"\(notification)\"").status == 0)
        let overdue = try Shell.run("ccas doctor --db '\(db)' --format ndjson")
        #expect(overdue.status == 1)
        #expect(check(overdue, "notifications") == "fail", "\(overdue.stdout)")
        #expect(try Shell.run("sqlite3 '\(db)' \"UPDATE notification SET status = 'failed', last_error = 'HTTP 500'\"").status == 0)
        let failing = try Shell.run("ccas doctor --db '\(db)' --format ndjson")
        #expect(check(failing, "notifications") == "warn", "\(failing.stdout)")
        #expect(failing.stdout.contains("HTTP 500"))
        // The two calls of 2024 opened events that are still open.
        #expect(check(failing, "events") == "warn")
        #expect(failing.status == 0, "warnings alone pass")
        // A journal row from the future: the clock went back.
        let future = Int64(Date().timeIntervalSince1970 * 1000) + 3_600_000
        #expect(try Shell.run("sqlite3 '\(db)' \"INSERT INTO journal (at, operator, kind, subject, payload) VALUES (\(future), 't', 'x', 'x', '{}')\"").status == 0)
        let clock = try Shell.run("ccas doctor --db '\(db)' --format ndjson")
        #expect(check(clock, "clock") == "fail", "\(clock.stdout)")
    }

    @Test("ccas backup while another process writes: the copy opens and has every committed row; --keep rotates")
    func backupWhileWriting() throws {
        let (dir, db) = try Self.store()
        // A writer adding calls one by one for the duration of the backups.
        var lines = ""
        for i in 0..<400 {
            lines += #"{"kind":"call","v":1,"id":"BK-\#(i)","received_at":"2024-02-01T10:00:00Z","channel":"phone","text":"appel \#(i)"}"# + "\n"
        }
        try lines.write(toFile: dir + "/many.ndjson", atomically: false, encoding: .utf8)
        let script = """
            ( while read -r line; do printf '%s\\n' "$line"; sleep 0.005; done < '\(dir)/many.ndjson' | ccas-intake -q --db '\(db)' > /dev/null ) &
            writer=$!
            sleep 0.3
            for n in 1 2 3; do ccas backup -q --db '\(db)' '\(dir)/backup.db' --keep 2 || exit 9; done
            wait $writer
            """
        let r = try Shell.run(script)
        #expect(r.status == 0, "\(r.stderr)")
        for file in ["backup.db", "backup.db.1", "backup.db.2"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + file), "\(file)")
        }
        #expect(Self.mode(dir + "/backup.db") == 0o600)
        // Every call in the copy has its event and journal row (a consistent snapshot).
        let q = try Shell.run("""
            sqlite3 '\(dir)/backup.db' "PRAGMA integrity_check; SELECT count(*) FROM call; \
            SELECT count(*) FROM call c LEFT JOIN event e ON e.id = c.event_id WHERE e.id IS NULL; \
            SELECT count(*) FROM call c WHERE NOT EXISTS (SELECT 1 FROM journal j WHERE j.subject = c.id);"
            """)
        let out = q.lines
        #expect(out.first == "ok", "\(q.stdout)\(q.stderr)")
        #expect((Int(out[safe: 1] ?? "") ?? 0) >= 2)
        #expect(out[safe: 2] == "0" && out[safe: 3] == "0", "\(q.stdout)")
        #expect(try Shell.run("ccas doctor --db '\(dir)/backup.db' --format ndjson").status == 0)
    }

    @Test("ccas restore checks the file, keeps the current store, refuses while a program writes")
    func restore() throws {
        let (dir, db) = try Self.store()
        #expect(try Shell.run("ccas backup -q --db '\(db)' '\(dir)/b.db'").status == 0)
        // A backup folder that does not exist yet is created, owner-only.
        #expect(try Shell.run("ccas backup -q --db '\(db)' '\(dir)/new/backups/b.db'").status == 0)
        #expect(Self.mode(dir + "/new/backups") == 0o700 && Self.mode(dir + "/new/backups/b.db") == 0o600)
        let more = #"{"kind":"call","v":1,"id":"FD-9","received_at":"2024-03-01T10:00:00Z","channel":"phone","text":"après la sauvegarde"}"#
        #expect(try Shell.run("ccas-intake -q --db '\(db)' > /dev/null", stdin: more + "\n").status == 0)
        // Not a store: refused, nothing changed.
        try "not a database at all, not at all".write(toFile: dir + "/junk.db", atomically: false, encoding: .utf8)
        let junk = try Shell.run("ccas restore --db '\(db)' '\(dir)/junk.db'")
        #expect(junk.status == 65, "\(junk.stderr)")
        #expect(try Shell.run("sqlite3 '\(db)' \"SELECT count(*) FROM call WHERE id = 'FD-9'\"").lines.first == "1")
        // A writer holds a write transaction: refused with 75.
        let locked = try Shell.run("""
            ( echo 'BEGIN IMMEDIATE; INSERT INTO journal (at, operator, kind, subject, payload) VALUES (1, "t", "x", "x", "{}");'; sleep 3; echo 'ROLLBACK;' ) | sqlite3 '\(db)' &
            sleep 0.5
            ccas restore --db '\(db)' '\(dir)/b.db'; status=$?
            wait
            exit $status
            """)
        #expect(locked.status == 75, "\(locked.stderr)")
        let r = try Shell.run("ccas restore --db '\(db)' '\(dir)/b.db'")
        #expect(r.status == 0, "\(r.stderr)")
        let count = try Shell.run("sqlite3 '\(db)' \"SELECT count(*) FROM call WHERE id = 'FD-9'\"")
        #expect(count.lines.first == "0")
        let kept = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("ccas.db.before-restore-") }
        #expect(kept.count == 1)
        if let kept = kept.first {
            let there = try Shell.run("sqlite3 '\(dir)/\(kept)' \"SELECT count(*) FROM call WHERE id = 'FD-9'\"")
            #expect(there.lines.first == "1")
        }
        #expect(try Shell.run("ccas doctor --db '\(db)' --format ndjson").status == 0)
        // The programs go on with the restored store.
        #expect(try Shell.run("ccas-intake -q --db '\(db)' > /dev/null", stdin: more + "\n").status == 0)
    }

    @Test("ccas export-journal writes the log book as NDJSON, exercise rows apart")
    func exportJournal() throws {
        let (_, db) = try Self.store()
        let ex = #"{"kind":"call","v":1,"id":"EXO-1","received_at":"2024-03-01T10:00:00Z","channel":"phone","text":"exercice"}"#
        #expect(try Shell.run("ccas-intake -q --exercise --db '\(db)' > /dev/null", stdin: ex + "\n").status == 0)
        let all = try Shell.run("ccas export-journal -q --db '\(db)'")
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.records.count >= 4)
        #expect(all.records.allSatisfy { $0["kind"] as? String == "journal" && $0["exercise"] as? Bool == false })
        let exercise = try Shell.run("ccas export-journal -q --exercise --db '\(db)'")
        #expect(exercise.records.count >= 1 && exercise.records.allSatisfy { $0["exercise"] as? Bool == true })
        let last = all.records.last?["seq"] as? Int ?? 0
        let after = try Shell.run("ccas export-journal -q --db '\(db)' --after \(last)")
        #expect(after.records.isEmpty)
        let since = try Shell.run("ccas export-journal -q --db '\(db)' --since 1h")
        #expect(since.records.count == all.records.count)
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
