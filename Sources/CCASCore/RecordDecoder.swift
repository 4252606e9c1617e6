/// Turns the lines of one input into records: NDJSON, AML payloads, CSV through a column map…
public protocol RecordDecoder {
    mutating func decode(line: UnsafeRawBufferPointer, number: Int) -> [DecodedItem]
    /// Called at the end of an input: records held back (a CSV group, a whole document).
    mutating func finish() -> [DecodedItem]
}

public enum DecodedItem {
    case record(JSONObject, line: Int)
    case bad(reason: String, line: Int, raw: [UInt8])
}

/// One JSON object a line.
public struct NDJSONDecoder: RecordDecoder {
    public init() {}
    public mutating func decode(line: UnsafeRawBufferPointer, number: Int) -> [DecodedItem] {
        for c in line where !(c == 0x20 || c == 0x09) {
            _ = c
            do {
                let value = try JSONParser.parse(line)
                guard case .object(let object) = value else {
                    return [.bad(reason: "a JSON object was expected, not \(value.kindName)", line: number, raw: Array(line))]
                }
                return [.record(object, line: number)]
            } catch {
                return [.bad(reason: "invalid JSON: \(error)", line: number, raw: Array(line))]
            }
        }
        return []  // a blank line
    }
    public mutating func finish() -> [DecodedItem] { [] }
}

extension JSON {
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

