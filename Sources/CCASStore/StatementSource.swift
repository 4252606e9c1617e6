import CCASCore
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// Where a change written with the SQLite C API gets its statements: GRDB's statement cache in a
/// `Store` transaction, or the one plain connection of a direct status change (`StatusConnection`).
/// A unit status change is written once, against this, so both ways write the same rows with the
/// same SQL and refuse with the same words.
protocol StatementSource {
    /// A prepared statement, reset, ready to bind.
    func rawStatement(_ sql: String) throws -> RawStatement
}

extension Database: StatementSource {
    func rawStatement(_ sql: String) throws -> RawStatement { try RawStatement(self, sql) }
}

extension RawStatement {
    /// A statement its owner prepared (and finalizes).
    init(handle: OpaquePointer, connection: OpaquePointer) {
        self.handle = handle
        self.connection = connection
    }

    /// Rows changed by the last INSERT/UPDATE/DELETE on the statement's connection.
    var changes: Int { Int(sqlite3_changes(connection)) }
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(connection) }

    // (optionalText and optionalInt64 are in ReportData.swift.)

    /// Steps a statement that returns at most one row and leaves it reset: `body` reads the row.
    func fetchOne<T>(_ body: (RawStatement) -> T) throws -> T? {
        defer { reset() }
        return try step() ? body(self) : nil
    }
}

extension Journal {
    /// `Journal.append` for code written against a `StatementSource`: the same SQL and bytes.
    @discardableResult
    static func append<S: StatementSource>(into source: S, at: Int64, operator op: String, kind: String, subject: String,
                                           payload: JSON, exercise: Bool) throws -> Int64 {
        let statement = try source.rawStatement(insertSQL)
        try run(statement, at: at, operator: op, kind: kind, subject: subject, payload: payload, exercise: exercise)
        return statement.lastInsertedRowID
    }
}
