import Foundation

/// A date pattern such as `MM/dd/yyyy hh:mm:ss a`, read byte by byte (it runs on every row of a
/// logged file; `DateFormatter` is both slow and lossy here).
///
/// Letters, as in Unicode TR35 (the subset logged files use): `yyyy` 4-digit year, `yy` 2-digit
/// year (2000–2099), `MM`/`dd`/`HH`/`hh`/`mm`/`ss` exactly two digits, `M`/`d`/`H`/`h` one or
/// two, `S…` a fraction of a second of any length, `a` AM/PM (any case). Text in single quotes
/// and any other character stand for themselves.
public struct TimestampPattern: Sendable, Equatable, CustomStringConvertible {
    enum Token: Sendable, Equatable {
        case year4, year2, month(fixed: Bool), day(fixed: Bool), hour24(fixed: Bool), hour12(fixed: Bool)
        case minute, second, fraction, ampm
        case literal(UInt8)
    }

    let tokens: [Token]
    public let description: String

    public init(_ pattern: String) throws(TimestampError) {
        var tokens: [Token] = []
        let b = Array(pattern.utf8)
        var i = 0
        while i < b.count {
            let c = b[i]
            var run = 1
            while i + run < b.count, b[i + run] == c { run += 1 }
            func bad() -> TimestampError { TimestampError("pattern \"\(pattern)\": \(String(repeating: Character(Unicode.Scalar(c)), count: run)) is not understood") }
            switch c {
            case UInt8(ascii: "y"):
                guard run == 4 || run == 2 else { throw bad() }
                tokens.append(run == 4 ? .year4 : .year2)
            case UInt8(ascii: "M"), UInt8(ascii: "d"), UInt8(ascii: "H"), UInt8(ascii: "h"):
                guard run <= 2 else { throw bad() }
                let fixed = run == 2
                tokens.append(c == UInt8(ascii: "M") ? .month(fixed: fixed) : c == UInt8(ascii: "d") ? .day(fixed: fixed)
                    : c == UInt8(ascii: "H") ? .hour24(fixed: fixed) : .hour12(fixed: fixed))
            case UInt8(ascii: "m"), UInt8(ascii: "s"):
                guard run == 2 else { throw bad() }
                tokens.append(c == UInt8(ascii: "m") ? .minute : .second)
            case UInt8(ascii: "S"): tokens.append(.fraction)
            case UInt8(ascii: "a"):
                guard run == 1 else { throw bad() }
                tokens.append(.ampm)
            case UInt8(ascii: "'"):
                run = 1
                var j = i + 1
                while j < b.count, b[j] != UInt8(ascii: "'") { tokens.append(.literal(b[j])); j += 1 }
                guard j < b.count else { throw TimestampError("pattern \"\(pattern)\": a quote is not closed") }
                run = j - i + 1
            default:
                if (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) { throw bad() }
                for _ in 0..<run { tokens.append(.literal(c)) }
            }
            i += run
        }
        guard tokens.contains(where: { if case .year4 = $0 { true } else if case .year2 = $0 { true } else { false } }),
              tokens.contains(where: { if case .month = $0 { true } else { false } }),
              tokens.contains(where: { if case .day = $0 { true } else { false } })
        else { throw TimestampError("pattern \"\(pattern)\" needs a year, a month and a day") }
        if tokens.contains(where: { if case .hour12 = $0 { true } else { false } }) != tokens.contains(.ampm) {
            throw TimestampError("pattern \"\(pattern)\": a 12-hour clock (h) goes with an AM/PM marker (a), and only with it")
        }
        self.tokens = tokens
        self.description = pattern
    }

    /// The wall-clock time written in `text`, as milliseconds in the pattern's own (unknown)
    /// zone; `ZoneClock` turns it into an instant.
    public func wallClockMilliseconds(_ text: String) throws(TimestampError) -> Int64 {
        var text = text
        let r: Result<Int64, TimestampError> = text.withUTF8 { b in
            do throws(TimestampError) { return .success(try read(b)) } catch { return .failure(error) }
        }
        return try r.get()
    }

