import CCASCore

extension DecodedItem {
    /// A reader's output as a stream item: records must be objects.
    init(_ output: IntakeOutput, line: Int, raw: @autoclosure () -> [UInt8]) {
        switch output {
        case .record(let value):
            if case .object(let object) = value {
                self = .record(object, line: line)
            } else {
                self = .bad(reason: "a reader produced \(value.kindName), not a record", line: line, raw: raw())
            }
        case .rejected(let error):
            self = .bad(reason: error.reason, line: error.line ?? line, raw: error.raw.map { Array($0.utf8) } ?? raw())
        }
    }
}

/// A line's bytes as text, or the reason they are not UTF-8.
func text(of line: UnsafeRawBufferPointer) -> String? {
    String(validating: UnsafeBufferPointer(start: line.baseAddress?.assumingMemoryBound(to: UInt8.self), count: line.count), as: UTF8.self)
}

/// Logged calls from another system: CSV rows through a column map.
public struct ColumnMapDecoder: RecordDecoder {
    var reader: ColumnMapReader
    var stopped = false
    public init(map: ColumnMap) { reader = ColumnMapReader(map: map) }

    public mutating func decode(line: UnsafeRawBufferPointer, number: Int) -> [DecodedItem] {
        guard !stopped else { return [] }
        guard let string = text(of: line) else {
            return [.bad(reason: "invalid UTF-8 in a CSV row", line: number, raw: Array(line))]
        }
        do {
            return try reader.read(line: string).map { DecodedItem($0, line: number, raw: Array(line)) }
        } catch {
            // The header lacks a column the map names: nothing after it can be read.
            stopped = true
            return [.bad(reason: error.reason, line: error.line ?? number, raw: Array(line))]
        }
    }

    public mutating func finish() -> [DecodedItem] { reader.finish().map { DecodedItem($0, line: 0, raw: []) } }
}

/// Advanced Mobile Location SMS payloads, one a line.
public struct AMLDecoder: RecordDecoder {
    let country: String
    public init(country: String) { self.country = country }

    public mutating func decode(line: UnsafeRawBufferPointer, number: Int) -> [DecodedItem] {
        guard let payload = text(of: line) else { return [.bad(reason: "invalid UTF-8 in an AML payload", line: number, raw: Array(line))] }
        if payload.allSatisfy({ $0 == " " || $0 == "\t" }) { return [] }
        switch AML.parse(payload, defaultCountry: country) {
        case .success(let value): return [DecodedItem(.record(value), line: number, raw: Array(line))]
        case .failure(let error): return [.bad(reason: error.reason, line: number, raw: Array(line))]
        }
    }

    public mutating func finish() -> [DecodedItem] { [] }
}

/// Whole JSON documents (eCall MSDs, EIDO incidents): one pretty-printed document, an array of
/// them, or one a line. The text is gathered and read at the end of the input.
public struct DocumentDecoder: RecordDecoder {
    let read: (JSON) -> [IntakeOutput]
    var lines: [(number: Int, bytes: [UInt8])] = []
    public init(read: @escaping (JSON) -> [IntakeOutput]) { self.read = read }

    public mutating func decode(line: UnsafeRawBufferPointer, number: Int) -> [DecodedItem] {
        lines.append((number, Array(line)))
        return []
    }

    public mutating func finish() -> [DecodedItem] {
        guard let first = lines.first(where: { !$0.bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 } }) else { return [] }
        let whole = lines.map(\.bytes).joined(separator: [0x0A])
        if let document = try? JSONParser.parse(Array(whole)) {
            let documents = document.arrayValue ?? [document]
            return documents.flatMap { read($0).map { DecodedItem($0, line: first.number, raw: Array(whole)) } }
        }
        // Not one document: one document a line, each judged on its own.
        return lines.flatMap { line -> [DecodedItem] in
            if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return [] }
            do {
                let value = try JSONParser.parse(line.bytes)
                return read(value).map { DecodedItem($0, line: line.number, raw: line.bytes) }
            } catch {
                return [.bad(reason: "invalid JSON: \(error)", line: line.number, raw: line.bytes)]
            }
        }
    }
}
