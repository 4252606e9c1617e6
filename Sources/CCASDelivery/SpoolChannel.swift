import CCASCore
import Foundation

/// `file`: a spool directory, one JSON file per notification, written atomically (a temporary
/// file in the same directory, synced, then renamed), so a reader never sees half a file and a
/// crash leaves none. A second delivery of the same notification replaces its file.
public struct SpoolChannel: DeliveryChannel {
    public var directory: String

    public init(directory: String) { self.directory = directory }

    public func deliver(_ message: DeliveryMessage) -> DeliveryOutcome {
        let name = SpoolFile.name(id: message.id, key: message.key, extension: "json")
        let body = JSONWriter.string(.object(message.record)) + "\n"
        do {
            try SpoolFile.write(Array(body.utf8), name: name, directory: directory)
            return .delivered(acknowledgedBy: nil)
        } catch {
            return .retry("\(error)")
        }
    }
}

/// Safe names and atomic writes in a spool directory.
public enum SpoolFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// A file name from a notification's id and key that stays in its directory: only letters,
    /// digits, `.`, `_` and `-`, never starting with a dot, at most 150 bytes before the extension.
    public static func name(id: String, key: String, extension ext: String) -> String {
        var bytes = (id + "_" + key).utf8.map { b -> UInt8 in
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
                return b
            default: return UInt8(ascii: "_")
            }
        }
        while bytes.first == UInt8(ascii: ".") { bytes[0] = UInt8(ascii: "_") }
        if bytes.count > 150 { bytes = Array(bytes.prefix(150)) }
        if bytes.isEmpty { bytes = Array("notification".utf8) }
        return String(decoding: bytes, as: UTF8.self) + "." + ext
    }

    /// Writes `bytes` to `directory/name` atomically, creating the directory (mode 0700) if needed.
    public static func write(_ bytes: [UInt8], name: String, directory: String) throws {
        precondition(!name.contains("/") && name != "." && name != "..", "spool file names never leave their directory")
        if !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw WriteError(description: "cannot create the spool directory \(directory): \(error.localizedDescription)")
            }
        }
        let final = directory + "/" + name
        let temp = directory + "/.tmp-\(getpid())-" + name
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if fd < 0 { throw WriteError(description: "cannot write \(temp): \(String(cString: strerror(errno)))") }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { p in Glibc.write(fd, p.baseAddress! + offset, p.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temp)
                throw WriteError(description: "cannot write \(temp): \(reason)")
            }
            offset += n
        }
        if fsync(fd) != 0 || close(fd) != 0 {
            unlink(temp)
            throw WriteError(description: "cannot sync \(temp): \(String(cString: strerror(errno)))")
        }
        if rename(temp, final) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw WriteError(description: "cannot rename into \(final): \(reason)")
        }
    }
}
