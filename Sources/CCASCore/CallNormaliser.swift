/// Checks and normalises a JSON object that claims to be a call (NDJSON from another stage, a
/// person, `ccas-intake call`), keeping every field it does not know and the key order.
///
/// - `kind` defaults to `call` and `v` to 1 (both put first when missing); another kind or
///   version is refused;
/// - `id`: a non-empty string (a number is turned into its text); when missing, derived as
///   `C-` + a hash of the record's compact JSON text (without `id`), so the same line read again
///   gets the same id, and a changed line a new one;
/// - `received_at` (required, unless a default is given) and `answered_at`: ISO 8601 with any
///   offset or epoch seconds (string or number) → UTC with milliseconds;
/// - `channel`: one of `ColumnMap.channels` (or the default given);
/// - `caller.phone` → E.164 with the default country;
/// - `location.lat`/`lon`: numbers (or numeric strings, turned into numbers), both or neither,
///   checked (null island refused unless allowed).
public struct CallNormaliser: Sendable {
    public var defaultCountry: String
    public var defaultChannel: String?
    public var defaultReceivedAt: Timestamp?
    public var allowNullIsland: Bool

    public init(defaultCountry: String = "FR", defaultChannel: String? = nil, defaultReceivedAt: Timestamp? = nil,
                allowNullIsland: Bool = false) {
        self.defaultCountry = defaultCountry
        self.defaultChannel = defaultChannel
        self.defaultReceivedAt = defaultReceivedAt
        self.allowNullIsland = allowNullIsland
    }

    public func normalise(_ value: JSON) -> Result<JSON, InputError> {
        do throws(InputError) { return .success(try normalised(value)) } catch { return .failure(error) }
    }

    public func normalised(_ value: JSON) throws(InputError) -> JSON {
        guard var call = value.objectValue else { throw InputError("a call must be a JSON object") }

        var front: [(String, JSON)] = []
        switch call["kind"] {
        case nil: front.append(("kind", "call"))
        case .string("call")?: break
        case let other?: throw InputError("kind is \(JSONWriter.string(other)), expected \"call\"")
        }
        switch call["v"] {
        case nil: front.append(("v", 1))
        case let v? where v.intValue == 1:
            if case .number = v {} else { throw InputError("v is \(JSONWriter.string(v)), expected the number 1") }
        case let other?: throw InputError("v is \(JSONWriter.string(other)): only version 1 is known")
        }
        if !front.isEmpty {
            var rebuilt = JSONObject(front)
            for f in call.fields { rebuilt[f.key] = f.value }
            call = rebuilt
        }

        switch call["id"] {
        case nil, .null?:
            var withoutID = call
            withoutID["id"] = nil
            let derived = JSON.string("C-" + StableHash.hex(JSONWriter.string(.object(withoutID))))
            if call["id"] != nil { call["id"] = derived } else { call = inserting("id", derived, after: "v", in: call) }
        case .string(let s)?:
            guard !s.trimmingSpaces().isEmpty else { throw InputError("id is empty") }
        case .number(let n)?: call["id"] = .string(n)
        case let other?: throw InputError("id must be a string, not \(JSONWriter.string(other))")
        }

        switch call["received_at"] {
        case nil, .null?:
            guard let d = defaultReceivedAt else { throw InputError("received_at is missing: a call needs the time it came in") }
            call = inserting("received_at", .string(d.iso8601), after: "id", in: call)
        case let v?:
            // A time already in the pipes' form is checked and left as it is: rewriting a field
            // copies the record's storage, which every record would pay for.
            let t = try time(v, "received_at")
            if !v.isCanonicalTime { call["received_at"] = .string(t.iso8601) }
        }
        if let v = call["answered_at"], !v.isNull {
            let t = try time(v, "answered_at")
            if !v.isCanonicalTime { call["answered_at"] = .string(t.iso8601) }
        }

        switch call["channel"] {
        case nil, .null?:
            guard let c = defaultChannel else {
                throw InputError("channel is missing (one of \(ColumnMap.channels.joined(separator: ", ")))")
            }
            call = inserting("channel", .string(c), after: call["answered_at"] != nil ? "answered_at" : "received_at", in: call)
        case .string(let c)? where ColumnMap.channels.contains(c): break
        case let other?:
            throw InputError("channel is \(JSONWriter.string(other)), expected one of \(ColumnMap.channels.joined(separator: ", "))")
        }

        if let callerValue = call["caller"], !callerValue.isNull {
            guard var caller = callerValue.objectValue else { throw InputError("caller must be an object {\"phone\": …}") }
            switch caller["phone"] {
            case nil, .null?: break
            case .string(let p)?:
                switch Phone.normalise(p, defaultCountry: defaultCountry) {
                case .success(let e164):
                    if e164 != p {
                        caller["phone"] = .string(e164)
                        call["caller"] = .object(caller)
                    }
                case .failure(let e): throw InputError("caller.\(e.reason)")
                }
            case let other?: throw InputError("caller.phone must be a string, not \(JSONWriter.string(other))")
            }
        }

        if let locationValue = call["location"], !locationValue.isNull {
            guard var location = locationValue.objectValue else { throw InputError("location must be an object {\"lat\": …, \"lon\": …}") }
            let lat = location["lat"].flatMap { $0.isNull ? nil : $0 }
            let lon = location["lon"].flatMap { $0.isNull ? nil : $0 }
            if lat != nil || lon != nil {
                guard let lat, let lon else { throw InputError("location has \(lat == nil ? "lon" : "lat") without \(lat == nil ? "lat" : "lon")") }
                guard let y = number(lat), let x = number(lon) else {
                    throw InputError("location.lat/lon must be numbers, not \(JSONWriter.string(lat)), \(JSONWriter.string(lon))")
                }
                switch Geo.coordinate(lat: y, lon: x, allowNullIsland: allowNullIsland) {
                case .success:
                    var changed = false
                    if case .string = lat { location["lat"] = .double(y); changed = true }
                    if case .string = lon { location["lon"] = .double(x); changed = true }
                    if changed { call["location"] = .object(location) }
                case .failure(let e): throw InputError("location: \(e.reason)")
                }
            }
        }
        return .object(call)
    }

