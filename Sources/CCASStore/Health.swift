import CCASCore
import Foundation
import GRDB

/// A read-only look into a store for `ccas doctor` and `ccas restore`: opens the file without
/// creating or migrating it, and answers each health question with one indexed query.
public final class StoreProbe {
    public let path: String
    let queue: DatabaseQueue

    /// Opens `path` read-only; throws `StoreError.notFound` when there is no file.
    public init(path: String, busyTimeout: TimeInterval = 2) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.notFound(what: "the store \(path)") }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "ccas-probe"
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            // Reading the schema is where a file that is not a database shows itself.
            _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// `PRAGMA quick_check`: `["ok"]` for a sound file, else SQLite's problems (at most 10).
    public func quickCheck() throws -> [String] {
        do { return try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(10)") } } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// The migrations the file has and the ones this program knows, oldest first.
    public func migrations() throws -> (applied: [String], known: [String]) {
        let known = StoreProbe.knownMigrations
        let applied: [String] = try queue.read { db in
            guard try db.tableExists("grdb_migrations") else { return [] }
            return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        // grdb_migrations has no order: put known ones in their order, unknown ones after.
        let set = Set(applied)
        return (known.filter(set.contains) + applied.filter { !known.contains($0) }.sorted(), known)
    }

    /// The migrations this program applies, in order.
    public static var knownMigrations: [String] { Schema.migrator.migrations }

    public func tableExists(_ name: String) throws -> Bool { try queue.read { try $0.tableExists(name) } }

    /// Engaged units (alerted … at hospital) whose last status and last position are both older
    /// than `before`: the room is working from stale AVL. The unit table is small (one row per unit).
    public func staleUnits(before: Int64, exercise: Bool) throws -> [(unit: String, status: String, lastAt: Int64)] {
        guard try tableExists("unit") else { return [] }
        return try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, status, max(status_at, coalesce(last_at, 0)) AS seen FROM unit
                WHERE status IN ('ALERTED', 'ACKNOWLEDGED', 'EN_ROUTE', 'ON_SCENE', 'TRANSPORTING', 'AT_HOSPITAL')
                  AND exercise = ? AND max(status_at, coalesce(last_at, 0)) < ?
                ORDER BY seen
                """, arguments: [exercise, before]).map { ($0[0], $0[1], $0[2]) }
        }
    }

    public struct NotificationHealth: Sendable {
        public var overdue: Int
        public var oldestDeadline: Int64?
        public var retrying: Int
        public var failed: Int
        public var lastError: String?
    }

    /// Notifications pending or sent but unacknowledged past their deadline and not escalated
    /// (index notification_open_by_deadline), pending ones retrying after an error (index
    /// notification_due), and those given up among the last 10,000 (a bounded rowid range).
    public func notificationHealth(now: Int64, exercise: Bool) throws -> NotificationHealth? {
        guard try tableExists("notification") else { return nil }
        return try queue.read { db in
            let overdue = try Row.fetchOne(db, sql: """
                SELECT count(*), min(deadline_at) FROM notification INDEXED BY notification_open_by_deadline
                WHERE status IN ('pending', 'sent') AND escalated_at IS NULL AND deadline_at < ? AND exercise = ?
                """, arguments: [now, exercise])!
            let retrying = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM notification INDEXED BY notification_due
                WHERE status = 'pending' AND last_error IS NOT NULL AND exercise = ?
                """, arguments: [exercise]) ?? 0
            let failed = try Row.fetchOne(db, sql: """
                SELECT count(*), max(CASE WHEN last_error IS NOT NULL THEN channel || ': ' || last_error END)
                FROM notification
                WHERE id > (SELECT coalesce(max(id), 0) - 10000 FROM notification) AND status = 'failed' AND exercise = ?
                """, arguments: [exercise])!
            var lastError: String? = failed[1]
            if lastError == nil, retrying > 0 {
                lastError = try String.fetchOne(db, sql: """
                    SELECT channel || ': ' || last_error FROM notification INDEXED BY notification_due
                    WHERE status = 'pending' AND last_error IS NOT NULL AND exercise = ? LIMIT 1
                    """, arguments: [exercise])
            }
            return NotificationHealth(overdue: overdue[0], oldestDeadline: overdue[1], retrying: retrying,
                                      failed: failed[0], lastError: lastError)
        }
    }

    /// Events still open (not closed or cancelled) that were opened before `before`: the count
    /// and the oldest. Uses the partial index of open events.
    public func longOpenEvents(before: Int64, exercise: Bool) throws -> (count: Int, oldest: String?, openedAt: Int64?) {
        guard try tableExists("event") else { return (0, nil, nil) }
        return try queue.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*), min(opened_at) FROM event INDEXED BY event_open_by_time
                WHERE status NOT IN ('CLOSED', 'CANCELLED') AND opened_at < ? AND exercise = ?
                """, arguments: [before, exercise])!
            let count: Int = row[0]
            guard count > 0 else { return (0, nil, nil) }
            let oldest = try String.fetchOne(db, sql: """
                SELECT number FROM event INDEXED BY event_open_by_time
                WHERE status NOT IN ('CLOSED', 'CANCELLED') AND opened_at = ? AND exercise = ? LIMIT 1
                """, arguments: [row[1] as Int64, exercise])
            return (count, oldest, row[1])
        }
    }

    /// The time of the last row of the log book (by sequence number, so no scan).
    public func lastJournalTime() throws -> Int64? {
        guard try tableExists("journal") else { return nil }
        return try queue.read { db in try Int64.fetchOne(db, sql: "SELECT at FROM journal ORDER BY seq DESC LIMIT 1") }
    }
}

extension StoreProbe {
    /// True when another program has held the store's write lock for longer than `timeout`:
    /// readers still work (WAL), but every writer waits, then `ccas-intake` spools and the
    /// others exit 75. BEGIN IMMEDIATE takes the lock and ROLLBACK gives it back: nothing is written.
    public static func writeLockHeld(path: String, timeout: TimeInterval = 2) -> Bool {
        var config = Configuration()
        config.busyMode = .timeout(timeout)
        config.label = "ccas-probe-lock"
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            try queue.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "ROLLBACK")
            }
            return false
        } catch let error as DatabaseError {
            return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
        } catch {
            return false
        }
    }
}
