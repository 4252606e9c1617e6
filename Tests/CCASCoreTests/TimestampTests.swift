import Foundation
import Testing
@testable import CCASCore

@Suite("Timestamp")
struct TimestampTests {
    @Test(arguments: [
        ("2026-11-29T04:15:30.120Z", "2026-11-29T04:15:30.120Z"),
        ("2026-11-29T06:15:30.120+02:00", "2026-11-29T04:15:30.120Z"),
        ("2021-04-30T14:40:00.0-04:00", "2021-04-30T18:40:00.000Z"),
        ("2021-04-30T14:40:00-0400", "2021-04-30T18:40:00.000Z"),
        ("2021-04-30T14:40:00+05", "2021-04-30T09:40:00.000Z"),
        ("2021-04-30 14:40:00Z", "2021-04-30T14:40:00.000Z"),
        ("2021-04-30T14:40Z", "2021-04-30T14:40:00.000Z"),
        ("2020-04-08T06:55:56.123456789Z", "2020-04-08T06:55:56.123Z"),
        ("2020-04-08T06:55:56.5Z", "2020-04-08T06:55:56.500Z"),
        ("2020-02-29T23:59:59.999Z", "2020-02-29T23:59:59.999Z"),
        ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"),
        ("2000-01-01T00:30:00+01:00", "1999-12-31T23:30:00.000Z"),
        ("1586328956", "2020-04-08T06:55:56.000Z"),
        ("1586328956.25", "2020-04-08T06:55:56.250Z"),
        ("1586328956.123999", "2020-04-08T06:55:56.123Z"),
    ])
    func parsesAndFormats(input: String, expected: String) throws {
        #expect(try Timestamp.parse(input).iso8601 == expected)
    }

    @Test(arguments: [
        ("2020-13-01T00:00:00Z", "month 13"),
        ("2019-02-29T00:00:00Z", "day 29"),
        ("2020-04-31T00:00:00Z", "day 31"),
        ("2020-04-08T24:00:00Z", "hour 24"),
        ("2020-04-08T10:60:00Z", "minute 60"),
        ("2020-04-08T10:00:00", "no time zone offset"),
        ("2020-04-08", "no time"),
        ("2020-04-08T10:00:00.Z", "digits after the decimal point"),
        ("2020-04-08T10:00:00Zjunk", "unexpected text"),
        ("2020-04-08T10:00:00+25:00", "out of range"),
        ("yesterday", "neither ISO 8601"),
        ("", "neither ISO 8601"),
        ("12.3.4", "neither ISO 8601"),
    ])
    func refusesWithReason(input: String, reason: String) {
        do {
            let t = try Timestamp.parse(input)
            Issue.record("\(input) was read as \(t)")
        } catch {
            #expect(error.reason.contains(reason), "\(error.reason)")
        }
    }

    @Test func formatsEveryMillisecondExactly() {
        // Through Date this loses a millisecond on half of the values; here it must not.
        for ms in stride(from: Int64(1_586_328_956_000), to: 1_586_328_957_000, by: 1) {
            let text = Timestamp(milliseconds: ms).iso8601
            #expect((try? Timestamp.parseISO8601(text))?.milliseconds == ms)
        }
    }

    @Test func civilDateArithmeticAgreesOverCenturies() throws {
        var ms: Int64 = -2_208_988_800_000  // 1900-01-01
        while ms < 4_102_444_800_000 {  // 2100-01-01
            let t = Timestamp(milliseconds: ms)
            #expect(try Timestamp.parseISO8601(t.iso8601) == t)
            ms += 86_400_000 * 13 + 3_600_000 * 7 + 61_001
        }
    }

    /// The hand-written formatter agrees with Foundation's over 40 years of instants (leap years,
    /// month and year ends, milliseconds). Its speed is measured in Benchmarks, not here.
    @Test func formattingAgreesWithFoundation() {
        let reference = ISO8601DateFormatter()
        reference.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        reference.timeZone = TimeZone(identifier: "UTC")
        var ms: Int64 = 946_684_799_999  // 1999-12-31T23:59:59.999Z
        let step: Int64 = 86_400_000 * 3 + 3_599_997  // a little over three days: every weekday, hour and month end
        for _ in 0..<5_000 {
            let expected = reference.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
            #expect(Timestamp(milliseconds: ms).iso8601 == expected, "\(ms)")
            ms += step
        }
    }
}

@Suite("Timestamp patterns and zones")
struct TimestampPatternTests {
    func read(_ text: String, _ pattern: String, _ zone: String) throws -> String {
        var reader = try TimeReader(format: pattern, timeZone: zone)
        return try reader.read(text).iso8601
    }

