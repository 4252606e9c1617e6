/// Which column of a logged file holds what, read from a JSON map file
/// (`examples/maps/sf-fire.json`). Every key but `received_at` is optional:
///
/// ```json
/// {"system": "sf-fire", "channel": "phone",
///  "time_format": "MM/dd/yyyy hh:mm:ss a", "time_zone": "America/Los_Angeles",
///  "id": {"column": "Call Number", "prefix": "SF-"},      // or {"derive": "row_hash", "prefix": "MC-"}
///  "group_by": "Call Number", "group_window": 1000, "event_key": "Incident Number",
///  "received_at": "Received DtTm", "answered_at": {"column": "Entry DtTm", "format": "iso8601"},
///  "caller": {"phone": "Phone", "name": "Name"}, "phone_country": "US",
///  "address": "Address", "city": "City", "location": "Location",   // or "lat": "lat", "lon": "lng"
///  "null_island": "reject",                                         // or "drop": keep the call, no position
///  "text": ["Call Type", "Address"], "nature_hint": "Call Type",
///  "keep": {"call_number": "Call Number"},                          // or a list of columns
///  "units": {"id": "Unit ID", "type": "Unit Type",
///            "times": {"ALERTED": "Dispatch DtTm", "EN_ROUTE": "Response DtTm", "ON_SCENE": "On Scene DtTm",
///                      "TRANSPORTING": "Transport DtTm", "AT_HOSPITAL": "Hospital DtTm", "AVAILABLE": "Available DtTm"}}}
/// ```
///
/// A time column is a column name (read with the map's `time_format`/`time_zone`) or an object
/// with its own `format` (`iso8601`, `epoch`, or a pattern, see `TimestampPattern`) and `time_zone`.
/// Unknown keys are refused, so a misspelt key is an error rather than a silently empty field.
public struct ColumnMap: Sendable {
    public struct TimeColumn: Sendable, Equatable {
        public var column: String
        public var format: String
        public var timeZone: String?
    }

    public enum Identity: Sendable, Equatable {
        /// The id is this column's value after `prefix`.
        case column(String, prefix: String)
        /// No id column: the id is `prefix` + a stable hash of the row's fields (see `ColumnMapReader`).
        case rowHash(prefix: String)
    }

    public struct Units: Sendable, Equatable {
        public var id: String
        public var type: String?
        /// (status, time column) in the map's order.
        public var times: [(status: String, column: TimeColumn)]

        public static func == (a: Units, b: Units) -> Bool {
            a.id == b.id && a.type == b.type && a.times.elementsEqual(b.times) { $0.status == $1.status && $0.column == $1.column }
        }
    }

    /// Unit statuses a map may name (DOMAIN.md).
    public static let unitStatuses = ["ALERTED", "ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE", "TRANSPORTING", "AT_HOSPITAL",
                                      "RETURNING", "AVAILABLE", "UNAVAILABLE", "OUT_OF_SERVICE"]
    public static let channels = ["phone", "sms", "aml", "ecall", "web", "radio", "alarm", "transfer"]

    public private(set) var system: String
    public private(set) var channel: String
    public private(set) var identity: Identity
    public private(set) var groupBy: String?
    public private(set) var groupWindow: Int
    public private(set) var eventKey: String?
    public private(set) var receivedAt: TimeColumn
    public private(set) var answeredAt: TimeColumn?
    public private(set) var callerPhone: String?
    public private(set) var callerName: String?
    public private(set) var phoneCountry: String
    public private(set) var address: String?
    public private(set) var city: String?
    /// One combined "(lat, lon)" column…
    public private(set) var location: String?
    /// …or two.
    public private(set) var lat: String?
    public private(set) var lon: String?
    public private(set) var dropNullIsland: Bool
    public private(set) var text: [String]
    public private(set) var natureHint: String?
    /// (key under `source`, column).
    public private(set) var keep: [(key: String, column: String)]
    public private(set) var units: Units?

    static let knownKeys: Set<String> = [
        "name", "description", "system", "channel", "time_format", "time_zone", "id", "group_by", "group_window",
        "event_key", "received_at", "answered_at", "caller", "phone_country", "address", "city", "location", "lat",
        "lon", "null_island", "text", "nature_hint", "keep", "units",
    ]

