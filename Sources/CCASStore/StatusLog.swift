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

extension Store {
    /// An event's unit statuses as `ccas-track export` sends them: in the order they were entered,
    /// so that a unit's last one is the status the unit table holds (a status back-dated with
    /// `--at` becomes current when entered, as on the board and for dispatch, while reports
    /// place it at its own time); and every unit's type from the units table (the status line's
    /// own type, the last entered), engaged units without a status included. nil for an unknown event.
    public func exportUnits(event number: String) throws -> (statuses: [JSON], types: [String: String])? {
        try read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM event WHERE number = ?", arguments: [number]) else { return nil }
            var types: [String: String] = [:]
            let statuses: [JSON] = try Row.fetchAll(db, sql: """
                SELECT s.unit, s.status, s.at, s.lat, s.lon, coalesce(s.unit_type, u.type)
                FROM status_log s LEFT JOIN unit u ON u.id = s.unit WHERE s.event_id = ? ORDER BY s.id
                """, arguments: [id]).map { row in
                let unit: String = row[0]
                var s: JSONObject = ["unit": .string(unit), "status": .string(row[1]),
                                     "at": .string(Timestamp(milliseconds: row[2]).iso8601)]
                if let type: String = row[5] {
                    s["unit_type"] = .string(type)
                    types[unit] = type
                }
                if let lat: Double = row[3], let lon: Double = row[4] { s["location"] = ["lat": .double(lat), "lon": .double(lon)] }
                return .object(s)
            }
            if try db.tableExists("engagement") {
                for row in try Row.fetchAll(db, sql: """
                    SELECT e.unit, u.type FROM engagement e JOIN unit u ON u.id = e.unit WHERE e.event_id = ?
                    """, arguments: [id]) {
                    let unit: String = row[0]
                    if types[unit] == nil, let type: String = row[1] { types[unit] = type }
                }
            }
            return (statuses, types)
        }
    }
}
