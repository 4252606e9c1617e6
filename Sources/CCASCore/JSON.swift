/// A JSON value that keeps what it read: every field, in its order, and every number as written.
///
/// Records on the pipes pass through stages that do not know all their fields; keeping key order
/// and number text means a stage re-emits what it did not touch byte for byte (modulo spacing).
public enum JSON: Sendable, Equatable, Hashable {
    case null
    case bool(Bool)
    /// The number's literal text, as read or as formatted by `JSON.int`/`JSON.double`.
    case number(String)
    case string(String)
    case array([JSON])
    case object(JSONObject)

    public static func int<I: BinaryInteger>(_ value: I) -> JSON { .number(String(value)) }

    /// A double written with the shortest text that reads back to the same value; integers
    /// without a fraction part ("12", not "12.0"), and non-finite values as null.
    public static func double(_ value: Double) -> JSON {
        guard value.isFinite else { return .null }
        if value == value.rounded(), abs(value) < 1e15 { return .number(String(Int64(value))) }
        return .number(String(value))
    }

    /// A double rounded to `places` decimals (coordinates to 7 places ≈ 1 cm).
    public static func double(_ value: Double, places: Int) -> JSON {
        guard value.isFinite else { return .null }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return double((value * scale).rounded() / scale)
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var doubleValue: Double? {
        switch self {
        case .number(let text): return Double(text)
        case .string(let s): return Double(s.trimmingSpaces())
        default: return nil
        }
    }

    public var intValue: Int? {
        switch self {
        case .number(let text): return Int(text) ?? Double(text).flatMap { $0 == $0.rounded() ? Int(exactly: $0) : nil }
        case .string(let s): return Int(s.trimmingSpaces())
        default: return nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var arrayValue: [JSON]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// `record["location"]?["lat"]`
    public subscript(key: String) -> JSON? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
}

/// A JSON object that keeps its keys in the order they were read or added.
/// Objects on the pipes have a dozen keys, so a linear search beats hashing.
public struct JSONObject: Sendable, Equatable, Hashable {
    public private(set) var fields: [(key: String, value: JSON)]

    public init() { fields = [] }
    public init(_ fields: [(String, JSON)]) {
        self.fields = []
        self.fields.reserveCapacity(fields.count)
        for (k, v) in fields { self[k] = v }
    }

    /// Builds without checking for repeated keys: for parsers that already did.
    init(unchecked fields: [(key: String, value: JSON)]) { self.fields = fields }

    public var count: Int { fields.count }
    public var isEmpty: Bool { fields.isEmpty }
    public var keys: [String] { fields.map(\.key) }

    public func index(of key: String) -> Int? { fields.firstIndex { $0.key == key } }

    /// Reading gives the value or nil; writing replaces in place (keeping the position),
    /// appends a new key at the end, or removes the key when given nil.
    public subscript(key: String) -> JSON? {
        get {
            for field in fields where field.key == key { return field.value }
            return nil
        }
        set {
            if let i = index(of: key) {
                if let newValue { fields[i].value = newValue } else { fields.remove(at: i) }
            } else if let newValue {
                fields.append((key, newValue))
            }
        }
    }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.fields.count == b.fields.count
            && zip(a.fields, b.fields).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.key)
            hasher.combine(field.value)
        }
    }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    /// Keeps the literal's order.
    public init(dictionaryLiteral elements: (String, JSON)...) { self = .object(JSONObject(elements)) }
    public init(nilLiteral: ()) { self = .null }
}

extension JSON {
    /// `.string(s)` when s is non-nil, else `.null`.
    public static func optional(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }
    public static func strings(_ list: [String]) -> JSON { .array(list.map(JSON.string)) }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Keeps the literal's order.
    public init(dictionaryLiteral elements: (String, JSON)...) { self.init(elements) }
}
