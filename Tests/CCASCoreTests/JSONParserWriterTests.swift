import CCASCore
import Foundation
import Testing

/// The byte-level parser and writer: what they keep (order, number text), what they refuse,
/// and the word-at-a-time scanning around quotes, backslashes and control bytes at every offset.
@Suite struct JSONParserWriterTests {
    @Test func keepsKeyOrderAndNumberText() throws {
        let line = #"{"kind":"call","v":1,"lat":48.8534100,"big":12345678901234567890,"e":-1.5E+3,"z":{"b":true,"a":null},"l":[1,"x",[]]}"#
        let value = try JSONParser.parse(line)
        #expect(value.objectValue?.keys == ["kind", "v", "lat", "big", "e", "z", "l"])
        #expect(JSONWriter.string(value) == line)
    }

    @Test func roundTripsStringsWithSpecialBytesAtEveryOffset() throws {
        // A quote, backslash, newline, control byte or multi-byte character at each position
        // of strings of lengths 0…17 crosses every word boundary of the 8-byte scan.
        let specials: [String] = ["\"", "\\", "\n", "\u{01}", "\u{1F}", "é", "€", "😀", "/", "\t"]
        for length in 0...17 {
            for position in 0..<max(length, 1) {
                for special in specials {
                    var chars = Array(repeating: "a", count: length)
                    if length > 0 { chars[position] = special }
                    let s = chars.joined()
                    let text = JSONWriter.string(["k\(s)": .string(s)])
                    // Foundation reads what we write…
                    let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
                    #expect(decoded == ["k\(s)": s], "writing \(s.debugDescription)")
                    // …and we read it back to the same value.
                    let back = try JSONParser.parse(text)
                    #expect(back["k\(s)"]?.stringValue == s, "reading \(text)")
                }
            }
        }
    }

