/// Why a JSON text could not be read, with the byte offset where reading stopped.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var offset: Int
    public var description: String { "\(reason) at byte \(offset + 1)" }
}

/// A byte-level JSON parser (RFC 8259). Foundation's decoder reads about 65,000 call lines a
/// second here; this one works straight on the UTF-8 bytes and builds `JSON` values directly.
public struct JSONParser {
    /// Nesting deeper than this is refused rather than risking the stack.
    public static let maxDepth = 512

    public static func parse(_ text: String) throws(JSONParseError) -> JSON {
        var text = text
        return try text.withUTF8 { buffer in Result { () throws(JSONParseError) in try parse(UnsafeRawBufferPointer(buffer)) } }.get()
    }

    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSON {
        try bytes.withUnsafeBytes { buffer in Result { () throws(JSONParseError) in try parse(buffer) } }.get()
    }

    /// Parses exactly one JSON value, with optional white space around it.
    public static func parse(_ buffer: UnsafeRawBufferPointer) throws(JSONParseError) -> JSON {
        var parser = Cursor(buffer)
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        if parser.i < parser.end { throw parser.fail("unexpected text after the JSON value") }
        return value
    }
}

/// Moves `i` over string bytes eight at a time, to the first word holding a quote, a backslash
/// or a control byte (exactly onto that byte: borrows only move upwards), or to the last 7
/// bytes; ORs the bytes passed into `high`, whose top bits then say whether any was non-ASCII.
/// Shared by the parser and the skim, which must agree on where a string ends.
@inline(__always)
private func skipPlainStringBytes(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int, _ high: inout UInt64) {
    let ones: UInt64 = 0x0101_0101_0101_0101, tops: UInt64 = 0x8080_8080_8080_8080
    while end - i >= 8 {
        let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
        let q = w ^ (0x22 &* ones), b = w ^ (0x5C &* ones)
        let stop = (((q &- ones) & ~q) | ((b &- ones) & ~b) | ((w &- 0x20 &* ones) & ~w)) & tops
        if stop != 0 {
            let k = stop.trailingZeroBitCount >> 3
            high |= w & ((1 &<< UInt64(k &* 8)) &- 1)
            i += k
            return
        }
        high |= w
        i += 8
    }
}

private struct Cursor {
    let base: UnsafePointer<UInt8>
    let end: Int
    var i = 0
    /// Length, first and last byte of the last string read, mixed: for the repeated-key check.
    var lastStringShape = 0

