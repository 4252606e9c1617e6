import CCASCore
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// SQLite copies the bytes at bind time: nothing we pass has to outlive the call.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A statement from GRDB's cache, bound and stepped through the SQLite C API.
///
/// For the intake's hot statements only: GRDB's `StatementArguments` (an array of existential
/// values, converted one by one) cost about a quarter of the stored intake's time, measured with
/// `perf record -g` on 1,000,000 generated calls. Everything else goes through GRDB as usual.
struct RawStatement {
    let handle: OpaquePointer
    let connection: OpaquePointer

    init(_ db: Database, _ sql: String) throws {
        handle = try db.cachedStatement(sql: sql).sqliteStatement
        connection = db.sqliteConnection!
        sqlite3_reset(handle)
    }

    @inline(__always) func bind(_ i: Int32, _ v: Int64) { sqlite3_bind_int64(handle, i, v) }
    @inline(__always) func bind(_ i: Int32, _ v: Int) { sqlite3_bind_int64(handle, i, Int64(v)) }
    @inline(__always) func bind(_ i: Int32, _ v: Bool) { sqlite3_bind_int64(handle, i, v ? 1 : 0) }
    @inline(__always) func bind(_ i: Int32, _ v: Double) { sqlite3_bind_double(handle, i, v) }
    @inline(__always) func bindNull(_ i: Int32) { sqlite3_bind_null(handle, i) }

    @inline(__always) func bind(_ i: Int32, _ v: Int64?) {
        if let v { sqlite3_bind_int64(handle, i, v) } else { sqlite3_bind_null(handle, i) }
    }

    @inline(__always) func bind(_ i: Int32, _ v: Double?) {
        if let v { sqlite3_bind_double(handle, i, v) } else { sqlite3_bind_null(handle, i) }
    }

    func bind(_ i: Int32, _ s: String?) {
        guard var s else { sqlite3_bind_null(handle, i); return }
        s.withUTF8 { b in
            // An empty buffer may have no address, and a NULL pointer would bind SQL NULL.
            _ = b.withMemoryRebound(to: CChar.self) { c in
                sqlite3_bind_text(handle, i, c.baseAddress ?? RawStatement.emptyText, Int32(c.count), sqliteTransient)
            }
        }
    }

    func bind(_ i: Int32, text bytes: UnsafeRawBufferPointer) {
        let p = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) ?? RawStatement.emptyText
        sqlite3_bind_text(handle, i, p, Int32(bytes.count), sqliteTransient)
    }

    /// Binds bytes that stay where they are until the statement has run (`SQLITE_STATIC`).
    func bind(_ i: Int32, staticText bytes: UnsafeRawBufferPointer) {
        let p = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) ?? RawStatement.emptyText
        sqlite3_bind_text(handle, i, p, Int32(bytes.count), nil)
    }

    func bind(_ i: Int32, literal: StaticString) {
        literal.utf8Start.withMemoryRebound(to: CChar.self, capacity: literal.utf8CodeUnitCount) { p in
            _ = sqlite3_bind_text(handle, i, p, Int32(literal.utf8CodeUnitCount), nil)  // static text
        }
    }

    nonisolated(unsafe) static let emptyText: UnsafePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        p.initialize(to: 0)
        return UnsafePointer(p)
    }()

    /// True on a row, false when done; throws SQLite's error (the statement is then reset).
    @inline(__always) func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw failure(rc)
    }

    /// Steps a statement that returns no row, and resets it.
    @inline(__always) func run() throws {
        let rc = sqlite3_step(handle)
        if rc != SQLITE_DONE && rc != SQLITE_ROW { throw failure(rc) }
        sqlite3_reset(handle)
    }

    @inline(__always) func reset() { sqlite3_reset(handle) }

    func failure(_ rc: Int32) -> DatabaseError {
        let message = String(cString: sqlite3_errmsg(connection))
        let sql = sqlite3_sql(handle).map { String(cString: $0) }
        sqlite3_reset(handle)
        return DatabaseError(resultCode: ResultCode(rawValue: rc), message: message, sql: sql)
    }

    @inline(__always) func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    @inline(__always) func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    @inline(__always) func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func text(_ column: Int32) -> String {
        guard let p = sqlite3_column_text(handle, column) else { return "" }
        let n = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }
    func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }
}

extension Database {
    /// Rows changed by the last INSERT/UPDATE/DELETE on this connection.
    var lastChanges: Int { Int(sqlite3_changes(sqliteConnection)) }
    /// Every row this connection has changed since it opened: a write by other code on the same
    /// connection moves it, which `PRAGMA data_version` does not see.
    var totalChanges: Int64 { sqlite3_total_changes64(sqliteConnection) }
    var rawLastInsertedRowID: Int64 { sqlite3_last_insert_rowid(sqliteConnection) }
}
