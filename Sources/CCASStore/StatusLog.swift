import CCASCore
import GRDB

/// A unit status with its time, from a logged file or a live feed.
public struct IncomingStatus: Sendable {
    public var unit: String
    public var unitType: String?
    public var status: String
    public var at: Int64
    public var callID: String?
    public var eventNumber: String?
    public var lat: Double?
    public var lon: Double?
    public var source: String?
    public var exercise: Bool

    public init(unit: String, unitType: String? = nil, status: String, at: Int64, callID: String? = nil,
                eventNumber: String? = nil, lat: Double? = nil, lon: Double? = nil, source: String? = nil, exercise: Bool = false) {
        self.unit = unit
        self.unitType = unitType
        self.status = status
        self.at = at
        self.callID = callID
        self.eventNumber = eventNumber
        self.lat = lat
        self.lon = lon
        self.source = source
        self.exercise = exercise
    }
}

extension Store {
    /// Records historical statuses (idempotent on unit, status and time), each with its journal
    /// row. Returns, per status, the event it was attached to, or nil when it was already stored.
    public func logStatuses(_ statuses: [IncomingStatus], operator op: String) throws -> [String?] {
        try write { db in try statuses.map { try Store.logStatus(db, $0, operator: op) } }
    }

    static func logStatus(_ db: Database, _ s: IncomingStatus, operator op: String) throws -> String? {
        var eventID: Int64?
        var eventNumber = s.eventNumber
        if let number = s.eventNumber {
            eventID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM event WHERE number = ?"), arguments: [number])
        } else if let callID = s.callID {
            let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT e.id, e.number FROM call c JOIN event e ON e.id = c.event_id WHERE c.id = ?
                """), arguments: [callID])
            eventID = row?[0]
            eventNumber = row?[1]
        }
        let insert = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO status_log (unit, unit_type, status, at, event_id, call_id, lat, lon, source, operator, exercise)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.execute(arguments: [s.unit, s.unitType, s.status, s.at, eventID, s.callID, s.lat, s.lon, s.source, op, s.exercise])
        guard db.changesCount > 0 else { return nil }
        var payload: JSONObject = ["unit": .string(s.unit), "status": .string(s.status), "at": .string(StoreTime.format(s.at))]
        if let eventNumber { payload["event"] = .string(eventNumber) }
        if let callID = s.callID { payload["call"] = .string(callID) }
        if let source = s.source { payload["source"] = .string(source) }
        try Journal.append(db, at: StoreTime.nowMillis(), operator: op, kind: "status.logged", subject: s.unit,
                           payload: .object(payload), exercise: s.exercise)
        return eventNumber ?? ""
    }
}
