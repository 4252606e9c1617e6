import Foundation

/// An instant as integer milliseconds since 1970-01-01T00:00:00Z.
///
/// Never `Date`: a `Double` of seconds read from ISO text and written back lost a millisecond on
/// half of the lines here. Parsing and formatting work on the digits with integer arithmetic
/// (days from the civil date, H. Hinnant's algorithm), so what is read is what is written.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.milliseconds < b.milliseconds }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, the form of every time on the pipes.
    public var description: String { iso8601 }

    public var iso8601: String {
        var out = [UInt8](repeating: 0, count: 24)
        let count = out.withUnsafeMutableBufferPointer { Timestamp.write(milliseconds, into: $0) }
        return String(decoding: out[..<count], as: UTF8.self)
    }

    /// Seconds since the epoch, rounded down.
    public var seconds: Int64 { milliseconds.floorDiv(1000) }
}

/// Why a text is not a time, with what was expected.
public struct TimestampError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

// MARK: - Calendar arithmetic

extension Timestamp {
    /// Days since 1970-01-01 of a proleptic Gregorian date.
    @inlinable
    public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    @inlinable
    static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Milliseconds of a wall-clock date and time taken as UTC; checks every field's range.
    static func wallClock(year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64,
                          millisecond: Int64) throws(TimestampError) -> Int64 {
        guard (1...12).contains(month) else { throw TimestampError("month \(month) is not 1–12") }
        let dim = daysInMonth(year: year, month: month)
        guard day >= 1, day <= dim else { throw TimestampError("day \(day) is not in 1–\(dim) for month \(month) of \(year)") }
        guard (0...23).contains(hour) else { throw TimestampError("hour \(hour) is not 0–23") }
        guard (0...59).contains(minute) else { throw TimestampError("minute \(minute) is not 0–59") }
        guard (0...59).contains(second) else { throw TimestampError("second \(second) is not 0–59") }
        let d = days(year: year, month: month, day: day)
        return ((d * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millisecond
    }

    /// Writes `YYYY-MM-DDTHH:MM:SS.mmmZ` (24 bytes) and returns the count; years outside
    /// 0…9999 are clamped to the range, which no real call reaches.
    static func write(_ ms: Int64, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let days = ms.floorDiv(86_400_000)
        var rest = ms - days * 86_400_000
        var (y, m, d) = civil(days: days)
        if y < 0 { (y, m, d, rest) = (0, 1, 1, 0) }
        if y > 9999 { (y, m, d, rest) = (9999, 12, 31, 86_399_999) }
        let h = rest / 3_600_000
        let mi = rest / 60_000 % 60
        let s = rest / 1000 % 60
        let f = rest % 1000
        @inline(__always) func two(_ v: Int64, _ at: Int) {
            out[at] = 0x30 &+ UInt8(v / 10)
            out[at + 1] = 0x30 &+ UInt8(v % 10)
        }
        two(y / 100, 0); two(y % 100, 2); out[4] = 0x2D
        two(m, 5); out[7] = 0x2D
        two(d, 8); out[10] = 0x54
        two(h, 11); out[13] = 0x3A
        two(mi, 14); out[16] = 0x3A
        two(s, 17); out[19] = 0x2E
        out[20] = 0x30 &+ UInt8(f / 100)
        two(f % 100, 21)
        out[23] = 0x5A
        return 24
    }
}

extension Int64 {
    @inlinable func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}

// MARK: - ISO 8601 and epoch seconds

extension Timestamp {
    /// Reads ISO 8601 with an offset, or epoch seconds (integer or fractional).
    public static func parse(_ text: String) throws(TimestampError) -> Timestamp {
        // The form of every time on the pipes, read without a copy of the text.
        if text.utf8.count == 24 {
            var copy = text
            if let t = copy.withUTF8({ b -> Timestamp? in isCanonical(b) ? try? parseISO8601(b) : nil }) { return t }
        }
        let t = text.utf8.first.map { $0 == 0x20 || $0 == 0x09 } == false && text.utf8.last.map { $0 == 0x20 || $0 == 0x09 } == false
            ? text : text.trimmingSpaces()
        if let first = t.utf8.first, t.utf8.count >= 10, first >= 0x30, first <= 0x39,
           t.utf8.dropFirst(4).first == UInt8(ascii: "-") {
            return try parseISO8601(t)
        }
        if let epoch = try? parseEpochSeconds(t) { return epoch }
        throw TimestampError("\"\(text)\" is neither ISO 8601 with an offset (2026-11-29T04:15:30.120Z) nor epoch seconds")
    }

    /// True when `b` has the shape `YYYY-MM-DDTHH:MM:SS.mmmZ` (ranges not checked): such a
    /// text, once read, is written back byte for byte.
    static func isCanonical(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count == 24, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x2E,
              b[23] == 0x5A else { return false }
        let digitPositions: UInt32 = 0x76db6f
        for k in 0..<24 where digitPositions & (1 << UInt32(k)) != 0 && b[k] &- 0x30 >= 10 { return false }
        return true
    }

    /// True when `text` is already in the form `iso8601` writes, so reading it and writing it
    /// back would give the same text.
    public static func isCanonical(_ text: String) -> Bool {
        guard text.utf8.count == 24 else { return false }
        var text = text
        return text.withUTF8 { isCanonical($0) }
    }

    /// `YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]](Z|±HH:MM|±HHMM|±HH)`. The fraction may have any
    /// number of digits; past milliseconds it is cut (not rounded), as clocks do. A text without
    /// an offset is refused: its instant is unknown.
    public static func parseISO8601(_ text: String) throws(TimestampError) -> Timestamp {
        var text = text
        let result: Result<Timestamp, TimestampError> = text.withUTF8 { bytes in
            do throws(TimestampError) { return .success(try parseISO8601(bytes)) } catch { return .failure(error) }
        }
        switch result {
        case .success(let t): return t
        case .failure(let e): throw TimestampError("\"\(text)\" is not ISO 8601: \(e.reason)")
        }
    }

    static func parseISO8601(_ b: UnsafeBufferPointer<UInt8>) throws(TimestampError) -> Timestamp {
        var i = 0
        let n = b.count
        func digits(_ count: Int, _ what: String) throws(TimestampError) -> Int64 {
            guard i + count <= n else { throw TimestampError("it ends before the \(what)") }
            var v: Int64 = 0
            for k in 0..<count {
                let c = b[i + k] &- 0x30
                guard c < 10 else { throw TimestampError("expected \(count) digits for the \(what) at character \(i + 1)") }
                v = v * 10 + Int64(c)
            }
            i += count
            return v
        }
        func expect(_ c: UInt8, _ what: String) throws(TimestampError) {
            guard i < n, b[i] == c else { throw TimestampError("expected \(what) at character \(i + 1)") }
            i += 1
        }
        let year = try digits(4, "year")
        try expect(0x2D, "'-' after the year")
        let month = try digits(2, "month")
        try expect(0x2D, "'-' after the month")
        let day = try digits(2, "day")
        guard i < n, b[i] == 0x54 || b[i] == 0x74 || b[i] == 0x20 else {
            throw TimestampError(i >= n ? "it has a date but no time" : "expected 'T' or a space after the date at character \(i + 1)")
        }
        i += 1
        let hour = try digits(2, "hour")
        try expect(0x3A, "':' after the hour")
        let minute = try digits(2, "minute")
        var second: Int64 = 0
        var ms: Int64 = 0
        if i < n, b[i] == 0x3A {
            i += 1
            second = try digits(2, "second")
            if i < n, b[i] == 0x2E || b[i] == 0x2C {
                i += 1
                var places = 0
                while i < n, b[i] &- 0x30 < 10 {
                    if places < 3 { ms = ms * 10 + Int64(b[i] &- 0x30) }
                    places += 1
                    i += 1
                }
                guard places > 0 else { throw TimestampError("expected digits after the decimal point") }
                for _ in places..<max(places, 3) { ms *= 10 }
            }
        }
        guard i < n else { throw TimestampError("it has no time zone offset (add Z for UTC, or ±HH:MM)") }
        var offsetMinutes: Int64 = 0
        switch b[i] {
        case 0x5A, 0x7A: i += 1
        case 0x2B, 0x2D:
            let sign: Int64 = b[i] == 0x2D ? -1 : 1
            i += 1
            let oh = try digits(2, "offset hours")
            var om: Int64 = 0
            if i < n {
                if b[i] == 0x3A { i += 1 }
                om = try digits(2, "offset minutes")
            }
            guard oh <= 23, om <= 59 else { throw TimestampError("offset \(oh):\(om) is out of range") }
            offsetMinutes = sign * (oh * 60 + om)
        default:
            throw TimestampError("expected Z or an offset ±HH:MM at character \(i + 1)")
        }
        guard i == n else { throw TimestampError("unexpected text after the offset at character \(i + 1)") }
        let wall = try wallClock(year: year, month: month, day: day, hour: hour, minute: minute, second: second, millisecond: ms)
        return Timestamp(milliseconds: wall - offsetMinutes * 60_000)
    }

    /// `1586328956` or `1586328956.123` (seconds since the epoch, UTC); fractions past
    /// milliseconds are cut. Done on the digits, not through `Double`.
    public static func parseEpochSeconds(_ text: String) throws(TimestampError) -> Timestamp {
        var negative = false
        var whole: Int64 = 0
        var ms: Int64 = 0
        var wholeDigits = 0
        var places = 0
        var inFraction = false
        for (k, c) in text.utf8.enumerated() {
            if k == 0, c == 0x2D { negative = true; continue }
            if k == 0, c == 0x2B { continue }
            if c == 0x2E, !inFraction { inFraction = true; continue }
            let d = c &- 0x30
            guard d < 10 else { throw TimestampError("\"\(text)\" is not epoch seconds") }
            if inFraction {
                if places < 3 { ms = ms * 10 + Int64(d) }
                places += 1
            } else {
                wholeDigits += 1
                guard wholeDigits <= 12 else { throw TimestampError("\"\(text)\" is too large for epoch seconds") }
                whole = whole * 10 + Int64(d)
            }
        }
        guard wholeDigits > 0 else { throw TimestampError("\"\(text)\" is not epoch seconds") }
        for _ in places..<max(places, 3) { ms *= 10 }
        let total = whole * 1000 + ms
        return Timestamp(milliseconds: negative ? -total : total)
    }
}
