#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered NDJSON output to a file descriptor.
///
/// Records are gathered and written in large blocks; `flush()` is called by the reader before
/// it waits for more input, so a live pipeline sees each record without a write per line.
/// A closed pipe (EPIPE) is remembered, not fatal: the program ends quietly, as `| head` wants.
public final class RecordWriter {
    public let fd: Int32
    private var buffer = ByteSink(capacity: 1 << 17)
    private let threshold: Int
    public private(set) var closed = false
    public private(set) var errorNumber: Int32 = 0
    public private(set) var written = 0

    public init(fd: Int32, threshold: Int = 1 << 16) {
        self.fd = fd
        self.threshold = threshold
    }

    public func write(_ record: JSONObject) {
        JSONWriter.writeObject(record, to: &buffer)
        buffer.append(UInt8(0x0A))
        written += 1
        if buffer.count >= threshold { flush() }
    }

    public func write(_ value: JSON) {
        JSONWriter.write(value, to: &buffer)
        buffer.append(UInt8(0x0A))
        written += 1
        if buffer.count >= threshold { flush() }
    }

    /// One record its caller renders straight into the buffer (a line passed through with a
    /// field added); the newline is added here.
    public func writeLine(_ render: (inout ByteSink) -> Void) {
        render(&buffer)
        buffer.append(UInt8(0x0A))
        written += 1
        if buffer.count >= threshold { flush() }
    }

    /// Raw text (a table row, a line of a report): no newline added.
    public func write(text: String) {
        buffer.append(text)
        if buffer.count >= threshold { flush() }
    }

    public func flush() {
        defer { buffer.removeAll() }
        guard !closed, buffer.count > 0 else { return }
        var offset = 0
        let bytes = buffer.bytes
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n > 0 { offset += n; continue }
            if n < 0, errno == EINTR { continue }
            errorNumber = n < 0 ? errno : EIO
            closed = true
            return
        }
    }

    /// True when the reader at the other end has gone (`| head`).
    public var pipeClosed: Bool { closed && errorNumber == EPIPE }
}