    @Test func sanFranciscoTwelveHourClockAcrossMidnight() throws {
        let f = "MM/dd/yyyy hh:mm:ss a"
        #expect(try read("04/07/2020 11:53:08 PM", f, "America/Los_Angeles") == "2020-04-08T06:53:08.000Z")
        #expect(try read("04/08/2020 12:00:00 AM", f, "America/Los_Angeles") == "2020-04-08T07:00:00.000Z")
        #expect(try read("04/08/2020 12:23:18 PM", f, "America/Los_Angeles") == "2020-04-08T19:23:18.000Z")
        #expect(try read("04/08/2020 01:35:00 am", f, "US/Pacific") == "2020-04-08T08:35:00.000Z")
        #expect(try read("01/15/2020 11:53:08 PM", f, "America/Los_Angeles") == "2020-01-16T07:53:08.000Z")  // PST
    }

    @Test func montgomeryMinutes() throws {
        #expect(try read("2016-01-15 12:01", "yyyy-MM-dd HH:mm", "America/New_York") == "2016-01-15T17:01:00.000Z")
        #expect(try read("2016-07-15 12:01", "yyyy-MM-dd HH:mm", "America/New_York") == "2016-07-15T16:01:00.000Z")
    }

    @Test func daylightSavingGapAndOverlapAreDeterministic() throws {
        let f = "MM/dd/yyyy hh:mm:ss a", la = "America/Los_Angeles"
        // Spring forward 2020-03-08 02:00 PST → 03:00 PDT: 02:30 does not exist, read as 03:30 PDT.
        #expect(try read("03/08/2020 01:59:59 AM", f, la) == "2020-03-08T09:59:59.000Z")
        #expect(try read("03/08/2020 02:30:00 AM", f, la) == "2020-03-08T10:30:00.000Z")
        #expect(try read("03/08/2020 03:30:00 AM", f, la) == "2020-03-08T10:30:00.000Z")
        // Fall back 2020-11-01 02:00 PDT → 01:00 PST: 01:30 happens twice, the first (PDT) is taken.
        #expect(try read("11/01/2020 12:59:59 AM", f, la) == "2020-11-01T07:59:59.000Z")
        #expect(try read("11/01/2020 01:30:00 AM", f, la) == "2020-11-01T08:30:00.000Z")
        #expect(try read("11/01/2020 02:30:00 AM", f, la) == "2020-11-01T10:30:00.000Z")
        // Paris, and the cache crossing days in both directions.
        let p = "yyyy-MM-dd HH:mm"
        #expect(try read("2026-03-29 02:30", p, "Europe/Paris") == "2026-03-29T01:30:00.000Z")
        #expect(try read("2026-10-25 02:30", p, "Europe/Paris") == "2026-10-25T00:30:00.000Z")
        var reader = try TimeReader(format: p, timeZone: "Europe/Paris")
        #expect(try reader.read("2026-10-26 12:00").iso8601 == "2026-10-26T11:00:00.000Z")
        #expect(try reader.read("2026-10-24 12:00").iso8601 == "2026-10-24T10:00:00.000Z")
        #expect(try reader.read("2026-10-25 12:00").iso8601 == "2026-10-25T11:00:00.000Z")
    }

    @Test(arguments: [
        ("13/45/2020 11:53:08 PM", "month 13"),
        ("04/31/2020 11:53:08 PM", "day 31"),
        ("04/07/2020 13:53:08 PM", "hour 13"),
        ("04/07/2020 11:53:08", "expected ' ' at character 20"),
        ("04/07/2020 11:53:08 XM", "AM or PM"),
        ("4/7/2020 11:53:08 PM", "2 digits for the month"),
        ("04-07-2020 11:53:08 PM", "expected '/'"),
        ("04/07/2020 11:53:08 PM extra", "unexpected text"),
        ("", "digits for the month"),
    ])
    func patternRefusals(text: String, reason: String) throws {
        var reader = try TimeReader(format: "MM/dd/yyyy hh:mm:ss a", timeZone: "America/Los_Angeles")
        do {
            let t = try reader.read(text)
            Issue.record("\(text) read as \(t)")
        } catch {
            #expect(error.reason.contains(reason), "\(error.reason)")
        }
    }

    @Test func patternOptionsAndBadPatterns() throws {
        #expect(try read("7/4/26 9:05:01.25", "M/d/yy H:mm:ss.SSS", "UTC") == "2026-07-04T09:05:01.250Z")
        #expect(try read("20261129T041530", "yyyyMMdd'T'HHmmss", "UTC") == "2026-11-29T04:15:30.000Z")
        #expect(throws: TimestampError.self) { try TimestampPattern("yyyy-MM-dd hh:mm") }  // h without a
        #expect(throws: TimestampError.self) { try TimestampPattern("HH:mm") }  // no date
        #expect(throws: TimestampError.self) { try TimestampPattern("yyyy-MM-dd QQ") }
        #expect(throws: TimestampError.self) { try TimeReader(format: "yyyy-MM-dd HH:mm", timeZone: nil) }
        #expect(throws: TimestampError.self) { try TimeReader(format: "yyyy-MM-dd HH:mm", timeZone: "Mars/Olympus") }
        var epoch = try TimeReader(format: "epoch", timeZone: nil)
        #expect(try epoch.read("1586328956").iso8601 == "2020-04-08T06:55:56.000Z")
    }
}