    private func number(_ v: JSON) -> Double? {
        if case .number(let t) = v { return JSON.fastDouble(t) ?? Double(t) }
        switch v {
        case .number(let t): return Double(t)
        case .string(let s):
            let t = s.trimmingSpaces()
            guard !t.isEmpty, t.utf8.allSatisfy({ $0 &- 0x30 < 10 || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B }) else { return nil }
            return Double(t)
        default: return nil
        }
    }

    private func time(_ v: JSON, _ key: String) throws(InputError) -> Timestamp {
        switch v {
        case .string(let s):
            do { return try Timestamp.parse(s) } catch { throw InputError("\(key): \(error.reason)") }
        case .number(let n):
            do { return try Timestamp.parseEpochSeconds(n) } catch { throw InputError("\(key): \(error.reason)") }
        default:
            throw InputError("\(key) must be ISO 8601 text or epoch seconds, not \(JSONWriter.string(v))")
        }
    }

    /// A copy with `key` placed right after `anchor` (or at the end), so records keep the
    /// usual order kind, v, id, received_at, channel… when a field is added.
    private func inserting(_ key: String, _ value: JSON, after anchor: String, in object: JSONObject) -> JSONObject {
        guard let at = object.index(of: anchor) else {
            var o = object
            o[key] = value
            return o
        }
        var fields = object.fields.map { ($0.key, $0.value) }
        fields.insert((key, value), at: at + 1)
        return JSONObject(fields)
    }
}

extension JSON {
    /// A string already in the form `Timestamp.iso8601` writes.
    var isCanonicalTime: Bool {
        if case .string(let s) = self { return Timestamp.isCanonical(s) }
        return false
    }

    /// `-12.345678`-like text (at most 15 significant digits, no exponent) as the nearest
    /// double, without `Double(String)`'s general parser; nil for anything else.
    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

    /// The number as a double, by `fastDouble` when it can.
    public var fastDoubleValue: Double? {
        if case .number(let t) = self { return JSON.fastDouble(t) ?? Double(t) }
        return doubleValue
    }

    static func fastDouble(_ text: String) -> Double? {
        var negative = false, mantissa: Int64 = 0, digits = 0, scale = 0, dot = false
        for (k, c) in text.utf8.enumerated() {
            if c == 0x2D, k == 0 { negative = true; continue }
            if c == 0x2E, !dot { dot = true; continue }
            let d = c &- 0x30
            guard d < 10, digits < 15 else { return nil }
            mantissa = mantissa * 10 + Int64(d)
            digits += 1
            if dot { scale += 1 }
        }
        guard digits > 0 else { return nil }
        // Exact: the mantissa (< 10^15) and the power of ten (<= 10^15) are both exact doubles,
        // and one correctly rounded division gives the nearest double to their quotient.
        let v = Double(mantissa) / powersOfTen[scale]
        return negative ? -v : v
    }
}
