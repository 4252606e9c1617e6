/// The little binary format of the compiled built-in référentiel (`CompiledReferentiel`): integers
/// as LEB128, strings as length and UTF-8 bytes, integer tables copied as raw little-endian words.
/// It only ever crosses from `referentiel compile` to the same program's sources, so it carries a
/// format number rather than field names.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ v: Int) {
        var u = UInt64(bitPattern: Int64(v) << 1 ^ Int64(v) >> 63)  // zigzag: small negatives stay short
        while u >= 0x80 {
            bytes.append(UInt8(u & 0x7f) | 0x80)
            u >>= 7
        }
        bytes.append(UInt8(u))
    }

    mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }
    mutating func double(_ d: Double) { raw([d.bitPattern]) }

    mutating func string(_ s: String) {
        int(s.utf8.count)
        bytes += s.utf8
    }

    mutating func strings(_ list: [String]) {
        int(list.count)
        for s in list { string(s) }
    }

    /// Integers, each as LEB128.
    mutating func ints(_ values: [Int32]) {
        int(values.count)
        for v in values { int(Int(v)) }
    }

    /// A table mostly of -1 (a trie's absent children): its length, then (gap, value) pairs.
    mutating func sparse(_ values: [Int32]) {
        int(values.count)
        let present = values.indices.filter { values[$0] != -1 }
        int(present.count)
        var previous = -1
        for i in present {
            int(i - previous - 1)
            int(Int(values[i]))
            previous = i
        }
    }

    /// A table of fixed-width integers, copied as they are in memory (little-endian hosts only).
    mutating func raw<T: FixedWidthInteger>(_ values: [T]) {
        int(values.count)
        values.withUnsafeBytes { bytes += $0 }
    }
}

struct ByteReader {
    struct Truncated: Error {}

    private let bytes: UnsafeRawBufferPointer
    private var at = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { at == bytes.count }

    @inline(__always)
    mutating func int() throws -> Int {
        // Most values fit one byte: the trie's small numbers and -1.
        if at < bytes.count, bytes[at] < 0x80 {
            let u = UInt64(bytes[at])
            at += 1
            return Int(Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1))
        }
        var u: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard at < bytes.count, shift < 64 else { throw Truncated() }
            let b = bytes[at]
            at += 1
            u |= UInt64(b & 0x7f) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1))
    }

    mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - at else { throw Truncated() }
        return n
    }

    mutating func bool() throws -> Bool {
        guard at < bytes.count else { throw Truncated() }
        at += 1
        return bytes[at - 1] != 0
    }

    mutating func double() throws -> Double {
        let bits: [UInt64] = try raw()
        guard bits.count == 1 else { throw Truncated() }
        return Double(bitPattern: bits[0])
    }

    mutating func string() throws -> String {
        let n = try count()
        defer { at += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<at + n]), as: UTF8.self)
    }

    mutating func strings() throws -> [String] {
        let n = try count()
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }

    mutating func ints() throws -> [Int32] {
        let n = try count()
        var out: [Int32] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(Int32(truncatingIfNeeded: try int())) }
        return out
    }

    mutating func sparse() throws -> [Int32] {
        let n = try int()
        guard n >= 0, n < 1 << 28 else { throw Truncated() }
        var out = [Int32](repeating: -1, count: n)
        var i = -1
        for _ in 0..<(try count()) {
            i += try int() + 1
            guard i >= 0, i < n else { throw Truncated() }
            out[i] = Int32(truncatingIfNeeded: try int())
        }
        return out
    }

    mutating func raw<T: FixedWidthInteger>() throws -> [T] {
        let n = try int()
        let size = n * MemoryLayout<T>.stride
        guard n >= 0, size <= bytes.count - at else { throw Truncated() }
        defer { at += size }
        return [T](unsafeUninitializedCapacity: n) { out, written in
            UnsafeMutableRawBufferPointer(out).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[at..<at + size]))
            written = n
        }
    }
}

/// Base64 without Foundation, for the compiled référentiel embedded as a string literal.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let a = UInt32(bytes[i]), b = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0, c = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let n = a << 16 | b << 8 | c
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(i + 1 < bytes.count ? alphabet[Int(n >> 6 & 63)] : 0x3d)
            out.append(i + 2 < bytes.count ? alphabet[Int(n & 63)] : 0x3d)
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of `text`, or nil when it is not base64. Four characters at a time: it runs
    /// over the whole compiled référentiel at every start.
    static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { input -> [UInt8]? in
            guard input.count % 4 == 0 else { return nil }
            if input.isEmpty { return [] }
            var table = [UInt32](repeating: 0xffff_ffff, count: 256)
            for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { table[Int(c)] = UInt32(i) }
            table[0x3d] = 0  // `=`: counted below
            let padding = input[input.count - 1] == 0x3d ? (input[input.count - 2] == 0x3d ? 2 : 1) : 0
            let length = input.count / 4 * 3 - padding
            var bad: UInt32 = 0
            let out = [UInt8](unsafeUninitializedCapacity: input.count / 4 * 3) { out, written in
                table.withUnsafeBufferPointer { t in
                    guard let inp = input.baseAddress, let o = out.baseAddress else { return }
                    var i = 0, k = 0
                    while i < input.count {
                        let a = t[Int(inp[i])], b = t[Int(inp[i + 1])], c = t[Int(inp[i + 2])], d = t[Int(inp[i + 3])]
                        bad |= (a | b | c | d) & 0xffff_ff00
                        let n = a << 18 | b << 12 | c << 6 | d
                        o[k] = UInt8(truncatingIfNeeded: n >> 16)
                        o[k + 1] = UInt8(truncatingIfNeeded: n >> 8)
                        o[k + 2] = UInt8(truncatingIfNeeded: n)
                        i += 4
                        k += 3
                    }
                }
                written = length
            }
            return bad == 0 ? out : nil
        }
    }
}
