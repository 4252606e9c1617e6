import CCASCore
import Foundation
import GRDB

/// Online copies of the store through SQLite's backup API: a copy is one read transaction of
/// the source, so it is consistent while other programs write (WAL lets them go on).
public enum StoreBackup {
    /// What a copy holds, checked after writing it or before restoring it.
    public struct Verified: Sendable {
        public var migrations: [String]
        public var bytes: Int64
    }

    /// Copies the store at `source` into a new file `destination` (mode 0600), then verifies the
    /// copy. Written beside the destination and renamed into place, so a failed copy never
    /// leaves a half-written file under the name.
    public static func backup(from source: String, to destination: String, busyTimeout: TimeInterval = 10) throws -> Verified {
        let probe = try StoreProbe(path: source, busyTimeout: busyTimeout)
        _ = probe  // the source opens and is a database; the pool below takes the snapshot
        let temporary = destination + ".partial-\(getpid())"
        unlink(temporary)
        try createOwnerOnly(temporary)
        do {
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(busyTimeout)
            let pool = try DatabasePool(path: source, configuration: config)
            let copy = try DatabaseQueue(path: temporary)
            try pool.backup(to: copy)
            try copy.close()
            try pool.close()
            let verified = try verify(temporary)
            guard rename(temporary, destination) == 0 else {
                throw StoreError.unwritable(path: destination, reason: String(cString: strerror(errno)))
            }
            return verified
        } catch {
            unlink(temporary)
            throw StoreError.from(error, path: source)
        }
    }

    /// Checks that `path` is a sound store this program can use: `quick_check` passes and every
    /// migration it has is one this program knows.
    public static func verify(_ path: String) throws -> Verified {
        let probe: StoreProbe
        let check: [String]
        do {
            probe = try StoreProbe(path: path)
            check = try probe.quickCheck()
        } catch StoreError.unwritable(_, let reason) {
            throw StoreError.refused("\(path) is not a usable ccas store: \(reason)")
        }
        guard check == ["ok"] else {
            throw StoreError.refused("\(path) fails its integrity check: \(check.prefix(3).joined(separator: "; "))")
        }
        let (applied, known) = try probe.migrations()
        if applied.isEmpty { throw StoreError.refused("\(path) is an SQLite file but not a ccas store (no migrations)") }
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw StoreError.refused("\(path) was written by a newer ccas (migration \(unknown)); upgrade ccas first")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)??.int64Value ?? 0
        return Verified(migrations: applied, bytes: size)
    }

    /// Shifts `file.1` … `file.(keep-1)` up by one and `file` to `file.1`; `file.keep` is dropped.
    public static func rotate(_ file: String, keep: Int) throws {
        guard keep > 0 else { return }
        let fm = FileManager.default
        try? fm.removeItem(atPath: "\(file).\(keep)")
        if keep > 1 {
            for n in stride(from: keep - 1, through: 1, by: -1) where fm.fileExists(atPath: "\(file).\(n)") {
                try fm.moveItem(atPath: "\(file).\(n)", toPath: "\(file).\(n + 1)")
            }
        }
        if fm.fileExists(atPath: file) { try fm.moveItem(atPath: file, toPath: "\(file).1") }
    }

    /// Replaces the content of the store at `live` by the store in `file`, after keeping the
    /// current content beside it as `<live>.before-restore-<time>`. Refuses (busy) when another
    /// program holds a write transaction; the restore itself is one backup step into the live
    /// file through SQLite, so readers that have it open see either the old or the new store.
    public static func restore(from file: String, into live: String, lockTimeout: TimeInterval = 1,
                               now: Int64 = Timestamp.now.milliseconds) throws -> (kept: String?, verified: Verified) {
        let verified = try verify(file)
        var kept: String?
        if FileManager.default.fileExists(atPath: live) {
            var config = Configuration()
            config.busyMode = .timeout(lockTimeout)
            let target = try wrap(live) { try DatabaseQueue(path: live, configuration: config) }
            defer { try? target.close() }
            // Is another program in a write transaction? BEGIN IMMEDIATE waits lockTimeout for it.
            try wrap(live) {
                try target.writeWithoutTransaction { db in
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    try db.execute(sql: "ROLLBACK")
                }
            }
            let stamp = Timestamp(milliseconds: now).iso8601
                .replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
            let aside = "\(live).before-restore-\(stamp)"
            try createOwnerOnly(aside)
            let copy = try wrap(aside) { try DatabaseQueue(path: aside) }
            try wrap(live) { try target.backup(to: copy) }
            try copy.close()
            kept = aside
            let source = try wrap(file) { () -> DatabaseQueue in
                var c = Configuration()
                c.readonly = true
                return try DatabaseQueue(path: file, configuration: c)
            }
            defer { try? source.close() }
            try wrap(live) { try source.backup(to: target) }
        } else {
            try createOwnerOnly(live)
            let target = try wrap(live) { try DatabaseQueue(path: live) }
            var c = Configuration()
            c.readonly = true
            let source = try wrap(file) { try DatabaseQueue(path: file, configuration: c) }
            try wrap(live) { try source.backup(to: target) }
            try target.close()
            try source.close()
        }
        return (kept, verified)
    }

    static func wrap<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw StoreError.from(error, path: path) }
    }

    /// Creates an empty file readable by its owner only (the store holds callers' data).
    static func createOwnerOnly(_ path: String) throws {
        // A backup folder that does not exist yet (a new rotation target) is made owner-only.
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty, !FileManager.default.fileExists(atPath: dir) {
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
        if fd < 0 { throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        fchmod(fd, 0o600)
        close(fd)
    }
}
