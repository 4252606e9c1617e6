import CCASCore
import Foundation
import GRDB
import Testing

@testable import CCASStore

/// `ccas-track status` changes a unit on one plain SQLite connection (`StatusConnection`) when the
/// store is one this build made: it must write what `Store.changeStatus` writes, refuse what it
/// refuses, and leave every other store (missing, older, newer, not a database) to `Store`.
@Suite("A status change on a plain connection")
struct StatusConnectionTests {
    let dir = NSTemporaryDirectory() + "ccas-status-connection-" + UUID().uuidString

    /// A store with two units, two events, and VSAV-1 engaged on the first.
    func makeStore(_ name: String) throws -> Store {
        let store = try Store(path: dir + "/" + name)
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO event (id, number, opened_at, last_call_at) VALUES (1, '2026-000001', 1000, 1000), (2, '2026-000002', 2000, 2000);
                INSERT INTO unit (id, type, capabilities, status, status_at, updated_at) VALUES
                  ('VSAV-1', 'VSAV', '[]', 'ALERTED', 0, 0), ('FPT-2', 'FPT', '[]', 'AVAILABLE', 0, 0);
                UPDATE unit SET event_id = 1 WHERE id = 'VSAV-1';
                INSERT INTO engagement (event_id, unit, engaged_at, operator) VALUES (1, 'VSAV-1', 500, 't');
                """)
        }
        return store
    }

    /// Every row a status change may touch, without the columns stamped with the clock.
    func rows(_ store: Store) throws -> [String] {
        try store.read { db in
            try [
                "SELECT id, status, status_at, event_id, last_lat, last_lon, last_at FROM unit ORDER BY id",
                "SELECT unit, status, at, event_id, lat, lon, source, operator, exercise FROM status_log ORDER BY id",
                "SELECT seq, operator, kind, subject, payload, exercise FROM journal ORDER BY seq",
                "SELECT number, status FROM event ORDER BY id",
                "SELECT event_id, unit, released_at, release_reason FROM engagement ORDER BY id",
            ].flatMap { sql in try Row.fetchAll(db, sql: sql).map { "\($0)" } }
        }
    }

    static let changes: [StatusChange] = [
        StatusChange(unit: "VSAV-1", status: .acknowledged, at: 10_000),
        StatusChange(unit: "VSAV-1", status: .atHospital, at: 11_000),  // refused
        StatusChange(unit: "NOPE-9", status: .enRoute, at: 11_000),  // unknown unit
        StatusChange(unit: "FPT-2", status: .enRoute, at: 11_000, event: "2026-999999"),  // unknown event
        StatusChange(unit: "VSAV-1", status: .enRoute, at: 12_000, lat: 45.75, lon: 4.85),
        StatusChange(unit: "VSAV-1", status: .onScene, at: 13_000),  // the event goes ON_SCENE
        StatusChange(unit: "FPT-2", status: .onScene, at: 14_000, event: "2026-000002", force: true, reason: "radio en panne", exercise: true),
        StatusChange(unit: "VSAV-1", status: .available, at: 15_000, force: true, reason: "retour direct"),  // releases its engagement
        StatusChange(unit: "FPT-2", status: .onScene, at: 16_000),  // same status again: allowed, not forced
    ]

    @Test("the same rows, results and refusals as Store.changeStatus")
    func sameAsStore() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let viaStore = try makeStore("store.db"), direct = try makeStore("direct.db")
        var refusals = 0
        for change in Self.changes {
            let expected = Result { try viaStore.changeStatus(change, operator: "op") }
            let got = Result { try StatusConnection.changeStatus(path: direct.path, change, operator: "op") }
            switch (expected, got) {
            case (.success(let a), .success(let b)):
                #expect(b == a, "\(change)")
            case (.failure(let a as StatusChangeRefusal), .failure(let b as StatusChangeRefusal)):
                #expect("\(b)" == "\(a)", "\(change)")  // (`allowed` comes from a Set: its words are sorted)
                refusals += 1
            default:
                Issue.record("\(change): \(expected) against \(got)")
            }
        }
        #expect(refusals == 3)
        let expected = try rows(viaStore)
        #expect(try rows(direct) == expected)
        #expect(expected.contains { $0.contains("unit.status.forced") && $0.contains("radio en panne") })
        #expect(expected.contains { $0.contains("released_at:15000") && $0.contains("status AVAILABLE") })
        #expect(expected.contains { $0.contains("2026-000001") && $0.contains("ON_SCENE") })
    }

    @Test("a forced change without a reason is refused before the store is opened")
    func forceNeedsReason() throws {
        #expect(throws: StatusChangeRefusal.forceNeedsReason) {
            _ = try StatusConnection.changeStatus(path: dir + "/none.db", StatusChange(unit: "U", status: .onScene, at: 0, force: true, reason: " "), operator: "op")
        }
    }

    @Test("missing, newer, older and damaged stores are left to Store, unchanged")
    func leftToStore() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let change = StatusChange(unit: "FPT-2", status: .alerted, at: 1)
        // Missing: not created.
        #expect(try StatusConnection.changeStatus(path: dir + "/missing.db", change, operator: "op") == nil)
        #expect(!FileManager.default.fileExists(atPath: dir + "/missing.db"))
        // Newer: a migration this build does not know.
        let newer = try makeStore("newer.db")
        try newer.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        let before = try rows(newer)
        #expect(try StatusConnection.changeStatus(path: newer.path, change, operator: "op") == nil)
        #expect(try rows(newer) == before)
        // Older: a migration left to run.
        let older = try makeStore("older.db")
        let last = try #require(Schema.migrator.migrations.last)
        try older.write { try $0.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [last]) }
        #expect(try StatusConnection.changeStatus(path: older.path, change, operator: "op") == nil)
        #expect(try rows(older) == before)
        // Not a database, and an empty file (a store being created).
        try Data("not a database at all, but long enough to have a header of sorts…".utf8).write(to: URL(fileURLWithPath: dir + "/junk.db"))
        #expect(try StatusConnection.changeStatus(path: dir + "/junk.db", change, operator: "op") == nil)
        FileManager.default.createFile(atPath: dir + "/empty.db", contents: nil)
        #expect(try StatusConnection.changeStatus(path: dir + "/empty.db", change, operator: "op") == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/empty.db")).isEmpty)
    }

    @Test("a store locked past the busy timeout: StoreError.busy, nothing changed")
    func locked() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try makeStore("locked.db")
        let before = try rows(store)
        try store.pool.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            #expect {
                _ = try StatusConnection.changeStatus(path: store.path, StatusChange(unit: "FPT-2", status: .alerted, at: 1),
                                                      operator: "op", busyTimeout: 0.2)
            } throws: { error in
                guard case StoreError.busy = error else { return false }
                return "\(error)".contains("stayed locked")
            }
        }
        #expect(try rows(store) == before)
    }

    @Test("the direct connection knows the migrations of Schema.migrator (add a new one to StatusConnection.migrations)")
    func knownMigrations() {
        #expect(StatusConnection.migrations == Schema.migrator.migrations)
    }

    @Test("the connection writes as Store does: synchronous FULL, foreign keys, WAL")
    func settings() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try makeStore("settings.db")
        let connection = try #require(StatusConnection.Connection(path: store.path, busyTimeout: 1))
        defer { connection.close() }
        #expect(try connection.text("PRAGMA synchronous") == "2")
        #expect(try connection.text("PRAGMA foreign_keys") == "1")
        #expect(try connection.text("PRAGMA journal_mode") == "wal")
        #expect(try connection.isCurrent())
    }
}
