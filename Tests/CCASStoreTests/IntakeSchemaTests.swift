import CCASCore
import Foundation
import GRDB
import Testing

@testable import CCASStore

/// Migration v6: the intake keeps the event's call columns itself (no trigger on `call`), and the
/// journal numbers rows without AUTOINCREMENT but never reuses a number a follower has seen.
@Suite("Intake schema (v6)")
struct IntakeSchemaTests {
    let dir = NSTemporaryDirectory() + "ccas-v6-" + UUID().uuidString

    func call(_ id: String, at ms: Int64, answered: Int64? = nil, channel: String, key: String) -> IncomingCall {
        IncomingCall(id: id, receivedAt: ms, answeredAt: answered, channel: channel, correlationKey: key, record: ["id": .string(id)])
    }

    @Test("the intake keeps calls, first received, first answered and first channel, calls arriving in any order")
    func callColumns() throws {
        let store = try Store(path: dir + "/ccas.db")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t: Int64 = 1_767_225_600_000
        // One event by incident key: the second call came in earlier than the first one read,
        // the third was answered earliest; a duplicate counts once.
        _ = try store.intake([call("A", at: t + 60_000, answered: t + 90_000, channel: "sms", key: "K1")], operator: "t")
        _ = try store.intake([call("B", at: t, answered: nil, channel: "phone", key: "K1"),
                              call("C", at: t + 120_000, answered: t + 30_000, channel: "ecall", key: "K1"),
                              call("A", at: t + 60_000, answered: t + 90_000, channel: "sms", key: "K1")], operator: "t")
        let row = try store.read {
            try Row.fetchOne($0, sql: "SELECT calls, first_received_at, first_answered_at, first_channel FROM event")!
        }
        #expect(row[0] as Int64 == 3)
        #expect(row[1] as Int64 == t)
        #expect(row[2] as Int64 == t + 30_000)
        #expect(row[3] as String == "phone")
        let triggers = try store.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'call'") }
        #expect(triggers.isEmpty)
        #expect(try store.read { try $0.tableExists("sqlite_sequence") && Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_sequence WHERE name = 'journal'")! > 0 } == false)
    }

    @Test("a v5 store keeps its journal rows and their numbers; new rows follow them")
    func migrationKeepsJournal() throws {
        let path = dir + "/old.db"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var before: [Row] = []
        do {
            let pool = try DatabasePool(path: path)
            try Schema.migrator.migrate(pool, upTo: "v5-report-milestones")
            try pool.write { db in
                for i in 1...5 {
                    try db.execute(sql: "INSERT INTO journal (at, operator, kind, subject, payload, exercise) VALUES (?, 't', 'note', ?, '{}', ?)",
                                   arguments: [i, "S\(i)", i % 2])
                }
                try db.execute(sql: "DELETE FROM journal WHERE seq = 2")
            }
            before = try pool.read { try Row.fetchAll($0, sql: "SELECT * FROM journal ORDER BY seq") }
        }
        let store = try Store(path: path)
        let after = try store.read { try Row.fetchAll($0, sql: "SELECT * FROM journal ORDER BY seq") }
        #expect(after == before)
        let seq = try store.write { try Journal.append($0, at: 9, operator: "t", kind: "note", subject: "S6", payload: [:]) }
        #expect(seq == 6)
        let indexes = try store.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'journal'") }
        #expect(indexes == ["journal_by_subject"])
    }

    @Test("the exercise purge deletes the newest rows, yet its own row takes a number never used")
    func purgeNeverReusesNumbers() throws {
        let store = try Store(path: dir + "/ccas.db")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try store.intake([call("REAL", at: 1_767_225_600_000, channel: "phone", key: "K1")], operator: "t")
        var exercise = call("EX", at: 1_767_225_700_000, channel: "phone", key: "K2")
        exercise.exercise = true
        _ = try store.intake([exercise], operator: "t")
        let top = try store.read { try Int64.fetchOne($0, sql: "SELECT max(seq) FROM journal")! }
        let newestIsExercise = try store.read { try Bool.fetchOne($0, sql: "SELECT exercise FROM journal WHERE seq = ?", arguments: [top])! }
        #expect(newestIsExercise)
        _ = try Purge.exerciseRows(store: store, dryRun: false, operator: "t")
        let rows = try store.read { try Row.fetchAll($0, sql: "SELECT seq, kind FROM journal ORDER BY seq") }
        #expect(rows.last?[1] as String? == "store.exercise-purged")
        #expect((rows.last?[0] as Int64? ?? 0) > top)
        #expect(!rows.dropLast().contains { ($0[0] as Int64) > top })
    }
}
