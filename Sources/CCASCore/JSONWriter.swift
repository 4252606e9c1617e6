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
        text.withUTF8 { src in
            reserve(src.count)
            if let p = src.baseAddress { (base + count).update(from: p, count: src.count) }
            count += src.count
        }
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
            // Through the buffer: borrows each item instead of copying (retaining) it.
            items.withUnsafeBufferPointer { items in
                for k in items.indices {
                    if k > 0 { out.append(UInt8(ascii: ",")) }
                    write(items[k], to: &out)
                }
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            writeObject(object, to: &out)
        }
    }

    /// Appends an object; fields are borrowed through the array's buffer, not copied.
    public static func writeObject(_ object: JSONObject, to out: inout ByteSink) {
        out.append(UInt8(ascii: "{"))
        object.fields.withUnsafeBufferPointer { fields in
            for k in fields.indices {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                writeString(fields[k].key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(fields[k].value, to: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    private static let hex: StaticString = "0123456789abcdef"

    /// Escapes only what JSON requires (quote, backslash, control bytes) and leaves other
    /// characters as UTF-8, so French text stays readable in the pipe.
    ///
    /// Scanning and copying are one pass: eight bytes are loaded, stored whole into the sink
    /// and checked; the sink is reserved once per string (plus eight bytes of slack for the
    /// last word store), so no byte pays for a capacity check.
    public static func writeString(_ s: String, to out: inout ByteSink) {
        // Native and small strings lend their bytes without a copy of the String itself.
        if s.utf8.withContiguousStorageIfAvailable({ writeEscaped($0, to: &out) }) != nil { return }
        var s = s
        s.withUTF8 { src in writeEscaped(src, to: &out) }
    }

    @inline(__always) static func writeEscaped(_ src: UnsafeBufferPointer<UInt8>, to out: inout ByteSink) {
        let n = src.count
        out.reserve(n + 10)
        var d = out.base + out.count
        d[0] = 0x22
        d += 1
        guard let p = src.baseAddress else {
            d[0] = 0x22
            out.advance(by: 2)
            return
        }
        let ones: UInt64 = 0x0101_0101_0101_0101, tops: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i < n {
            if n - i >= 8 {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                UnsafeMutableRawPointer(d).storeBytes(of: w, as: UInt64.self)
                let q = w ^ (0x22 &* ones), b = w ^ (0x5C &* ones)
                let stop = (((q &- ones) & ~q) | ((b &- ones) & ~b) | ((w &- 0x20 &* ones) & ~w)) & tops
                if stop == 0 {
                    i += 8
                    d += 8
                    continue
                }
                // The lowest flagged byte is exact: everything before it is plain and copied.
                let k = stop.trailingZeroBitCount >> 3
                i += k
                d += k
            } else {
                // The last one to seven bytes, gathered into a word without reading past the
                // end (the bytes above are zero, which the mask keeps from counting).
                let rem = n - i
                let t = UnsafeRawPointer(p + i)
                var w: UInt64 = 0, off = 0
                if rem & 4 != 0 { w = UInt64(t.loadUnaligned(as: UInt32.self)); off = 4 }
                if rem & 2 != 0 { w |= UInt64(t.loadUnaligned(fromByteOffset: off, as: UInt16.self)) << UInt64(off &* 8); off += 2 }
                if rem & 1 != 0 { w |= UInt64(t.load(fromByteOffset: off, as: UInt8.self)) << UInt64(off &* 8) }
                UnsafeMutableRawPointer(d).storeBytes(of: w, as: UInt64.self)
                let q = w ^ (0x22 &* ones), b = w ^ (0x5C &* ones)
                let valid: UInt64 = (1 &<< UInt64(rem &* 8)) &- 1
                let stop = (((q &- ones) & ~q) | ((b &- ones) & ~b) | ((w &- 0x20 &* ones) & ~w)) & tops & valid
                if stop == 0 {
                    i = n
                    d += rem
                    continue
                }
                let k = stop.trailingZeroBitCount >> 3
                i += k
                d += k
            }
            // p[i] needs an escape: at most six bytes, then room again for the rest.
            let c = p[i]
            i += 1
            out.advance(by: out.base.distance(to: d) - out.count)
            out.reserve(6 + (n - i) + 9)
            d = out.base + out.count
            d[0] = 0x5C
            switch c {
            case 0x22: d[1] = 0x22; d += 2
            case 0x5C: d[1] = 0x5C; d += 2
            case 0x0A: d[1] = UInt8(ascii: "n"); d += 2
            case 0x0D: d[1] = UInt8(ascii: "r"); d += 2
            case 0x09: d[1] = UInt8(ascii: "t"); d += 2
            default:
                let h = hex.utf8Start
                d[1] = UInt8(ascii: "u"); d[2] = 0x30; d[3] = 0x30
                d[4] = h[Int(c >> 4)]; d[5] = h[Int(c & 15)]
                d += 6
            }
        }
        d[0] = 0x22
        d += 1
        out.advance(by: out.base.distance(to: d) - out.count)
    }
}

extension ByteSink {
    @inline(__always) public mutating func append(literal: StaticString) {
        append(UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// For writers that filled reserved space directly.
    @inline(__always) mutating func advance(by n: Int) { count += n }

    /// Bytes rendered once and written for every record (a constant fragment of JSON).
    @inline(__always) public mutating func append(bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }
}

extension JSON: CustomStringConvertible {
    /// Compact JSON text.
    public var description: String { JSONWriter.string(self) }
}