    init(_ buffer: UnsafeRawBufferPointer) {
        // An empty buffer may have a nil base: point at a static byte instead.
        base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? Cursor.empty
        end = buffer.count
    }
    nonisolated(unsafe) private static let empty: UnsafePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        p.initialize(to: 0)
        return UnsafePointer(p)
    }()

    func fail(_ reason: String) -> JSONParseError { JSONParseError(reason: reason, offset: i) }

    @inline(__always) mutating func skipSpace() {
        while i < end {
            let c = base[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { return }
        }
    }

    mutating func value(depth: Int) throws(JSONParseError) -> JSON {
        guard i < end else { throw fail("unexpected end of input, a value was expected") }
        switch base[i] {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default:
            throw fail("unexpected character \(describe(base[i])), a value was expected")
        }
    }

    private func describe(_ c: UInt8) -> String {
        c >= 0x20 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : hexByte(c)
    }

    private func hexByte(_ c: UInt8) -> Swift.String {
        let hex = Array("0123456789ABCDEF")
        return "0x" + Swift.String([hex[Int(c >> 4)], hex[Int(c & 15)]])
    }

    mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let n = word.utf8CodeUnitCount
        guard end - i >= n else { throw fail("unexpected end of input in '\(word)'") }
        let w = word.utf8Start
        for k in 0..<n where base[i + k] != w[k] { throw fail("invalid literal, '\(word)' was expected") }
        i += n
    }

    mutating func object(depth: Int) throws(JSONParseError) -> JSON {
        if depth > JSONParser.maxDepth { throw fail("nesting deeper than \(JSONParser.maxDepth)") }
        i += 1
        var fields: [(key: Swift.String, value: JSON)] = []
        fields.reserveCapacity(12)
        skipSpace()
        if i < end, base[i] == UInt8(ascii: "}") { i += 1; return .object(JSONObject(unchecked: fields)) }
        var duplicates = false
        // Repeated keys are rare: a 64-bit mask of (length, first, last byte) lets most keys
        // skip the comparison with every earlier key.
        var seen: UInt64 = 0
        while true {
            skipSpace()
            guard i < end, base[i] == UInt8(ascii: "\"") else {
                throw fail(i < end ? "a key in double quotes was expected" : "unexpected end of input in an object")
            }
            let key: Swift.String
            if let known = knownKey() { key = known } else { key = try string() }
            // The key's shape, taken before the value (a string value sets it again).
            let h = lastStringShape
            skipSpace()
            guard i < end, base[i] == UInt8(ascii: ":") else { throw fail("':' was expected after a key") }
            i += 1
            skipSpace()
            let v = try value(depth: depth)
            let bit: UInt64 = 1 << UInt64(h & 63)
            if !duplicates, seen & bit != 0 {
                for f in fields where f.key == key { duplicates = true; break }
            }
            seen |= bit
            fields.append((key, v))
            skipSpace()
            guard i < end else { throw fail("unexpected end of input in an object") }
            let c = base[i]
            i += 1
            if c == UInt8(ascii: ",") { continue }
            if c == UInt8(ascii: "}") { break }
            i -= 1
            throw fail("',' or '}' was expected in an object")
        }
        // A repeated key keeps its first position and its last value, as most readers do.
        return .object(duplicates ? JSONObject(fields.map { ($0.key, $0.value) }) : JSONObject(unchecked: fields))
    }

    mutating func array(depth: Int) throws(JSONParseError) -> JSON {
        if depth > JSONParser.maxDepth { throw fail("nesting deeper than \(JSONParser.maxDepth)") }
        i += 1
        var items: [JSON] = []
        skipSpace()
        if i < end, base[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value(depth: depth))
            skipSpace()
            guard i < end else { throw fail("unexpected end of input in an array") }
            let c = base[i]
            i += 1
            if c == UInt8(ascii: ",") { continue }
            if c == UInt8(ascii: "]") { break }
            i -= 1
            throw fail("',' or ']' was expected in an array")
        }
        return .array(items)
    }

    mutating func number() throws(JSONParseError) -> JSON {
        let start = i
        if base[i] == UInt8(ascii: "-") { i += 1 }
        guard i < end, isDigit(base[i]) else { throw fail("a digit was expected in a number") }
        if base[i] == UInt8(ascii: "0") {
            i += 1
            if i < end, isDigit(base[i]) { throw fail("a number may not start with a zero") }
        } else {
            while i < end, isDigit(base[i]) { i += 1 }
        }
        if i < end, base[i] == UInt8(ascii: ".") {
            i += 1
            guard i < end, isDigit(base[i]) else { throw fail("a digit was expected after the decimal point") }
            while i < end, isDigit(base[i]) { i += 1 }
        }
        if i < end, base[i] == UInt8(ascii: "e") || base[i] == UInt8(ascii: "E") {
            i += 1
            if i < end, base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-") { i += 1 }
            guard i < end, isDigit(base[i]) else { throw fail("a digit was expected in the exponent") }
            while i < end, isDigit(base[i]) { i += 1 }
        }
        // Number text is ASCII by construction.
        return .number(Swift.String(unsafeUninitializedCapacity: i - start) { out in
            _ = out.initialize(from: UnsafeBufferPointer(start: base + start, count: i - start))
            return i - start
        })
    }

    @inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    /// The keys of records on the pipes come back on every line: a key of up to 16 plain
    /// bytes found in `KnownKeys` is taken from there (no new String), else nil and `string()`
    /// reads it. `i` is on the opening quote.
    @inline(__always) mutating func knownKey() -> Swift.String? {
        let start = i + 1
        guard end - start >= 17 else { return nil }
        let p = UnsafeRawPointer(base + start)
        let a = p.loadUnaligned(as: UInt64.self), b = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        let q: UInt64 = 0x2222_2222_2222_2222, ones: UInt64 = 0x0101_0101_0101_0101, tops: UInt64 = 0x8080_8080_8080_8080
        let qa = a ^ q, qb = b ^ q
        let sa = (qa &- ones) & ~qa & tops, sb = (qb &- ones) & ~qb & tops
        let n: Int
        if sa != 0 { n = sa.trailingZeroBitCount >> 3 } else if sb != 0 { n = 8 + sb.trailingZeroBitCount >> 3 } else { return nil }
        guard n > 0 else { return nil }
        let wa = n >= 8 ? a : a & ((1 &<< UInt64(n &* 8)) &- 1)
        let wb = n <= 8 ? 0 : n == 16 ? b : b & ((1 &<< UInt64((n - 8) &* 8)) &- 1)
        guard let key = KnownKeys.find(wa, wb, n) else { return nil }
        i = start + n + 1
        lastStringShape = n &* 31 &+ Int(base[start]) &+ Int(base[start + n - 1]) &* 7
        return key
    }

    /// Reads a string at `i` (which is on the opening quote). The common case, no escapes,
    /// validates the bytes as UTF-8 and copies them once.
    mutating func string() throws(JSONParseError) -> Swift.String {
        i += 1
        let start = i
        var high: UInt64 = 0
        let tops: UInt64 = 0x8080_8080_8080_8080
        while true {
            skipPlainStringBytes(base, &i, end, &high)
            guard i < end else { throw fail("unterminated string") }
            let c = base[i]
            if c == UInt8(ascii: "\"") {
                let span = UnsafeBufferPointer(start: base + start, count: i - start)
                i += 1
                lastStringShape = span.isEmpty ? 0 : span.count &* 31 &+ Int(span[0]) &+ Int(span[span.count - 1]) &* 7
                if high & tops == 0 {
                    return Swift.String(unsafeUninitializedCapacity: span.count) { out in
                        _ = out.initialize(from: span)
                        return span.count
                    }
                }
                guard let s = Swift.String(validating: span, as: UTF8.self) else {
                    i = start
                    throw fail("invalid UTF-8 in a string")
                }
                return s
            }
            if c == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if c < 0x20 { throw fail("a control character must be escaped in a string") }
            high |= UInt64(c)
            i += 1
        }
    }

    private mutating func escapedString(from start: Int) throws(JSONParseError) -> Swift.String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(i - start + 16)
        bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i - start))
        while i < end {
            let c = base[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                lastStringShape = bytes.isEmpty ? 0 : bytes.count &* 31 &+ Int(bytes[0]) &+ Int(bytes[bytes.count - 1]) &* 7
                guard let s = Swift.String(validating: bytes, as: UTF8.self) else {
                    throw fail("invalid UTF-8 in a string")
                }
                return s
            }
            if c < 0x20 { throw fail("a control character must be escaped in a string") }
            if c != UInt8(ascii: "\\") {
                bytes.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < end else { break }
            let e = base[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): bytes.append(0x22)
            case UInt8(ascii: "\\"): bytes.append(0x5C)
            case UInt8(ascii: "/"): bytes.append(0x2F)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar >= 0xD800, scalar < 0xDC00 {
                    // A high surrogate must be followed by an escaped low one.
                    guard end - i >= 6, base[i] == UInt8(ascii: "\\"), base[i + 1] == UInt8(ascii: "u") else {
                        throw fail("a lone surrogate in a \\u escape")
                    }
                    i += 2
                    let low = try hex4()
                    guard low >= 0xDC00, low < 0xE000 else { throw fail("a lone surrogate in a \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00, scalar < 0xE000 {
                    throw fail("a lone surrogate in a \\u escape")
                }
                guard let u = Unicode.Scalar(scalar) else { throw fail("an invalid \\u escape") }
                bytes.append(contentsOf: Array(Swift.String(Character(u)).utf8))
            default:
                i -= 1
                throw fail("an invalid escape in a string")
            }
        }
        throw fail("unterminated string")
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard end - i >= 4 else { throw fail("a \\u escape needs four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = base[i]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: throw fail("a \\u escape needs four hex digits")
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }
}

/// The keys that records on the pipes repeat on every line, as (first 8 bytes, next 8 bytes,
/// length) → String. Read-only after its first use, so it is safe from any thread; a key not
/// here is simply read as any string.
enum KnownKeys {
    private static let slots = 128
    private static let table: [(a: UInt64, b: UInt64, n: Int, key: String)?] = {
        let keys = [
            "kind", "v", "id", "received_at", "channel", "caller", "phone", "name", "location", "address",
            "lat", "lon", "text", "language", "nature", "priority", "event", "event_id", "call_id", "number",
            "status", "unit", "units", "at", "source", "accuracy_m", "precision", "city", "postcode", "note",
            "notes", "operator", "confidence", "category", "code", "label", "time", "type", "reason", "line",
            "file", "callback", "area", "station", "distance_m", "eta_s", "mode", "level", "message", "payload",
        ]
        var table = [(a: UInt64, b: UInt64, n: Int, key: String)?](repeating: nil, count: slots)
        for key in keys {
            let bytes = Array(key.utf8)
            guard bytes.count <= 16, !bytes.isEmpty else { continue }
            var a: UInt64 = 0, b: UInt64 = 0
            for (k, c) in bytes.enumerated() {
                if k < 8 { a |= UInt64(c) << UInt64(k * 8) } else { b |= UInt64(c) << UInt64((k - 8) * 8) }
            }
            var h = slot(a, b, bytes.count)
            while table[h] != nil { h = (h + 1) & (slots - 1) }
            table[h] = (a, b, bytes.count, key)
        }
        return table
    }()

    @inline(__always) private static func slot(_ a: UInt64, _ b: UInt64, _ n: Int) -> Int {
        Int(truncatingIfNeeded: ((a ^ (b &* 31) ^ UInt64(n)) &* 0x9E37_79B9_7F4A_7C15) >> 57)
    }

    static func find(_ a: UInt64, _ b: UInt64, _ n: Int) -> String? {
        var h = slot(a, b, n)
        while let e = table[h] {
            if e.a == a, e.b == b, e.n == n { return e.key }
            h = (h + 1) & (slots - 1)
        }
        return nil
    }
}

extension JSONParser {
    /// Walks one JSON object (a record line) without building any value, calling `field` with
    /// each top-level key (its bytes, between the quotes) and the byte range of its value.
    ///
    /// True only when the text is one valid object this walk can vouch for; false when it is
    /// not an object, not valid, or has what the walk leaves to `parse`: a repeated key, an
    /// escape in a key, a `\u` escape, deep nesting. The caller then parses the text fully,
    /// which gives the same record or the precise error.
    public static func skimObject(
        _ buffer: UnsafeRawBufferPointer, field: (_ key: UnsafeRawBufferPointer, _ value: Range<Int>) -> Void
    ) -> Bool {
        guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return false }
        var s = Skimmer(p: base, end: buffer.count)
        s.space()
        guard s.i < s.end, base[s.i] == UInt8(ascii: "{"), s.object(depth: 1, field: field) else { return false }
        s.space()
        return s.i == s.end
    }
}

/// The validating walk of `skimObject`: the grammar of `Cursor`, nothing built.
private struct Skimmer {
    let p: UnsafePointer<UInt8>
    let end: Int
    var i = 0

    @inline(__always) mutating func space() {
        while i < end {
            let c = p[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { return }
        }
    }

    mutating func value(depth: Int) -> Bool {
        guard i < end, depth < 64 else { return false }
        switch p[i] {
        case UInt8(ascii: "\""): return string()
        case UInt8(ascii: "{"): return object(depth: depth + 1) { _, _ in }
        case UInt8(ascii: "["):
            i += 1
            space()
            if i < end, p[i] == UInt8(ascii: "]") { i += 1; return true }
            while true {
                space()
                guard value(depth: depth + 1) else { return false }
                space()
                guard i < end else { return false }
                let c = p[i]
                i += 1
                if c == UInt8(ascii: ",") { continue }
                return c == UInt8(ascii: "]")
            }
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default: return false
        }
    }

    /// At the opening brace; ends after the closing one. A repeated key, which `parse` would
    /// merge, fails the walk, so that a line passed through says what the parsed record says.
    mutating func object(depth: Int, field: (_ key: UnsafeRawBufferPointer, _ value: Range<Int>) -> Void) -> Bool {
        guard depth < 64 else { return false }
        i += 1
        space()
        if i < end, p[i] == UInt8(ascii: "}") { i += 1; return true }
        // Keys already seen, as (start, length); a 64-bit mask of their shape spares most
        // keys the comparison with every earlier one.
        return withUnsafeTemporaryAllocation(of: (Int, Int).self, capacity: 64) { keys in
            var count = 0
            var seen: UInt64 = 0
            while true {
                space()
                guard i < end, p[i] == UInt8(ascii: "\""), count < keys.count else { return false }
                let keyStart = i + 1
                guard string() else { return false }
                let n = i - 1 - keyStart
                guard n > 0, !(keyStart..<i - 1).contains(where: { p[$0] == 0x5C }) else { return false }
                let bit: UInt64 = 1 << UInt64((n &* 31 &+ Int(p[keyStart]) &+ Int(p[keyStart + n - 1]) &* 7) & 63)
                if seen & bit != 0 {
                    for k in 0..<count where keys[k].1 == n && Skimmer.same(p + keys[k].0, p + keyStart, n) { return false }
                }
                seen |= bit
                keys[count] = (keyStart, n)
                count += 1
                space()
                guard i < end, p[i] == UInt8(ascii: ":") else { return false }
                i += 1
                space()
                let valueStart = i
                guard value(depth: depth) else { return false }
                field(UnsafeRawBufferPointer(start: p + keyStart, count: n), valueStart..<i)
                space()
                guard i < end else { return false }
                let c = p[i]
                i += 1
                if c == UInt8(ascii: ",") { continue }
                return c == UInt8(ascii: "}")
            }
        }
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard end - i >= n, Skimmer.same(p + i, word.utf8Start, n) else { return false }
        i += n
        return true
    }

    static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        for k in 0..<n where a[k] != b[k] { return false }
        return true
    }

    @inline(__always) func digit(_ k: Int) -> Bool { k < end && p[k] &- 0x30 < 10 }

    mutating func number() -> Bool {
        if p[i] == UInt8(ascii: "-") { i += 1 }
        guard digit(i) else { return false }
        if p[i] == UInt8(ascii: "0") {
            i += 1
            if digit(i) { return false }
        } else {
            while digit(i) { i += 1 }
        }
        if i < end, p[i] == UInt8(ascii: ".") {
            i += 1
            guard digit(i) else { return false }
            while digit(i) { i += 1 }
        }
        if i < end, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            i += 1
            if i < end, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard digit(i) else { return false }
            while digit(i) { i += 1 }
        }
        return true
    }

    /// At the opening quote; ends after the closing one. Plain escapes only (`\u` is left to
    /// `parse`), and the bytes must be valid UTF-8, as `parse` requires.
    mutating func string() -> Bool {
        i += 1
        let start = i
        var high: UInt64 = 0
        let tops: UInt64 = 0x8080_8080_8080_8080
        while true {
            skipPlainStringBytes(p, &i, end, &high)
            guard i < end else { return false }
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                let n = i - start
                i += 1
                return high & tops == 0 || Skimmer.validUTF8(p + start, n)
            }
            if c == UInt8(ascii: "\\") {
                guard i + 1 < end else { return false }
                switch p[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                    continue
                default: return false
                }
            }
            if c < 0x20 { return false }
            high |= UInt64(c)
            i += 1
        }
    }

    /// RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
    static func validUTF8(_ s: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var k = 0
        @inline(__always) func tail(_ j: Int) -> Bool { j < n && s[j] & 0xC0 == 0x80 }
        while k < n {
            let c = s[k]
            if c < 0x80 { k += 1; continue }
            if c < 0xC2 { return false }
            if c < 0xE0 {
                guard tail(k + 1) else { return false }
                k += 2
            } else if c < 0xF0 {
                guard tail(k + 1), tail(k + 2) else { return false }
                let c1 = s[k + 1]
                if c == 0xE0 && c1 < 0xA0 || c == 0xED && c1 >= 0xA0 { return false }
                k += 3
            } else if c < 0xF5 {
                guard tail(k + 1), tail(k + 2), tail(k + 3) else { return false }
                let c1 = s[k + 1]
                if c == 0xF0 && c1 < 0x90 || c == 0xF4 && c1 >= 0x90 { return false }
                k += 4
            } else {
                return false
            }
        }
        return true
    }
}
