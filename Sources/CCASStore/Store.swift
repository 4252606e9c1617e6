import CCASCore
import Foundation
import CSQLiteSettings
import GRDB

/// Why the store could not do what was asked, in words an operator or on-call engineer can act on.
public enum StoreError: Error, CustomStringConvertible {
    case newerSchema(path: String)
    case cannotCreate(path: String, reason: String)
    case busy(path: String)
    case unwritable(path: String, reason: String)
    case notFound(what: String)
    case refused(String)

    public var description: String {
        switch self {
        case .newerSchema(let path):
            "the store \(path) was written by a newer ccas; upgrade ccas before using it"
        case .cannotCreate(let path, let reason):
            "cannot create the store \(path): \(reason)"
        case .busy(let path):
            "the store \(path) stayed locked by another program past the busy timeout; try again"
        case .unwritable(let path, let reason):
            "the store \(path) cannot be written: \(reason)"
        case .notFound(let what):
            "\(what) not found"
        case .refused(let why):
            why
        }
    }

    /// Maps SQLite failures to what they mean for the operator.
    static func from(_ error: Error, path: String) -> Error {
        guard let db = error as? DatabaseError else { return error }
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.busy(path: path)
        case .SQLITE_FULL: return StoreError.unwritable(path: path, reason: "the disk is full")
        case .SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_PERM:
            return StoreError.unwritable(path: path, reason: db.message ?? "\(db.resultCode)")
        default: return error
        }
    }
}

/// The one owner of the database in a process. Every method that changes state is one
/// transaction that also appends its journal rows, so the log book never misses a change.
public final class Store: @unchecked Sendable {
    public let path: String
    public let pool: DatabasePool
    /// The intake's correlation index, kept between its transactions (see `IntakeIndex`).
    let intakeIndex = IntakeIndex()
    /// Set while a long intake checkpoints on a thread of its own (Checkpointer.swift).
    var checkpointer: Checkpointer?
    /// The WAL's name was synced in its folder (Checkpointer.swift, `syncCommitted`).
    var walNameSynced = false

    /// Where the store lives when nothing says otherwise: `$CCAS_DB`, else
    /// `$XDG_DATA_HOME/ccas/ccas.db`, else `~/.local/share/ccas/ccas.db`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        defaultPath { environment[$0] }
    }

    /// The same, reading each variable with `variable` (`ccas-track status` reads them with
    /// getenv: building ProcessInfo's whole dictionary was 4% of a status change).
    public static func defaultPath(variable: (String) -> String?) -> String {
        if let db = variable("CCAS_DB"), !db.isEmpty { return db }
        let data = variable("XDG_DATA_HOME").flatMap { $0.isEmpty ? nil : $0 }
            ?? (variable("HOME") ?? NSHomeDirectory()) + "/.local/share"
        return data + "/ccas/ccas.db"
    }

    /// SQLite's process-wide settings were made before its first use (CSQLiteSettings: memory
    /// statistics off). Read by every open, which also keeps the settings linked in.
    public static let sqliteSettingsApplied = ccas_sqlite_settings_applied() != 0

    /// Opens (creating it with mode 0600 if needed) and migrates the store.
    public init(path: String, busyTimeout: TimeInterval = 10, readOnly: Bool = false) throws {
        self.path = path
        _ = Store.sqliteSettingsApplied
        if !readOnly { try Store.createFile(path) }
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.readonly = readOnly
        config.label = "ccas"
        do {
            // Opening (WAL set-up, migrations) is serialised between programs: two opening a new
            // store at once would otherwise see SQLITE_BUSY at once or run a migration twice.
            pool = try Store.whileOpening(path) { try Store.openAndMigrate(path: path, config: config, readOnly: readOnly) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    private static func openAndMigrate(path: String, config: Configuration, readOnly: Bool) throws -> DatabasePool {
        let pool = try DatabasePool(path: path, configuration: config)
        let migrator = Schema.migrator
        if !readOnly {
            // DatabasePool sets synchronous=NORMAL after prepareDatabase: set FULL on the
            // writer here, so a committed call survives a power cut, not only a crash.
            let current = try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                return isCurrent(db, migrator)
            }
            // The usual case, a store this build made: no reader connection to open for
            // hasBeenSuperseded, no barrier write for migrations (a quarter of a status change).
            if current { return pool }
        }
        if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
            throw StoreError.newerSchema(path: path)
        }
        if !readOnly { try migrator.migrate(pool) }
        return pool
    }

    /// The store lists exactly the migrations this build knows: none to run, none newer. Any
    /// doubt (no table yet, a read error) is false, and the full check and migration run.
    /// Called under the folder lock, so no other program is migrating meanwhile.
    private static func isCurrent(_ db: Database, _ migrator: DatabaseMigrator) -> Bool {
        guard let applied = try? String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") else { return false }
        return applied.count == migrator.migrations.count && Set(applied) == Set(migrator.migrations)
    }

    /// Creates the file and its folder with owner-only permissions: it holds callers' data.
    static func createFile(_ path: String) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) { return }
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty, !fm.fileExists(atPath: dir) {
            do {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.cannotCreate(path: path, reason: "\(error.localizedDescription)")
            }
        }
        let fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
        if fd < 0 { throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        close(fd)
    }

    /// Runs `body` holding an exclusive lock on the store's folder, so that two programs opening a
    /// new store at the same moment do not both run the same migration ("table already exists"):
    /// the second waits, then finds the migrations applied. The folder, not the database file, is
    /// locked: closing a descriptor of the database file would drop SQLite's own POSIX locks on it.
    static func whileOpening<T>(_ path: String, _ body: () throws -> T) throws -> T {
        let dir = (path as NSString).deletingLastPathComponent
        let fd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return try body() }  // an unreadable folder: SQLite's busy timeout still applies
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// The names of the migrations applied, oldest first.
    public func schemaVersion() throws -> [String] {
        try pool.read { db in try Schema.migrator.appliedMigrations(db) }
    }

    /// Runs `body` in one write transaction, mapping SQLite's failures to `StoreError`.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch { throw StoreError.from(error, path: path) }
    }

    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw StoreError.from(error, path: path) }
    }
}