    func read(_ b: UnsafeBufferPointer<UInt8>) throws(TimestampError) -> Int64 {
        var i = 0
        let n = b.count
        var year: Int64 = 0, month: Int64 = 0, day: Int64 = 0, hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0, ms: Int64 = 0
        var pm: Bool? = nil
        func number(_ minDigits: Int, _ maxDigits: Int, _ what: String) throws(TimestampError) -> Int64 {
            var v: Int64 = 0
            var k = 0
            while k < maxDigits, i < n, b[i] &- 0x30 < 10 {
                v = v * 10 + Int64(b[i] &- 0x30)
                i += 1
                k += 1
            }
            guard k >= minDigits else { throw TimestampError("expected \(minDigits == maxDigits ? "\(minDigits)" : "\(minDigits)–\(maxDigits)") digits for the \(what) at character \(i + 1)") }
            return v
        }
        for token in tokens {
            switch token {
            case .year4: year = try number(4, 4, "year")
            case .year2: year = 2000 + (try number(2, 2, "year"))
            case .month(let fixed): month = try number(fixed ? 2 : 1, 2, "month")
            case .day(let fixed): day = try number(fixed ? 2 : 1, 2, "day")
            case .hour24(let fixed): hour = try number(fixed ? 2 : 1, 2, "hour")
            case .hour12(let fixed):
                hour = try number(fixed ? 2 : 1, 2, "hour")
                guard (1...12).contains(hour) else { throw TimestampError("hour \(hour) is not 1–12 on a 12-hour clock") }
            case .minute: minute = try number(2, 2, "minute")
            case .second: second = try number(2, 2, "second")
            case .fraction:
                var places = 0
                while i < n, b[i] &- 0x30 < 10 {
                    if places < 3 { ms = ms * 10 + Int64(b[i] &- 0x30) }
                    places += 1
                    i += 1
                }
                guard places > 0 else { throw TimestampError("expected digits for the fraction of a second at character \(i + 1)") }
                for _ in places..<max(places, 3) { ms *= 10 }
            case .ampm:
                guard i + 1 < n, b[i + 1] | 0x20 == UInt8(ascii: "m") else { throw TimestampError("expected AM or PM at character \(i + 1)") }
                switch b[i] | 0x20 {
                case UInt8(ascii: "a"): pm = false
                case UInt8(ascii: "p"): pm = true
                default: throw TimestampError("expected AM or PM at character \(i + 1)")
                }
                i += 2
            case .literal(let c):
                guard i < n, b[i] == c else {
                    throw TimestampError("expected '\(Character(Unicode.Scalar(c)))' at character \(i + 1)")
                }
                i += 1
            }
        }
        guard i == n else { throw TimestampError("unexpected text at character \(i + 1)") }
        if let pm { hour = hour % 12 + (pm ? 12 : 0) }
        return try Timestamp.wallClock(year: year, month: month, day: day, hour: hour, minute: minute, second: second, millisecond: ms)
    }
}

/// Turns wall-clock times of one time zone into instants. Foundation's `TimeZone` is asked only
/// for the offset at an instant; the answer is cached per local day, so a file of rows costs a
/// few look-ups a day rather than one a row.
///
/// At a daylight-saving change the rule is fixed, so the same text always gives the same
/// instant: a time that happens twice (autumn) is the first of the two, in summer time; a time
/// that never happens (spring gap) is moved forward by the gap, read with the offset in force
/// before it (02:30 on the spring-forward night in Los Angeles becomes 03:30 PDT), as java.time does.
public struct ZoneClock: Sendable {
    public let timeZone: TimeZone
    private var cachedDay: Int64 = .min
    private var cachedOffset: Int64 = 0
    private var cachedUniform = false

    public init(_ timeZone: TimeZone) { self.timeZone = timeZone }

    /// nil when the identifier is unknown to the system's time zone data.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.init(zone)
    }

    /// The zone's offset from UTC, in seconds, at an instant given in seconds.
    public func offset(atUTCSeconds s: Int64) -> Int64 {
        Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(s))))
    }

    /// The instant of a wall-clock time in this zone, both in milliseconds.
    public mutating func instant(fromWallClock local: Int64) -> Int64 {
        let day = local.floorDiv(86_400_000)
        if day != cachedDay {
            let midnight = day * 86_400
            let a = offset(atUTCSeconds: midnight - 86_400)
            let b = offset(atUTCSeconds: midnight + 2 * 86_400)
            let c = offset(atUTCSeconds: midnight + 43_200 - a)
            cachedDay = day
            cachedOffset = a
            cachedUniform = a == b && a == c
        }
        if cachedUniform { return local - cachedOffset * 1000 }
        let seconds = local.floorDiv(1000)
        let subsecond = local - seconds * 1000
        let before = offset(atUTCSeconds: seconds - 86_400)
        let after = offset(atUTCSeconds: seconds + 86_400)
        let tBefore = seconds - before
        let tAfter = seconds - after
        let beforeValid = offset(atUTCSeconds: tBefore) == before
        let afterValid = offset(atUTCSeconds: tAfter) == after
        let utc: Int64
        switch (beforeValid, afterValid) {
        case (true, true): utc = min(tBefore, tAfter)
        case (true, false): utc = tBefore
        case (false, true): utc = tAfter
        case (false, false): utc = tBefore
        }
        return utc * 1000 + subsecond
    }
}

/// How a column's times are written: a format name and, for a pattern, its time zone.
/// Formats: `iso8601` (any offset), `epoch` (seconds since 1970, UTC), or a pattern.
public struct TimeReader: Sendable {
    enum Format: Sendable { case iso8601, epoch, pattern(TimestampPattern) }
    let format: Format
    var clock: ZoneClock?
    /// What to say was expected, in error messages.
    public let expected: String

    public init(format: String, timeZone: String?) throws(TimestampError) {
        switch format.lowercased() {
        case "iso8601", "iso 8601", "iso":
            self.format = .iso8601
            expected = "ISO 8601 with an offset"
        case "epoch", "epoch_seconds", "unix":
            self.format = .epoch
            expected = "epoch seconds"
        default:
            self.format = .pattern(try TimestampPattern(format))
            expected = format
            guard let timeZone else { throw TimestampError("the time format \"\(format)\" needs a time zone (e.g. \"Europe/Paris\")") }
            guard let clock = ZoneClock(identifier: timeZone) else {
                throw TimestampError("time zone \"\(timeZone)\" is unknown (use an IANA name such as \"America/Los_Angeles\")")
            }
            self.clock = clock
        }
    }

    public mutating func read(_ text: String) throws(TimestampError) -> Timestamp {
        switch format {
        case .iso8601: return try Timestamp.parseISO8601(text)
        case .epoch: return try Timestamp.parseEpochSeconds(text)
        case .pattern(let pattern):
            let wall = try pattern.wallClockMilliseconds(text)
            return Timestamp(milliseconds: clock!.instant(fromWallClock: wall))
        }
    }
}
