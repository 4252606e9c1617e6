import CCASCore
import Foundation

/// The file calls go to when the store cannot take them: one NDJSON record per line, appended
/// and synced to disk before the call is reported as taken, so a call is never lost. Created
/// with mode 0600 (it holds callers' data). `ccas-intake replay` puts it back into the store.
public final class Spool {
    public let path: String
    private var fd: Int32 = -1
    public private(set) var written = 0

    /// `$XDG_STATE_HOME/ccas/spool.ndjson`, else `~/.local/state/ccas/spool.ndjson`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return state + "/ccas/spool.ndjson"
    }

    public init(path: String) { self.path = path }

    deinit { if fd >= 0 { close(fd) } }

    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write the spool \(path): \(reason)" }
    }

    /// Appends the records and syncs them to disk.
    public func append(_ records: [JSONObject]) throws(Failure) {
        if fd < 0 { try openFile() }
        var text = ""
        for record in records {
            text += JSONWriter.string(.object(record))
            text += "\n"
        }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
        bytes.removeAll()
        if fsync(fd) != 0 { throw Failure(path: path, reason: "fsync: \(String(cString: strerror(errno)))") }
        written += records.count
    }

    private func openFile() throws(Failure) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw Failure(path: path, reason: error.localizedDescription)
            }
        }
        fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { throw Failure(path: path, reason: String(cString: strerror(errno))) }
    }
}
