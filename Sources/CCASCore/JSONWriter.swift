#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable byte buffer for output: appends without the uniqueness and bounds checks of an
/// array, which the parse-and-emit path paid for on every field.
public struct ByteSink: ~Copyable {
    public private(set) var base: UnsafeMutablePointer<UInt8>
    public private(set) var count = 0
    public private(set) var capacity: Int

    public init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always) public mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private mutating func grow(_ needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        p.update(from: base, count: count)
        base.deallocate()
        base = p
        capacity = c
    }

    @inline(__always) public mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always) public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).update(from: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        count += bytes.count
    }

    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    public mutating func removeAll() { count = 0 }

    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}

/// Writes `JSON` as compact UTF-8 text, keys in their order, numbers as kept.
public enum JSONWriter {
    public static func string(_ value: JSON) -> String {
        var sink = ByteSink(capacity: 256)
        write(value, to: &sink)
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    public static func write(_ value: JSON, to out: inout [UInt8]) {
        var sink = ByteSink(capacity: 256)
        write(value, to: &sink)
        out.append(contentsOf: sink.bytes)
    }

    /// Appends `value` compact (no spaces), as NDJSON wants.
    public static func write(_ value: JSON, to out: inout ByteSink) {
        switch value {
        case .null: out.append(literal: "null")
        case .bool(true): out.append(literal: "true")
        case .bool(false): out.append(literal: "false")
        case .number(let text): out.append(text)
        case .string(let s): writeString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            var first = true
            for item in items {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                write(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            var first = true
            for field in object.fields {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                writeString(field.key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(field.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hex: StaticString = "0123456789abcdef"

    /// Escapes only what JSON requires (quote, backslash, control bytes) and leaves other
    /// characters as UTF-8, so French text stays readable in the pipe. Runs of plain bytes are
    /// found eight at a time and copied whole.
    public static func writeString(_ s: String, to out: inout ByteSink) {
        var s = s
        s.withUTF8 { bytes in
            out.reserve(bytes.count + 2)
            out.append(UInt8(0x22))
            guard let base = bytes.baseAddress else { out.append(UInt8(0x22)); return }
            let n = bytes.count
            let ones: UInt64 = 0x0101_0101_0101_0101, tops: UInt64 = 0x8080_8080_8080_8080
            var run = 0, i = 0
            while i < n {
                if n - i >= 8 {
                    let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    let q = w ^ (0x22 &* ones), b = w ^ (0x5C &* ones)
                    let stop = (((q &- ones) & ~q) | ((b &- ones) & ~b) | ((w &- 0x20 &* ones) & ~w)) & tops
                    if stop == 0 {
                        i += 8
                        continue
                    }
                    // The lowest flagged byte is exact: everything before it is plain.
                    i += stop.trailingZeroBitCount >> 3
                }
                let c = base[i]
                if c >= 0x20, c != 0x22, c != 0x5C { i += 1; continue }
                out.append(UnsafeRawBufferPointer(start: base + run, count: i - run))
                out.append(UInt8(0x5C))
                switch c {
                case 0x22: out.append(UInt8(0x22))
                case 0x5C: out.append(UInt8(0x5C))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    let h = hex.utf8Start
                    out.append(literal: "u00")
                    out.append(h[Int(c >> 4)])
                    out.append(h[Int(c & 15)])
                }
                i += 1
                run = i
            }
            out.append(UnsafeRawBufferPointer(start: base + run, count: n - run))
            out.append(UInt8(0x22))
        }
    }
}

extension ByteSink {
    @inline(__always) public mutating func append(literal: StaticString) {
        append(UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// For writers that filled reserved space directly.
    @inline(__always) mutating func advance(by n: Int) { count += n }
}

extension JSON: CustomStringConvertible {
    /// Compact JSON text.
    public var description: String { JSONWriter.string(self) }
}
