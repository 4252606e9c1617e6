import CCASCore
import Foundation
import GRDB
import Testing

@testable import CCASStore

/// Migration v7: the intake's own log-book rows (`event.opened`, `call.received`) are not in
/// `journal_by_subject`, the personal-data purge's way to a subject's rows. That holds only while
/// those rows carry nothing to scrub.
@Suite("The intake's log-book rows (v7)")
struct IntakeJournalTests {
    let dir = NSTemporaryDirectory() + "ccas-v7-" + UUID().uuidString

    static func keys(_ value: JSON) -> [String] {
        switch value {
        case .object(let o): o.fields.flatMap { [$0.0] + keys($0.1) }
        case .array(let items): items.flatMap(keys)
        default: []
        }
    }

    @Test("the intake's rows hold no personal data, whatever joined the call to its event")
    func noPersonalData() throws {
        let store = try Store(path: dir + "/ccas.db")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // New events, places, callback numbers, incident keys, repeats, odd texts, exercises.
        let calls = PendingRowsTests().calls()
        _ = try store.intake(Array(calls[..<70]), operator: "op")
        _ = try store.intake(Array(calls[70...]), operator: "op")
        let rows = try store.journal().filter { $0.kind == "call.received" || $0.kind == "event.opened" }
        let rules = Set(try rows.compactMap { try JSONParser.parse($0.payload)["correlation"]?["rule"]?.stringValue })
        #expect(rules == ["new_event", "proximity", "callback_number", "incident_key"])
        for row in rows {
            let found = Set(Self.keys(try JSONParser.parse(row.payload))).intersection(Purge.personalKeys)
            #expect(found.isEmpty, "\(row.kind) \(row.subject): \(found.sorted())")
        }
    }

    @Test("the purge reads a subject's rows through journal_by_subject, which has none of the intake's")
    func purgeUsesTheIndex() throws {
        let store = try Store(path: dir + "/ccas.db")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try store.intake(Array(PendingRowsTests().calls()[..<20]), operator: "op")
        try store.write { db in
            _ = try Journal.append(db, at: 1, operator: "op", kind: "call.classified", subject: "P-1",
                               payload: ["call": "P-1", "because": "chest pain"], exercise: false)
        }
        let plan = try store.read {
            try Row.fetchAll($0, sql: "EXPLAIN QUERY PLAN " + Purge.subjectRowsSQL, arguments: ["P-1"])
                .map { $0["detail"] as String }.joined(separator: "\n")
        }
        #expect(plan.contains("USING INDEX journal_by_subject"), "\(plan)")
        let indexed = try store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM journal INDEXED BY journal_by_subject WHERE subject = 'P-1' AND kind NOT IN \(IntakeSchema.unindexedKinds)")
        }
        #expect(indexed == 1)
        let entries = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM pragma_index_info('journal_by_subject')") }
        #expect(entries == 1)
        let partial = try store.read { try Int.fetchOne($0, sql: "SELECT partial FROM pragma_index_list('journal') WHERE name = 'journal_by_subject'") }
        #expect(partial == 1)
    }

    @Test("a v6 store keeps its journal; the purge still scrubs an event's and its calls' rows")
    func migrationAndPurge() throws {
        let path = dir + "/old.db"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let t: Int64 = 1_767_225_600_000
        var before: [Row] = []
        do {
            let pool = try DatabasePool(path: path)
            try Schema.migrator.migrate(pool, upTo: "v6-intake-lean")
            try pool.write { db in
                _ = try Store.intakeOne(db, IncomingCall(id: "A", receivedAt: t, channel: "phone", phone: "+33612345678",
                                                         address: "1 rue de la Paix", text: "mon voisin", record: ["id": "A"]),
                                        policy: .init(), operator: "op")
                _ = try Journal.append(db, at: t, operator: "op", kind: "call.classified", subject: "A",
                                   payload: ["call": "A", "because": "mon voisin"], exercise: false)
                _ = try Journal.append(db, at: t, operator: "op", kind: "event.note", subject: "2026-000001",
                                   payload: ["event": "2026-000001", "text": "gate code 1234"], exercise: false)
                try db.execute(sql: "UPDATE event SET status = 'CLOSED', closed_at = ?", arguments: [t + 1000])
            }
            before = try pool.read { try Row.fetchAll($0, sql: "SELECT * FROM journal ORDER BY seq") }
        }
        let store = try Store(path: path)
        #expect(try store.read { try Row.fetchAll($0, sql: "SELECT * FROM journal ORDER BY seq") } == before)
        let summary = try Purge.personalData(store: store, closedBefore: t + 2000, dryRun: false, operator: "op", now: t + 3000)
        #expect(summary.events == 1)
        #expect(summary.journalRows == 2)
        let payloads = try store.read { try String.fetchAll($0, sql: "SELECT payload FROM journal WHERE kind IN ('call.classified', 'event.note')") }
        #expect(payloads.count == 2)
        for p in payloads { #expect(!p.contains("voisin") && !p.contains("1234"), "\(p)") }
    }
}
