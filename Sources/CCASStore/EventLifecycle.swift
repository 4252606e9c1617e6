import CCASCore
import GRDB

/// Why a lifecycle change was refused; nothing was changed.
public enum LifecycleRefusal: Error, CustomStringConvertible, Equatable {
    case unknownEvent(String)
    case notOpen(String, EventStatus)
    case notClosed(String, EventStatus)
    case needsText(String)

    public var description: String {
        switch self {
        case .unknownEvent(let e): "unknown event \(e)"
        case .notOpen(let e, let s): "event \(e) is \(s.rawValue), not open"
        case .notClosed(let e, let s): "event \(e) is \(s.rawValue): only a closed or cancelled event can be reopened"
        case .needsText(let what): "\(what) must not be empty"
        }
    }
}

/// What closing or cancelling did to the units and the talkgroup.
public struct Closure: Sendable, Equatable {
    public var event: String
    public var status: EventStatus
    public var releasedUnits: [String]
    public var talkgroup: String?
}

extension Store {
    /// Closes (or cancels) an open event: units still engaged are released — those that never
    /// left go back AVAILABLE, the others RETURNING — and the event's talkgroup is freed.
    public func finish(event number: String, as status: EventStatus, outcome: String, at: Int64, operator op: String, exercise: Bool = false) throws -> Closure {
        precondition(status == .closed || status == .cancelled)
        if outcome.trimmingCharacters(in: .whitespaces).isEmpty {
            throw LifecycleRefusal.needsText(status == .closed ? "--outcome" : "--reason")
        }
        return try write { db in
            let (id, current) = try Store.eventState(db, number)
            guard current.isOpen else { throw LifecycleRefusal.notOpen(number, current) }
            var released: [String] = []
            let engaged = try Row.fetchAll(db, sql: "SELECT id, status FROM unit WHERE event_id = ?", arguments: [id])
            for row in engaged {
                let unit: String = row[0]
                let was = UnitStatus(rawValue: row[1]) ?? .available
                let next: UnitStatus = (was == .alerted || was == .acknowledged) ? .available : .returning
                guard was != next, was.isEngaged else { continue }
                _ = try Store.changeStatus(db, StatusChange(unit: unit, status: next, at: at, exercise: exercise), operator: op)
                _ = try Store.closeEngagement(db, eventID: id, unit: unit, at: at, reason: "event \(status.rawValue.lowercased())")
                try db.execute(sql: "UPDATE unit SET event_id = NULL WHERE id = ? AND event_id = ?", arguments: [unit, id])
                released.append(unit)
            }
            let talkgroup = try Store.releaseTalkgroup(db, eventID: id, event: number, at: at, operator: op, exercise: exercise)
            try db.execute(sql: "UPDATE event SET status = ?, closed_at = ?, outcome = ? WHERE id = ?",
                           arguments: [status.rawValue, at, outcome, id])
            var payload: JSONObject = ["event": .string(number), "from": .string(current.rawValue), "to": .string(status.rawValue),
                                       (status == .closed ? "outcome" : "reason"): .string(outcome), "at": .string(StoreTime.format(at)),
                                       "released_units": .strings(released)]
            if let talkgroup { payload["talkgroup_released"] = .string(talkgroup) }
            try Journal.append(db, at: StoreTime.nowMillis(), operator: op, kind: status == .closed ? "event.closed" : "event.cancelled",
                               subject: number, payload: .object(payload), exercise: exercise)
            return Closure(event: number, status: status, releasedUnits: released, talkgroup: talkgroup)
        }
    }

    /// Reopens a closed or cancelled event, at the stage its calls and units put it.
    public func reopen(event number: String, reason: String?, operator op: String, exercise: Bool = false) throws -> EventStatus {
        try write { db in
            let (id, current) = try Store.eventState(db, number)
            guard !current.isOpen else { throw LifecycleRefusal.notClosed(number, current) }
            let classified = try Bool.fetchOne(db, sql: "SELECT nature IS NOT NULL FROM event WHERE id = ?", arguments: [id]) ?? false
            let status: EventStatus = classified ? .classified : .open
            try db.execute(sql: "UPDATE event SET status = ?, closed_at = NULL WHERE id = ?", arguments: [status.rawValue, id])
            var payload: JSONObject = ["event": .string(number), "from": .string(current.rawValue), "to": .string(status.rawValue)]
            if let reason { payload["reason"] = .string(reason) }
            try Journal.append(db, at: StoreTime.nowMillis(), operator: op, kind: "event.reopened", subject: number,
                               payload: .object(payload), exercise: exercise)
            return status
        }
    }

    static func eventState(_ db: Database, _ number: String) throws -> (Int64, EventStatus) {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, status FROM event WHERE number = ?", arguments: [number]) else {
            throw LifecycleRefusal.unknownEvent(number)
        }
        return (row[0], EventStatus(rawValue: row[1]) ?? .open)
    }
}