    /// Reads a map from the text of its JSON file.
    public init(text: String) throws(InputError) {
        let json: JSON
        do { json = try JSONParser.parse(text) } catch { throw InputError("map: not JSON: \(error)") }
        try self.init(json: json)
    }

    public init(json: JSON) throws(InputError) {
        guard let o = json.objectValue else { throw InputError("map: expected a JSON object") }
        func fail(_ why: String) -> InputError { InputError("map: \(why)") }
        for key in o.keys where !ColumnMap.knownKeys.contains(key) {
            throw fail("unknown key \"\(key)\" (known: \(ColumnMap.knownKeys.sorted().joined(separator: ", ")))")
        }
        func string(_ key: String, in obj: JSONObject? = nil, path: String? = nil) throws(InputError) -> String? {
            let obj = obj ?? o
            guard let v = obj[key], !v.isNull else { return nil }
            guard let s = v.stringValue, !s.isEmpty else { throw fail("\"\(path ?? key)\" must be a non-empty string") }
            return s
        }
        let name = try string("name")
        system = try string("system") ?? name ?? "csv"
        channel = try string("channel") ?? "phone"
        guard ColumnMap.channels.contains(channel) else {
            throw fail("channel \"\(channel)\" is not one of \(ColumnMap.channels.joined(separator: ", "))")
        }
        let defaultFormat = try string("time_format") ?? "iso8601"
        let defaultZone = try string("time_zone")

        func time(_ key: String, _ v: JSON?) throws(InputError) -> TimeColumn? {
            guard let v, !v.isNull else { return nil }
            let column: TimeColumn
            if let s = v.stringValue {
                column = TimeColumn(column: s, format: defaultFormat, timeZone: defaultZone)
            } else if let t = v.objectValue {
                for k in t.keys where !["column", "format", "time_zone"].contains(k) { throw fail("\"\(key)\": unknown key \"\(k)\"") }
                guard let c = try string("column", in: t, path: "\(key).column") else { throw fail("\"\(key)\" needs a \"column\"") }
                column = TimeColumn(column: c, format: try string("format", in: t, path: "\(key).format") ?? defaultFormat,
                                    timeZone: try string("time_zone", in: t, path: "\(key).time_zone") ?? defaultZone)
            } else {
                throw fail("\"\(key)\" must be a column name or {\"column\", \"format\", \"time_zone\"}")
            }
            do { _ = try TimeReader(format: column.format, timeZone: column.timeZone) } catch { throw fail("\"\(key)\": \(error.reason)") }
            return column
        }

        guard let received = try time("received_at", o["received_at"]) else { throw fail("\"received_at\" (the column of the time the call came in) is required") }
        receivedAt = received
        answeredAt = try time("answered_at", o["answered_at"])

        switch o["id"] {
        case nil, .null?:
            guard let group = try string("group_by") else {
                throw fail("\"id\" is required: a column name, {\"column\": …, \"prefix\": …} or {\"derive\": \"row_hash\", \"prefix\": …}")
            }
            identity = .column(group, prefix: "")
        case .string(let column)?: identity = .column(column, prefix: "")
        case .object(let id)?:
            for k in id.keys where !["column", "prefix", "derive"].contains(k) { throw fail("\"id\": unknown key \"\(k)\"") }
            let prefix = id["prefix"]?.stringValue ?? ""
            if let column = try string("column", in: id, path: "id.column") {
                identity = .column(column, prefix: prefix)
            } else if try string("derive", in: id, path: "id.derive") == "row_hash" {
                identity = .rowHash(prefix: prefix)
            } else {
                throw fail("\"id\" needs a \"column\", or \"derive\": \"row_hash\"")
            }
        default: throw fail("\"id\" must be a column name or an object")
        }
        groupBy = try string("group_by")
        if let w = o["group_window"] {
            guard let n = w.intValue, n >= 1 else { throw fail("\"group_window\" must be a positive number of rows") }
            groupWindow = n
        } else {
            groupWindow = 1000
        }
        eventKey = try string("event_key")

        if let caller = o["caller"] {
            guard let c = caller.objectValue else { throw fail("\"caller\" must be {\"phone\": column, \"name\": column}") }
            for k in c.keys where !["phone", "name"].contains(k) { throw fail("\"caller\": unknown key \"\(k)\"") }
            callerPhone = try string("phone", in: c, path: "caller.phone")
            callerName = try string("name", in: c, path: "caller.name")
        }
        phoneCountry = try string("phone_country") ?? "FR"
        guard Phone.country(phoneCountry) != nil else {
            throw fail("phone_country \"\(phoneCountry)\" is not one of \(Phone.countries.map(\.iso).joined(separator: ", "))")
        }
        address = try string("address")
        city = try string("city")
        location = try string("location")
        lat = try string("lat")
        lon = try string("lon")
        guard (lat == nil) == (lon == nil) else { throw fail("\"lat\" and \"lon\" go together") }
        guard location == nil || lat == nil else { throw fail("give either \"location\" (one \"(lat, lon)\" column) or \"lat\" and \"lon\", not both") }
        switch try string("null_island") ?? "reject" {
        case "reject": dropNullIsland = false
        case "drop": dropNullIsland = true
        case let other: throw fail("\"null_island\" is \"\(other)\", expected \"reject\" or \"drop\"")
        }

        switch o["text"] {
        case nil, .null?: text = []
        case .string(let s)?: text = [s]
        case .array(let items)?:
            text = []
            for item in items {
                guard let s = item.stringValue else { throw fail("\"text\" must be a column name or a list of them") }
                text.append(s)
            }
        default: throw fail("\"text\" must be a column name or a list of them")
        }
        natureHint = try string("nature_hint")

        keep = []
        switch o["keep"] {
        case nil, .null?: break
        case .array(let items)?:
            for item in items {
                guard let s = item.stringValue else { throw fail("\"keep\" must list column names") }
                keep.append((ColumnMap.snakeCase(s), s))
            }
        case .object(let k)?:
            for field in k.fields {
                guard let s = field.value.stringValue else { throw fail("\"keep.\(field.key)\" must be a column name") }
                keep.append((field.key, s))
            }
        default: throw fail("\"keep\" must be a list of columns or {\"key\": column}")
        }

        if let u = o["units"] {
            guard let uo = u.objectValue else { throw fail("\"units\" must be {\"id\", \"type\", \"times\"}") }
            for k in uo.keys where !["id", "type", "times"].contains(k) { throw fail("\"units\": unknown key \"\(k)\"") }
            guard let id = try string("id", in: uo, path: "units.id") else { throw fail("\"units\" needs \"id\", the unit's column") }
            guard let times = uo["times"]?.objectValue, !times.isEmpty else {
                throw fail("\"units\" needs \"times\": {\"ALERTED\": column, …}")
            }
            var list: [(status: String, column: TimeColumn)] = []
            for field in times.fields {
                guard ColumnMap.unitStatuses.contains(field.key) else {
                    throw fail("\"units.times\": \"\(field.key)\" is not a unit status (\(ColumnMap.unitStatuses.joined(separator: ", ")))")
                }
                guard let column = try time("units.times.\(field.key)", field.value) else { continue }
                list.append((field.key, column))
            }
            units = Units(id: id, type: try string("type", in: uo, path: "units.type"), times: list)
        }
    }

    /// Every column the map names, to check against a file's header.
    public var columns: [String] {
        var all: [String] = []
        if case .column(let c, _) = identity { all.append(c) }
        all += [groupBy, eventKey, receivedAt.column, answeredAt?.column, callerPhone, callerName, address, city,
                location, lat, lon, natureHint].compactMap { $0 }
        all += text + keep.map(\.column)
        if let units { all += [units.id] + [units.type].compactMap { $0 } + units.times.map(\.column.column) }
        var seen = Set<String>()
        return all.filter { seen.insert($0).inserted }
    }

    /// "Call Number" → "call_number", "Neighborhooods - Analysis Boundaries" → "neighborhooods_analysis_boundaries".
    public static func snakeCase(_ name: String) -> String {
        var out = ""
        var gap = false
        for ch in name.lowercased() {
            if ch.isLetter || ch.isNumber {
                if gap && !out.isEmpty { out.append("_") }
                out.append(ch)
                gap = false
            } else {
                gap = true
            }
        }
        return out
    }
}
