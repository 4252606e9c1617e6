import Testing
@testable import CCASCore

@Suite("CSV")
struct CSVTests {
    /// Feeds lines and collects records and errors in order.
    func read(_ lines: [String], reader: CSVReader = CSVReader()) -> [Result<CSVRecord, InputError>] {
        var reader = reader
        var out: [Result<CSVRecord, InputError>] = []
        for line in lines {
            do { if let r = try reader.read(line: line) { out.append(.success(r)) } } catch { out.append(.failure(error)) }
        }
        do { try reader.finish() } catch { out.append(.failure(error)) }
        return out
    }

    @Test func quotedFieldsCommasDoubledQuotesAndLineNumbers() throws {
        let out = try read([
            "id,text,where",
            "1,\"hello, world\",\"(37.7, -122.4)\"",
            "2,\"she said \"\"help\"\"\",x",
            "",
            "3,\"line one",
            "line two, still quoted",
            "\",end",
            "4,,\"\"",
        ]).map { try $0.get() }
        #expect(out.map(\.line) == [1, 2, 3, 5, 8])
        #expect(out[1].fields == ["1", "hello, world", "(37.7, -122.4)"])
        #expect(out[2].fields == ["2", "she said \"help\"", "x"])
        #expect(out[3].fields == ["3", "line one\nline two, still quoted\n", "end"])
        #expect(out[3].raw == "3,\"line one\nline two, still quoted\n\",end")
        #expect(out[4].fields == ["4", "", ""])
    }

    @Test func crlfAndByteOrderMark() throws {
        let out = try read(["\u{FEFF}a,b\r", "1,\"x\r", "y\"\r", "2,z\r"]).map { try $0.get() }
        #expect(out[0].fields == ["a", "b"])
        #expect(out[1].fields == ["1", "x\ny"])
        #expect(out[2].fields == ["2", "z"])
        #expect(out.map(\.line) == [1, 2, 4])
    }

    @Test func wrongFieldCountIsReportedAndReadingGoesOn() {
        let out = read(["a,b,c", "1,2", "1,2,3", "1,2,3,4", "5,6,7"])
        #expect(out.count == 5)
        #expect(out[1].failure?.description == "line 2: 2 fields, expected 3 (as in the header)")
        #expect(out[1].failure?.raw == "1,2")
        #expect(out[3].failure?.line == 4)
        #expect((try? out[4].get())?.fields == ["5", "6", "7"])
    }

    @Test func unterminatedQuoteNamesTheLineWhereItOpened() {
        let out = read(["a,b", "1,2", "3,\"never closed", "more", "lines"])
        #expect(out.count == 3)
        #expect(out[2].failure?.line == 3)
        #expect(out[2].failure?.reason.contains("never closed") == true)
    }

    @Test func textAfterClosingQuote() {
        let out = read(["a,b", "1,\"x\"y", "2,ok"])
        #expect(out[1].failure?.reason.contains("after its closing quote") == true)
        #expect(out[1].failure?.line == 2)
        #expect((try? out[2].get())?.fields == ["2", "ok"])
    }

    @Test func strayQuoteDoesNotSwallowTheFile() {
        var reader = CSVReader(maxRecordBytes: 20)
        reader = CSVReader(separator: ",", maxRecordBytes: 20)
        let out = read(["a,b", "1,\"stray", "aaaaaaaaaa", "bbbbbbbbbb", "2,ok"], reader: reader)
        #expect(out[1].failure?.reason.contains("still open") == true)
        #expect((try? out.last?.get())?.fields == ["2", "ok"])
    }

    @Test func otherSeparatorAndUnquotedQuote() throws {
        let out = try read(["a;b", "5\" pipe;2"], reader: CSVReader(separator: ";")).map { try $0.get() }
        #expect(out[1].fields == ["5\" pipe", "2"])
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
