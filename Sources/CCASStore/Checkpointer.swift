import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// Checkpoints a long intake's WAL on a thread of its own, so the disk waits overlap the work.
///
/// SQLite checkpoints on the writing connection itself, each time the WAL passes 1,000 pages: the
/// intake thread copies the pages into the database file, then waits for the disk (an fsync of
/// the WAL, one of the file). Those waits were a fifth of a 1,000,000-call intake here (the same
/// run with `synchronous = OFF`, which no store may use, took 21 s instead of 27).
///
/// While a `Checkpointer` runs, the writer's automatic checkpoint is off. After each commit
/// (SQLite's WAL hook, on the writer's thread) the writer asks this thread to checkpoint, PASSIVE,
/// on a connection of its own: a passive checkpoint never blocks the writer, nor waits for it.
/// It also cannot restart the WAL while the writer keeps appending to it, so once the WAL holds
/// `restartPages` pages the writer waits for the checkpoint in progress and checkpoints the rest
/// itself (about one batch's pages): its next transaction then writes the WAL from the start.
/// A crash at any point is what it is with SQLite's own checkpoints: nothing committed is lost.
final class Checkpointer: @unchecked Sendable {
    let restartPages: Int32
    private let connection: OpaquePointer
    private let condition = NSCondition()
    private var requested = false
    private var running = false
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)
    /// The most WAL pages found checkpointed after one of this thread's passes, and the writer's
    /// own checkpoints (tests: both threads did their part).
    private(set) var helperFrames = 0
    private(set) var writerPasses = 0

    init(path: String, restartPages: Int32 = 16_384) throws {
        self.restartPages = restartPages
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            throw StoreError.unwritable(path: path, reason: message)
        }
        sqlite3_busy_timeout(db, 10_000)
        // A connection opens the WAL on its first read: until then, a checkpoint does nothing.
        sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nil, nil, nil)
        connection = db
        Thread.detachNewThread { [self] in run() }
    }

    /// The WAL hook: after a commit on the writer's thread, with `pages` in the WAL.
    func committed(writer: OpaquePointer, pages: Int32) {
        condition.lock()
        if pages >= restartPages {
            while running || requested { condition.wait() }
            condition.unlock()
            sqlite3_wal_checkpoint_v2(writer, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            writerPasses += 1
            return
        }
        requested = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while !requested && !stopping { condition.wait() }
            if !requested {
                condition.unlock()
                break
            }
            requested = false
            running = true
            condition.unlock()
            // SQLITE_BUSY (another program's checkpoint, a reader on an old snapshot) is no
            // failure: the next commit asks again, and SQLite's own checkpoints still run at close.
            var copied: Int32 = 0
            sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, &copied)
            condition.lock()
            helperFrames = max(helperFrames, Int(copied))
            running = false
            condition.broadcast()
            condition.unlock()
        }
        sqlite3_close_v2(connection)
        finished.signal()
    }

    /// Ends the thread after the checkpoint in progress, and closes its connection.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        finished.wait()
    }

    /// For `sqlite3_wal_hook`: the context is an unretained `Checkpointer`.
    static let hook: @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32 = {
        context, writer, _, pages in
        guard let context, let writer else { return SQLITE_OK }
        Unmanaged<Checkpointer>.fromOpaque(context).takeUnretainedValue().committed(writer: writer, pages: pages)
        return SQLITE_OK
    }
}

extension Store {
    /// A long intake (`ccas-intake` reading files or a stream): checkpoints run on a thread of their own (see
    /// `Checkpointer`), and commits no longer wait for the disk (`synchronous = NORMAL`) — the
    /// caller makes them durable with `syncCommitted()` before it reports them, on a thread of
    /// its own too, while the next batch is stored. A crash (kill -9) loses nothing committed
    /// either way: only a power cut could lose a batch committed and not yet synced, which was
    /// not yet printed either, and storing the input again stores it then (ids are idempotent).
    public func beginBulkIntake() throws {
        try beginBulkIntake(restartPages: 16_384)
    }

    func beginBulkIntake(restartPages: Int32) throws {
        guard checkpointer == nil else { return }
        let checkpointer = try Checkpointer(path: path, restartPages: restartPages)
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // Replaces SQLite's own hook, the automatic checkpoint.
                _ = sqlite3_wal_hook(db.sqliteConnection, Checkpointer.hook, Unmanaged.passUnretained(checkpointer).toOpaque())
            }
        } catch {
            checkpointer.stop()
            throw StoreError.from(error, path: path)
        }
        self.checkpointer = checkpointer
    }

    /// Makes every commit so far durable (an fdatasync of the WAL). Nothing to do outside a bulk
    /// intake: each commit was synced.
    public func syncCommitted() throws {
        guard checkpointer != nil else { return }
        let fd = open(path + "-wal", O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            // No WAL: the last connection closed, which checkpointed and synced everything.
            if errno == ENOENT { return }
            throw StoreError.unwritable(path: path, reason: "cannot open the log to sync it: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        if fdatasync(fd) != 0 {
            throw StoreError.unwritable(path: path, reason: "cannot sync the log: \(String(cString: strerror(errno)))")
        }
        if !walNameSynced {
            // A new WAL's name in its folder too, once (SQLite does so at its first sync).
            let folder = (path as NSString).deletingLastPathComponent
            let dir = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
            if dir >= 0 { fsync(dir); close(dir) }
            walNameSynced = true
        }
    }

    /// Back to each commit synced and SQLite's automatic checkpoint on the writer; the thread
    /// ends. Everything committed is synced.
    public func endBulkIntake() {
        guard let checkpointer else { return }
        try? pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // The default hook back (every 1,000 pages), which also drops ours.
            _ = sqlite3_wal_autocheckpoint(db.sqliteConnection, 1000)
        }
        try? syncCommitted()
        checkpointer.stop()
        self.checkpointer = nil
    }
}
