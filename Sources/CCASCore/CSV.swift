/// One CSV record: its fields and the physical line (1-based) where it starts.
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    public var line: Int
    /// The physical lines it was read from, joined with "\n", for `--rejects`.
    public var raw: String
}

/// An RFC 4180 reader fed one physical line at a time, so a file of any size streams through
/// in constant memory (beyond one record).
///
/// Handles quoted fields with commas, doubled quotes (`""`), line breaks inside quotes (the
/// record then spans lines; the break is kept as "\n"), CRLF endings, a UTF-8 byte order mark
/// on the first line, and blank lines (skipped). The first record sets the field count every
/// later record must have (the header); a record that differs is an error. Errors carry the
/// line where the record starts; after one, reading goes on with the next line.
public struct CSVReader: Sendable {
    public let separator: UInt8
    /// A quoted field longer than this is taken for a stray quote that would swallow the rest of
    /// the file: the record is rejected and reading starts again at the next line.
    public var maxRecordBytes: Int
    public private(set) var expectedFieldCount: Int?
    public private(set) var lineNumber = 0

    private var fields: [String] = []
    private var field: [UInt8] = []
    private var inQuotes = false
    private var startLine = 0
    private var rawLines: [String] = []
    private var pendingBytes = 0

    public init(separator: Character = ",", maxRecordBytes: Int = 1 << 20, expectedFieldCount: Int? = nil) {
        self.separator = separator.asciiValue ?? UInt8(ascii: ",")
        self.maxRecordBytes = maxRecordBytes
        self.expectedFieldCount = expectedFieldCount
    }

    /// Reads the next physical line (without its "\n"; a trailing "\r" is dropped). Returns the
    /// record it completes, nil if it is blank or inside a quoted field, or throws why the
    /// record that ends (or breaks) here is wrong.
    public mutating func read(line: String) throws(InputError) -> CSVRecord? {
        lineNumber += 1
        var bytes = Array(line.utf8)
        if bytes.last == 0x0D { bytes.removeLast() }
        if lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if !inQuotes {
            if bytes.isEmpty { return nil }
            startLine = lineNumber
            fields.removeAll(keepingCapacity: true)
            field.removeAll(keepingCapacity: true)
            rawLines.removeAll(keepingCapacity: true)
            pendingBytes = 0
        } else {
            field.append(0x0A)
        }
        rawLines.append(line)
        pendingBytes += bytes.count
        if pendingBytes > maxRecordBytes {
            let start = startLine
            reset()
            throw InputError(line: start, "a quoted field opened on line \(start) is still open after \(maxRecordBytes) bytes (a stray quote?)")
        }

        var i = 0
        let n = bytes.count
        var afterQuote = false  // just closed a quoted field: only a separator may follow
        while i < n {
            let c = bytes[i]
            if inQuotes {
                if c == 0x22 {
                    if i + 1 < n, bytes[i + 1] == 0x22 {
                        field.append(0x22)
                        i += 2
                        continue
                    }
                    inQuotes = false
                    afterQuote = true
                } else {
                    field.append(c)
                }
            } else if c == separator {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                afterQuote = false
            } else if afterQuote {
                let start = startLine, number = fields.count + 1
                let raw = rawLines.joined(separator: "\n")
                reset()
                throw InputError(line: start, "field \(number) has text after its closing quote (a quote inside a quoted field is written \"\")", raw: raw)
            } else if c == 0x22 && field.isEmpty {
                inQuotes = true
            } else {
                field.append(c)  // a quote inside an unquoted field is kept as it is, as most writers mean
            }
            i += 1
        }
        if inQuotes { return nil }
        fields.append(String(decoding: field, as: UTF8.self))
        let record = CSVRecord(fields: fields, line: startLine, raw: rawLines.joined(separator: "\n"))
        reset()
        if let expected = expectedFieldCount {
            guard record.fields.count == expected else {
                throw InputError(line: record.line, "\(record.fields.count) fields, expected \(expected) (as in the header)", raw: record.raw)
            }
        } else {
            expectedFieldCount = record.fields.count
        }
        return record
    }

    /// Call at the end of the input: an open quoted field is an error naming where it began.
    public mutating func finish() throws(InputError) {
        guard inQuotes else { return }
        let start = startLine
        let raw = rawLines.joined(separator: "\n")
        reset()
        throw InputError(line: start, "a quoted field opened on line \(start) is never closed", raw: raw)
    }

    private mutating func reset() {
        inQuotes = false
        fields.removeAll(keepingCapacity: true)
        field.removeAll(keepingCapacity: true)
        rawLines.removeAll(keepingCapacity: true)
        pendingBytes = 0
    }
}
