#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why one physical line could not be taken as it is.
public enum LineProblem: Sendable, Equatable {
    /// Longer than the limit: the line was skipped up to its end; `prefix` keeps its start.
    case tooLong(limit: Int)
}

/// Reads `\n`-terminated lines from a file descriptor in large chunks, with line numbers.
///
/// Handles CRLF, a UTF-8 byte-order mark at the very start, and a last line without its
/// newline. A line over `maxLineBytes` is reported and skipped without holding it in memory,
/// so memory stays flat however bad the input.
public struct LineReader: ~Copyable {
    public let fd: Int32
    public let maxLineBytes: Int
    /// Called before each blocking read: lets a writer flush what it has, so that live
    /// pipelines see each record as soon as its input has been processed.
    public var beforeRead: (() -> Void)?

    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var eof = false
    private var atStart = true
    public private(set) var lineNumber = 0
    public private(set) var readError: Int32 = 0

    public init(fd: Int32, maxLineBytes: Int = 1 << 20, chunk: Int = 1 << 16) {
        self.fd = fd
        self.maxLineBytes = maxLineBytes
        buffer = .allocate(byteCount: max(chunk, 1 << 12) + maxLineBytes + 2, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Calls `body` with each line (without its `\n` or `\r\n`), its number, and a problem if
    /// the line could not be taken whole. Returns when the input ends or `body` returns false.
    public mutating func forEachLine(
        _ body: (_ line: UnsafeRawBufferPointer, _ number: Int, _ problem: LineProblem?) throws -> Bool
    ) rethrows {
        while true {
            // Look for the next newline in what we hold.
            var newline = -1
            if end > start, let base = buffer.baseAddress {
                if let p = memchr(base + start, 0x0A, end - start) {
                    newline = base.distance(to: UnsafeMutableRawPointer(p))
                }
            }
            if newline >= 0 {
                lineNumber += 1
                var lineEnd = newline
                if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeRawBufferPointer(rebasing: buffer[start..<lineEnd])
                start = newline + 1
                if line.count > maxLineBytes {
                    if try !body(UnsafeRawBufferPointer(rebasing: line.prefix(256)), lineNumber, .tooLong(limit: maxLineBytes)) { return }
                } else if try !body(line, lineNumber, nil) {
                    return
                }
                continue
            }
            if eof {
                if end > start {
                    lineNumber += 1
                    var lineEnd = end
                    if buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    let line = UnsafeRawBufferPointer(rebasing: buffer[start..<lineEnd])
                    start = end
                    _ = try body(line, lineNumber, nil)
                }
                return
            }
            // The held part has no newline: an over-long line is skipped up to its end.
            if end - start > maxLineBytes {
                lineNumber += 1
                let prefix = Array(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + 256)]))
                skipToNewline()
                let keepGoing = try prefix.withUnsafeBytes { try body($0, lineNumber, .tooLong(limit: maxLineBytes)) }
                if !keepGoing { return }
                continue
            }
            fill()
        }
    }

    /// Moves held bytes to the front and reads more.
    private mutating func fill() {
        if start > 0 {
            let held = end - start
            if held > 0, let base = buffer.baseAddress { memmove(base, base + start, held) }
            start = 0
            end = held
        }
        beforeRead?()
        while true {
            let n = read(fd, buffer.baseAddress! + end, buffer.count - end)
            if n > 0 {
                if atStart {
                    atStart = false
                    if end == 0, n >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
                        // A UTF-8 byte-order mark: not part of the first record.
                        memmove(buffer.baseAddress!, buffer.baseAddress! + 3, n - 3)
                        end += n - 3
                        return
                    }
                }
                end += n
                return
            }
            if n == 0 { eof = true; return }
            if errno == EINTR { continue }
            readError = errno
            eof = true
            return
        }
    }

    /// Drops input up to and including the next newline.
    private mutating func skipToNewline() {
        start = end
        while !eof {
            fill()
            if let base = buffer.baseAddress, end > start, let p = memchr(base + start, 0x0A, end - start) {
                start = base.distance(to: UnsafeMutableRawPointer(p)) + 1
                return
            }
            start = end
        }
    }
}
