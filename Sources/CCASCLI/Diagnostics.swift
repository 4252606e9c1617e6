import CCASCore
import Foundation

/// Writes one-line diagnostics to standard error (`ccas-intake: error (at calls.csv:17): …`)
/// and keeps rejected input lines in `--rejects`, so nothing bad disappears.
public final class Diagnostics: @unchecked Sendable {
    public let program: String
    // A pipelined stream reports from two threads (RecordStream.pipelined): counts and the
    // rejects file are kept under `lock`.
    private let lock = NSLock()
    private var _errors = 0
    private var _rejected = 0
    public var errors: Int { lock.withLock { _errors } }
    public var rejected: Int { lock.withLock { _rejected } }
    private var rejectsFD: Int32 = -1
    private let rejectsPath: String?

    public init(program: String, rejects: String? = nil) {
        self.program = program
        self.rejectsPath = rejects
    }

    deinit { if rejectsFD >= 0 { close(rejectsFD) } }

    public func error(_ message: String, at place: String? = nil) {
        lock.withLock { _errors += 1 }
        emit("error", message, place)
    }

    public func warning(_ message: String, at place: String? = nil) { emit("warning", message, place) }

    public func note(_ message: String) { writeStderr("\(program): \(message)\n") }

    /// Reports a bad input line and keeps its raw bytes in the rejects file.
    public func reject(_ reason: String, file: String, line: Int, raw: [UInt8]) {
        lock.withLock { _rejected += 1 }
        error(reason, at: "\(Diagnostics.displayName(file)):\(line)")
        guard let rejectsPath else { return }
        lock.lock()
        defer { lock.unlock() }
        if rejectsFD < 0 {
            rejectsFD = open(rejectsPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            if rejectsFD < 0 {
                emit("error", "cannot open the rejects file: \(String(cString: strerror(errno)))", rejectsPath)
                return
            }
        }
        var bytes = raw
        bytes.append(0x0A)
        bytes.withUnsafeBytes { p in _ = Glibc.write(rejectsFD, p.baseAddress!, p.count) }
    }

    public static func displayName(_ file: String) -> String { file == "-" ? "<stdin>" : file }

    private func emit(_ level: String, _ message: String, _ place: String?) {
        let at = place.map { " (at \($0))" } ?? ""
        writeStderr("\(program): \(level)\(at): \(message)\n")
    }
}

public func writeStderr(_ text: String) {
    var text = text
    text.withUTF8 { p in _ = Glibc.write(2, p.baseAddress!, p.count) }
}