    @Test func readsEscapes() throws {
        let value = try JSONParser.parse(#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u20AC\ud83d\ude00", "\u0000"]"#)
        #expect(value.arrayValue?.map(\.stringValue) == ["a\"b\\c/d\u{08}\u{0C}\n\r\t", "é€😀", "\u{0}"])
        #expect(JSONWriter.string(value) == #"["a\"b\\c/d\u0008\u000c\n\r\t","é€😀","\u0000"]"#)
    }

    @Test func refusesWhatRFC8259Refuses() {
        let bad: [(String, String)] = [
            (#"{"a":1,}"#, "a key in double quotes was expected"),
            (#"{"a" 1}"#, "':' was expected after a key"),
            ("[1 2]", "',' or ']' was expected in an array"),
            (#""abc"#, "unterminated string"),
            (#""abcdefghijklmnop"#, "unterminated string"),
            ("\"ab\u{01}cdefghijk\"", "a control character must be escaped in a string"),
            ("\"abcdefghij\u{09}k\"", "a control character must be escaped in a string"),
            (#""\x""#, "an invalid escape in a string"),
            (#""\ud800""#, #"a lone surrogate in a \u escape"#),
            ("01", "a number may not start with a zero"),
            ("1.", "a digit was expected after the decimal point"),
            ("tru", "unexpected end of input in 'true'"),
            ("{} x", "unexpected text after the JSON value"),
        ]
        for (text, reason) in bad {
            #expect(throws: JSONParseError.self, "\(text)") { try JSONParser.parse(text) }
            do { _ = try JSONParser.parse(text) } catch { #expect(error.reason == reason, "\(text)") }
        }
    }

    @Test func refusesInvalidUTF8WhereverItIs() {
        for prefix in 0...17 {
            var bytes = Array(#"{"k":""#.utf8) + Array(repeating: UInt8(ascii: "a"), count: prefix)
            bytes += [0xC3, 0x28] + Array(#"zz"}"#.utf8)  // a lead byte followed by ASCII
            do {
                _ = try JSONParser.parse(bytes)
                Issue.record("accepted invalid UTF-8 after \(prefix) bytes")
            } catch {
                #expect(error.reason == "invalid UTF-8 in a string")
                #expect(error.offset == 6)  // the start of the string's content
            }
        }
    }

    @Test func repeatedKeyKeepsFirstPositionAndLastValue() throws {
        let value = try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(JSONWriter.string(value) == #"{"a":3,"b":2}"#)
    }

    /// Found by the 1,000,000-input fuzz run: a repeated key whose values are strings of other
    /// shapes was not seen as repeated (the value's shape replaced the key's), so the object
    /// kept both keys; the normaliser read the first and wrote both.
    @Test(arguments: [
        #"{"kind":"call","id":"x","kind":"/call"}"#,
        #"{"kind":"call","facts":{"v":1},"kind":"/call"}"#,
        #"{"zz":"a","kind":"call","zz":[1],"kind":"x"}"#,
        #"{"kind":"call","k\u0069nd":"y"}"#,
    ])
    func repeatedKeyWithStringValuesOfOtherShapes(line: String) throws {
        let object = try #require(try JSONParser.parse(line).objectValue)
        let keys = object.fields.map(\.key)
        #expect(Set(keys).count == keys.count, "\(keys)")
        #expect(object["kind"]?.stringValue != "call")
    }

    @Test func writesLongPlainAndMixedStrings() throws {
        let long = String(repeating: "rue de la Paix, Paris — ", count: 40)
        let text = JSONWriter.string(.string(long + "\"end\""))
        #expect(text == "\"" + long + #"\"end\""# + "\"")
        #expect(try JSONParser.parse(text).stringValue == long + "\"end\"")
    }

    /// The writer stores whole words into reserved room and re-reserves after each escape:
    /// random strings, many escapes, a small sink growing mid-string, compared with a plain
    /// byte-by-byte escaper.
    @Test func writesExactlyWhatAPlainEscaperWrites() {
        func reference(_ s: String) -> [UInt8] {
            var out: [UInt8] = [0x22]
            for c in s.utf8 {
                switch c {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x0A: out += Array(#"\n"#.utf8)
                case 0x0D: out += Array(#"\r"#.utf8)
                case 0x09: out += Array(#"\t"#.utf8)
                case 0..<0x20: out += Array(String(format: "\\u%04x", Int(c)).utf8)
                default: out.append(c)
                }
            }
            return out + [0x22]
        }
        let pieces = ["a", "bc", "\"", "\\", "\n", "\r", "\t", "\u{00}", "\u{1F}", "é", "€", "😀", "plain text", "\u{7F}"]
        var rng = SystemRandomNumberGenerator()
        var sink = ByteSink(capacity: 64)
        var expected: [UInt8] = []
        for _ in 0..<2000 {
            let s = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            JSONWriter.writeString(s, to: &sink)
            expected += reference(s)
            sink.append(literal: ",")
            expected.append(UInt8(ascii: ","))
        }
        #expect(Array(sink.bytes) == expected)
    }

    /// Common keys are taken from a table, not read: look-alikes with escapes, longer or shorter
    /// keys, repeats and keys near the end of the text must still read exactly.
    @Test func knownKeysAndTheirLookAlikes() throws {
        let cases: [(String, [String])] = [
            (#"{"kind":"call","v":1,"received_at":"x","location":{"lat":1,"lon":2}}"#, ["kind", "v", "received_at", "location"]),
            (#"{"kin\"d":1,"kind\u0041":2,"kinds":3,"kin":4,"KIND":5}"#, ["kin\"d", "kindA", "kinds", "kin", "KIND"]),
            (#"{"received_at_local":1,"received_at":2,"id":3}"#, ["received_at_local", "received_at", "id"]),
            (#"{"id":1}"#, ["id"]),
            (#"{"lat":1,"lon":2,"lat":3}"#, ["lat", "lon"]),
        ]
        for (text, keys) in cases {
            let value = try JSONParser.parse(text)
            #expect(value.objectValue?.keys == keys, "\(text)")
        }
        #expect(try JSONParser.parse(#"{"lat":1,"lon":2,"lat":3}"#)["lat"] == .number("3"))
    }
}
