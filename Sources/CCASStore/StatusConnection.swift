import CCASCore
import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// One plain SQLite connection for one unit status change, the command a radio operator or a
/// mobile terminal gateway runs for every status (`ccas-track status`, its plain form). Opening a
/// `Store` (GRDB's DatabasePool: dispatch queues, functions, collations, the WAL probe) was about a
/// third of the instructions of a whole status change (callgrind, release build).
///
/// It writes only a store this build made: the change runs in one `BEGIN IMMEDIATE` transaction
/// that first reads `grdb_migrations`, so a store being migrated meanwhile is seen either before
/// (not current: left to `Store`) or after. Same settings as `Store` where they matter for the
/// data: busy timeout, `synchronous = FULL` (a change survives a power cut), foreign keys, WAL.
public enum StatusConnection {
    /// Makes the change as `Store.changeStatus` does, or returns nil, changing nothing, when the
    /// store is not one to change this way (missing, read-only, not WAL, not a database, other
    /// migrations than this build's): then `Store` opens it, migrates it or says why it cannot.
    /// Throws a `StatusChangeRefusal`, or `StoreError.busy` when the store stayed locked.
    public static func changeStatus(path: String, _ change: StatusChange, operator op: String,
                                    busyTimeout: TimeInterval = 10) throws -> StatusChangeResult? {
        try change.checkReason()
        guard let connection = Connection(path: path, busyTimeout: busyTimeout) else { return nil }
        defer { connection.close() }
        do {
            try connection.execute("BEGIN IMMEDIATE")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw StoreError.busy(path: path)
        } catch {
            return nil
        }
        do {
            // No table yet, an unreadable one: not current either.
            guard (try? connection.isCurrent()) == true else {
                try? connection.execute("ROLLBACK")
                return nil
            }
            let result = try Store.changeStatus(source: connection, change, operator: op)
            try connection.execute("COMMIT")
            return result
        } catch {
            try? connection.execute("ROLLBACK")
            throw StoreError.from(error, path: path)
        }
    }

    /// `Schema.migrator.migrations`, written out: building the migrator (a `Set<String>` per
    /// migration) costs a scan of every protocol conformance in the binary, 5% of a status change
    /// (callgrind). A new migration goes here too: StatusConnectionTests fails until it does.
    /// A store listing anything else is left to `Store`.
    static let migrations = [
        "v1-calls-events-journal", "v2-units-stations-engagements", "v3-notification-outbox", "v4-track",
        "v5-report-milestones", "v6-intake-lean", "v7-journal-subject-partial",
    ]

    /// The connection and the statements it prepared, finalized before it closes.
    final class Connection: StatementSource {
        let handle: OpaquePointer
        /// A list, not a dictionary: a handful of statements, and no String-keyed hash table
        /// (its first one in a run costs a protocol conformance scan of the whole binary).
        private var statements: [(sql: String, handle: OpaquePointer)] = []

        /// nil when SQLite cannot open the file for writing in WAL mode as it is.
        init?(path: String, busyTimeout: TimeInterval) {
            var db: OpaquePointer?
            // No SQLITE_OPEN_CREATE: a new store is `Store`'s to create and migrate.
            guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let db,
                  sqlite3_db_readonly(db, "main") == 0 else {
                sqlite3_close(db)
                return nil
            }
            handle = db
            // The last connection to close checkpoints the WAL into the store as usual, but keeps
            // the -wal and -shm files instead of deleting them: the next status change then
            // neither creates them again nor syncs the folder for a new WAL file.
            var persist: Int32 = 1
            sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
            sqlite3_extended_result_codes(db, 1)
            sqlite3_busy_timeout(db, Int32(busyTimeout * 1000))
            // A store `Store` made is in WAL mode (the mode is kept in the file); anything else
            // (an empty file, another mode, not a database) is left as it is, to `Store`.
            guard (try? text("PRAGMA journal_mode")) == "wal",
                  (try? execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL")) != nil else {
                close()
                return nil
            }
        }

        func rawStatement(_ sql: String) throws -> RawStatement {
            if let cached = statements.first(where: { $0.sql == sql }) {
                sqlite3_reset(cached.handle)
                return RawStatement(handle: cached.handle, connection: handle)
            }
            var statement: OpaquePointer?
            let rc = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
            guard rc == SQLITE_OK, let statement else {
                sqlite3_finalize(statement)
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
            }
            statements.append((sql, statement))
            return RawStatement(handle: statement, connection: handle)
        }

        func execute(_ sql: String) throws {
            let rc = sqlite3_exec(handle, sql, nil, nil, nil)
            guard rc == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
            }
        }

        /// The first column of the first row, as text.
        func text(_ sql: String) throws -> String? {
            try rawStatement(sql).fetchOne { $0.optionalText(0) } ?? nil
        }

        /// The store lists exactly the migrations this build knows (as `Store` checks it).
        func isCurrent() throws -> Bool {
            let known = StatusConnection.migrations
            let applied = try rawStatement("SELECT identifier FROM grdb_migrations")
            defer { applied.reset() }
            var seen: [String] = []
            while try applied.step() { seen.append(applied.text(0)) }
            return seen.sorted() == known.sorted()
        }

        func close() {
            for statement in statements { sqlite3_finalize(statement.handle) }
            statements = []
            sqlite3_close(handle)
        }
    }
}
