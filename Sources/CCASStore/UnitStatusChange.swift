import CCASCore
import GRDB

/// A unit status change asked by an operator or a feed (AVL, mobile terminals).
public struct StatusChange: Sendable {
    public var unit: String
    public var status: UnitStatus
    public var at: Int64
    public var event: String?
    public var lat: Double?
    public var lon: Double?
    public var force = false
    public var reason: String?
    public var exercise = false

    public init(unit: String, status: UnitStatus, at: Int64, event: String? = nil, lat: Double? = nil, lon: Double? = nil,
                force: Bool = false, reason: String? = nil, exercise: Bool = false) {
        self.unit = unit
        self.status = status
        self.at = at
        self.event = event
        self.lat = lat
        self.lon = lon
        self.force = force
        self.reason = reason
        self.exercise = exercise
    }
}

/// What a status change did.
public struct StatusChangeResult: Sendable, Equatable {
    public var unit: String
    public var from: UnitStatus
    public var to: UnitStatus
    public var event: String?
    /// The event moved along its lifecycle because of this change (first unit on scene).
    public var eventStatus: EventStatus?
    public var forced: Bool
}

/// Why a status change was refused; nothing was changed.
public enum StatusChangeRefusal: Error, CustomStringConvertible, Equatable {
    case unknownUnit(String)
    case illegal(unit: String, from: UnitStatus, to: UnitStatus, allowed: [UnitStatus])
    case forceNeedsReason
    case unknownEvent(String)

    public var description: String {
        switch self {
        case .unknownUnit(let u): "unknown unit \(u) (import it with ccas-dispatch units import)"
        case .illegal(let u, let from, let to, let allowed):
            "\(u) cannot go from \(from.rawValue) to \(to.rawValue); allowed: \(allowed.map(\.rawValue).sorted().joined(separator: ", ")) (or --force --reason …)"
        case .forceNeedsReason: "--force needs --reason, which goes in the journal"
        case .unknownEvent(let e): "unknown event \(e)"
        }
    }
}

extension StatusChange {
    /// A forced change needs a reason, checked before the store is touched.
    func checkReason() throws {
        if force, (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty { throw StatusChangeRefusal.forceNeedsReason }
    }
}

/// The SQL of a status change, the same for a `Store` transaction and a direct one (`StatusConnection`).
enum StatusChangeSQL {
    static let unit = "SELECT u.status, u.event_id, e.number FROM unit u LEFT JOIN event e ON e.id = u.event_id WHERE u.id = ?"
    static let eventID = "SELECT id FROM event WHERE number = ?"
    static let updateUnit = """
        UPDATE unit SET status = ?, status_at = ?, event_id = ?, updated_at = ?,
          last_lat = coalesce(?, last_lat), last_lon = coalesce(?, last_lon),
          last_at = CASE WHEN ? IS NOT NULL THEN ? ELSE last_at END
        WHERE id = ?
        """
    static let logStatus = """
        INSERT OR IGNORE INTO status_log (unit, status, at, event_id, lat, lon, source, operator, exercise)
        VALUES (?, ?, ?, ?, ?, ?, 'track', ?, ?)
        """
    static let eventStatus = "SELECT status FROM event WHERE id = ?"
    static let advanceEvent = "UPDATE event SET status = ? WHERE id = ?"
}

extension Store {
    /// Changes a unit's status in one transaction: the unit row, its status history, its
    /// position, the event it serves (first on scene → ON_SCENE; AVAILABLE releases the unit),
    /// and the journal. An illegal change changes nothing and says why.
    public func changeStatus(_ change: StatusChange, operator op: String) throws -> StatusChangeResult {
        try change.checkReason()
        return try write { db in try Store.changeStatus(db, change, operator: op) }
    }

    static func changeStatus(_ db: Database, _ change: StatusChange, operator op: String) throws -> StatusChangeResult {
        try changeStatus(source: db, change, operator: op)
    }

