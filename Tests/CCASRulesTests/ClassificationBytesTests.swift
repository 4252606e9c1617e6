import CCASCore
import Testing

@testable import CCASRules

/// `ccas-classify --no-store` writes each classification straight as bytes and passes the
/// record line through: both must say exactly what the parsed-and-rebuilt record path says.
@Suite struct ClassificationBytesTests {
    static func bytes(_ text: String?, hint: String?) -> JSON? {
        var sink = ByteSink(capacity: 256)
        var text = text ?? ""
        text.withUTF8 { defaultClassifier.writeClassification(utf8: $0, natureHint: hint, to: &sink) }
        return try? JSONParser.parse(sink.bytes)
    }

    @Test(arguments: [nil, "Medical Incident", "Structure Fire", "no such call type"])
    func bytesSayWhatTheRecordPathSays(hint: String?) throws {
        #expect(ClassifierRecordPathTests.records.count == 263)
        for record in ClassifierRecordPathTests.records {
            var input = record
            if let hint { input["nature_hint"] = .string(hint) }
            let expected = defaultClassifier.classify(record: input)["classification"]
            let written = Self.bytes(input["text"]?.stringValue, hint: hint)
            #expect(written != nil && written == expected, "\(record["id"] ?? .null)")
        }
    }

    @Test func emptyTextAndOddCharactersToo() {
        for text in ["", "   ", "il a dit \"au secours\" \\ puis rien", "cœur Æ ’ … \u{1F525} feu", "tab\there\nnewline"] {
            let expected = defaultClassifier.classify(record: JSONObject([("text", .string(text))]))["classification"]
            #expect(Self.bytes(text, hint: nil) == expected, "\(text)")
        }
    }

    static func skim(_ line: String) -> [String: String]? {
        var fields: [String: String] = [:]
        var line = line
        let ok = line.withUTF8 { p in
            JSONParser.skimObject(UnsafeRawBufferPointer(p)) { key, value in
                fields[String(decoding: key, as: UTF8.self)] = String(decoding: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(p)[value]), as: UTF8.self)
            }
        }
        return ok ? fields : nil
    }

    @Test func skimFindsTheTopLevelFields() {
        let f = Self.skim(#" {"id": "C-1", "n": -1.5e3, "x": {"text": "not this"}, "a": [1, true, null, {}], "text": "feu \"ici\"" } "#)
        #expect(f == ["id": "\"C-1\"", "n": "-1.5e3", "x": #"{"text": "not this"}"#, "a": "[1, true, null, {}]", "text": #""feu \"ici\"""#])
        #expect(Self.skim("{}") == [:])
    }

    /// Whatever the walk does not vouch for is left to the parser, which rejects it or merges it.
    @Test(arguments: [
        "", "[]", "\"x\"", "{", "{\"a\":1,}", "{\"a\":01}", "{\"a\":1} x", "{\"a\":tru}", "{\"a\":\"\u{01}\"}",
        "{\"a\":1,\"a\":2}", "{\"x\":{\"b\":1,\"b\":2}}", "{\"a\":\"\\u00e9\"}", "{\"a\\n\":1}", "{\"a\":\"\\q\"}",
        "{\"a\":[1,]}", "{\"\":1}",
    ])
    func skimRefusesWhatItCannotVouchFor(line: String) {
        #expect(Self.skim(line) == nil)
    }

    @Test func skimRefusesInvalidUTF8() {
        for bad: [UInt8] in [[0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF]] {
            let line = Array(#"{"text":""#.utf8) + bad + Array(#""}"#.utf8)
            let ok = line.withUnsafeBytes { JSONParser.skimObject($0) { _, _ in } }
            #expect(!ok, "\(bad)")
            #expect((try? JSONParser.parse(line)) == nil)
        }
        let good = Array(#"{"text":"é€𝄞"}"#.utf8)
        #expect(good.withUnsafeBytes { JSONParser.skimObject($0) { _, _ in } })
    }
}
