import CCASCore

/// What the notification rules look at, read from a `dispatch` or `event` record (or from the
/// `event` summary a notification carries, so an escalation can be written later).
public struct EventFacts: Sendable, Equatable {
    public struct Unit: Sendable, Equatable {
        public var id: String
        public var type: String?
        public var station: String?
        public init(id: String, type: String? = nil, station: String? = nil) {
            self.id = id
            self.type = type
            self.station = station
        }
    }

    public var event: String?
    public var nature: String?
    public var natureLabel: String?
    public var priority: String?
    public var address: String?
    public var lat: Double?
    public var lon: Double?
    /// Stated facts: the classification's, then the record's own `victims`, `deaths`, `outcome`.
    public var facts: [String: JSON]
    public var units: [Unit]
    /// True when the units are engaged (a committed dispatch), not only recommended.
    public var unitsEngaged: Bool
    public var talkgroup: String?
    public var exercise: Bool

    public init(event: String? = nil, nature: String? = nil, natureLabel: String? = nil, priority: String? = nil,
                address: String? = nil, lat: Double? = nil, lon: Double? = nil, facts: [String: JSON] = [:],
                units: [Unit] = [], unitsEngaged: Bool = false, talkgroup: String? = nil, exercise: Bool = false)
    {
        self.event = event
        self.nature = nature
        self.natureLabel = natureLabel
        self.priority = priority
        self.address = address
        self.lat = lat
        self.lon = lon
        self.facts = facts
        self.units = units
        self.unitsEngaged = unitsEngaged
        self.talkgroup = talkgroup
        self.exercise = exercise
    }

    public init(record: JSONObject) {
        let classification = record["classification"]?.objectValue
        let location = record["location"]?.objectValue
        event = record["event_id"]?.stringValue ?? record["number"]?.stringValue ?? record["event"]?.stringValue
        nature = classification?["nature"]?.stringValue ?? record["nature"]?.stringValue
        natureLabel = classification?["label"]?.stringValue ?? record["nature_label"]?.stringValue
        priority = classification?["priority"]?.stringValue ?? record["priority"]?.stringValue
        address = location?["address"]?.stringValue ?? record["address"]?.stringValue
        lat = location?["lat"]?.doubleValue ?? record["lat"]?.doubleValue
        lon = location?["lon"]?.doubleValue ?? record["lon"]?.doubleValue
        var facts: [String: JSON] = [:]
        for (k, v) in classification?["facts"]?.objectValue?.fields ?? [] { facts[k] = v }
        for k in ["victims", "deaths", "dead", "outcome", "place"] {
            if let v = record[k], !v.isNull { facts[k] = v }
        }
        if let more = record["facts"]?.objectValue { for (k, v) in more.fields { facts[k] = v } }
        self.facts = facts
        units = (record["units"]?.arrayValue ?? []).compactMap { u in
            if let id = u.stringValue { return Unit(id: id) }
            guard let o = u.objectValue, let id = o["id"]?.stringValue else { return nil }
            return Unit(id: id, type: o["type"]?.stringValue, station: o["station"]?.stringValue)
        }
        // A dispatch record engages its units only when committed; an event record's units are engaged.
        if let explicit = record["units_engaged"]?.boolValue {
            unitsEngaged = explicit
        } else if record["kind"]?.stringValue == "dispatch" {
            unitsEngaged = record["committed"]?.boolValue ?? false
        } else {
            unitsEngaged = record["committed"]?.boolValue ?? !units.isEmpty
        }
        talkgroup = record["talkgroup"]?.stringValue
        exercise = record["exercise"]?.boolValue ?? false
    }

    /// The summary a notification carries; `EventFacts(record:)` reads it back.
    public var json: JSONObject {
        var o: JSONObject = ["event_id": .optional(event), "nature": .optional(nature)]
        if let natureLabel { o["nature_label"] = .string(natureLabel) }
        o["priority"] = .optional(priority)
        o["address"] = .optional(address)
        o["lat"] = lat.map { JSON.double($0, places: 7) } ?? .null
        o["lon"] = lon.map { JSON.double($0, places: 7) } ?? .null
        if !facts.isEmpty { o["facts"] = .object(JSONObject(facts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })) }
        o["units"] = .array(units.map { u in
            var x: JSONObject = ["id": .string(u.id)]
            if let t = u.type { x["type"] = .string(t) }
            if let s = u.station { x["station"] = .string(s) }
            return .object(x)
        })
        o["units_engaged"] = .bool(unitsEngaged)
        o["talkgroup"] = .optional(talkgroup)
        o["exercise"] = .bool(exercise)
        return o
    }

    /// Does `test` hold for these facts?
    func holds(_ test: FactTest) -> Bool {
        guard let value = facts[test.name], !value.isNull else { return false }
        switch test.test {
        case .truthy:
            if let b = value.boolValue { return b }
            if let d = value.doubleValue { return d > 0 }
            if let s = value.stringValue { return !s.isEmpty }
            return false
        case .atLeast(let n): return (value.doubleValue ?? -Double.infinity) >= n
        case .equals(let s):
            if let text = value.stringValue { return text.lowercased() == s.lowercased() }
            if let b = value.boolValue { return String(b) == s }
            if case .number(let text) = value { return text == s || Double(text) == Double(s) }
            return false
        }
    }
}