    /// The change inside the caller's transaction, through the C API: GRDB's cached statements in
    /// a `Store`, or a direct connection's own (`StatusConnection`).
    static func changeStatus<S: StatementSource>(source db: S, _ change: StatusChange, operator op: String) throws -> StatusChangeResult {
        let unit = try db.rawStatement(StatusChangeSQL.unit)
        unit.bind(1, change.unit)
        guard let row = try unit.fetchOne({ ($0.text(0), $0.optionalInt64(1), $0.optionalText(2)) }) else {
            throw StatusChangeRefusal.unknownUnit(change.unit)
        }
        let from = UnitStatus(rawValue: row.0) ?? .available
        var eventID = row.1
        var eventNumber = row.2
        if let number = change.event, number != eventNumber {
            let lookup = try db.rawStatement(StatusChangeSQL.eventID)
            lookup.bind(1, number)
            guard let id = try lookup.fetchOne({ $0.int64(0) }) else { throw StatusChangeRefusal.unknownEvent(number) }
            eventID = id
            eventNumber = number
        }
        let to = change.status
        if from != to, !from.canChange(to: to), !change.force {
            throw StatusChangeRefusal.illegal(unit: change.unit, from: from, to: to, allowed: Array(from.next))
        }
        let forced = from != to && !from.canChange(to: to)
        let keepsEvent = to.isEngaged || to == .returning
        let update = try db.rawStatement(StatusChangeSQL.updateUnit)
        update.bind(1, to.rawValue)
        update.bind(2, change.at)
        update.bind(3, keepsEvent ? eventID : nil)
        update.bind(4, StoreTime.nowMillis())
        update.bind(5, change.lat)
        update.bind(6, change.lon)
        update.bind(7, change.lat)
        update.bind(8, change.at)
        update.bind(9, change.unit)
        try update.run()
        let log = try db.rawStatement(StatusChangeSQL.logStatus)
        log.bind(1, change.unit)
        log.bind(2, to.rawValue)
        log.bind(3, change.at)
        log.bind(4, eventID)
        log.bind(5, change.lat)
        log.bind(6, change.lon)
        log.bind(7, op)
        log.bind(8, change.exercise)
        try log.run()
        var payload: JSONObject = ["unit": .string(change.unit), "from": .string(from.rawValue), "to": .string(to.rawValue),
                                   "at": .string(StoreTime.format(change.at))]
        if let eventNumber { payload["event"] = .string(eventNumber) }
        if let lat = change.lat, let lon = change.lon { payload["lat"] = .double(lat); payload["lon"] = .double(lon) }
        if forced {
            payload["forced"] = true
            payload["reason"] = .string(change.reason ?? "")
        }
        try Journal.append(into: db, at: StoreTime.nowMillis(), operator: op, kind: forced ? "unit.status.forced" : "unit.status",
                           subject: change.unit, payload: .object(payload), exercise: change.exercise)

        var eventStatus: EventStatus?
        if let eventID, let eventNumber {
            if to == .onScene, try advanceEvent(db, id: eventID, number: eventNumber, to: .onScene, at: change.at, operator: op, exercise: change.exercise) {
                eventStatus = .onScene
            }
            if to == .available || to == .outOfService || to == .unavailable {
                let release = try db.rawStatement(Store.closeEngagementSQL)
                release.bind(1, change.at)
                release.bind(2, "status \(to.rawValue)")
                release.bind(3, eventID)
                release.bind(4, change.unit)
                try release.run()
            }
        }
        return StatusChangeResult(unit: change.unit, from: from, to: to, event: eventNumber, eventStatus: eventStatus, forced: forced)
    }

    /// Moves an open event forward along its lifecycle (never back), with its journal row.
    static func advanceEvent<S: StatementSource>(_ db: S, id: Int64, number: String, to: EventStatus, at: Int64, operator op: String, exercise: Bool) throws -> Bool {
        let read = try db.rawStatement(StatusChangeSQL.eventStatus)
        read.bind(1, id)
        guard let current = try read.fetchOne({ $0.optionalText(0) }).flatMap({ $0 }).flatMap(EventStatus.init(rawValue:)),
              current.isOpen, current.rank < to.rank else { return false }
        let update = try db.rawStatement(StatusChangeSQL.advanceEvent)
        update.bind(1, to.rawValue)
        update.bind(2, id)
        try update.run()
        try Journal.append(into: db, at: StoreTime.nowMillis(), operator: op, kind: "event.status", subject: number,
                           payload: ["event": .string(number), "from": .string(current.rawValue), "to": .string(to.rawValue),
                                     "at": .string(StoreTime.format(at))], exercise: exercise)
        return true
    }
}
