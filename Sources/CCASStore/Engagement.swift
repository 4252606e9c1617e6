import CCASCore
import GRDB

/// One unit asked for on an event, with the next best ones to take if it is gone.
public struct EngagementRequest: Sendable {
    public var unit: String
    public var need: String?
    /// The recommender's pick, kept with the engagement (reason, ETA…).
    public var pick: JSON?
    public var alternates: [(unit: String, pick: JSON?)]

    public init(unit: String, need: String? = nil, pick: JSON? = nil, alternates: [(unit: String, pick: JSON?)] = []) {
        self.unit = unit
        self.need = need
        self.pick = pick
        self.alternates = alternates
    }
}

/// When an event gets a tactical talkgroup: from this pool, when its priority asks for one or
/// when it has `minUnits` engaged units.
public struct TalkgroupPolicy: Sendable {
    public var pool: [String]
    public var byPriority: Bool
    public var minUnits: Int
    public init(pool: [String], byPriority: Bool, minUnits: Int) {
        self.pool = pool
        self.byPriority = byPriority
        self.minUnits = minUnits
    }
}

/// What an engagement did.
public struct EngagementOutcome: Sendable {
    public struct Engaged: Sendable {
        public var unit: String
        public var need: String?
        public var pick: JSON?
        /// The unit asked for, when another dispatcher had just taken it and this one came next.
        public var replaces: String?
    }
    public struct Refused: Sendable, Equatable {
        public var unit: String
        public var reason: String
    }
    public var event: String
    public var engaged: [Engaged] = []
    public var refused: [Refused] = []
    public var eventStatus: String = ""
    /// The event's talkgroup after the engagement (allocated now or before).
    public var talkgroup: String?
    /// Why no talkgroup was allocated when one was wanted (the pool is exhausted).
    public var talkgroupProblem: String?
}

/// An engagement as stored.
public struct EngagementRow: Sendable, Equatable {
    public var event: String
    public var unit: String
    public var need: String?
    public var engagedAt: Int64
    public var releasedAt: Int64?
    public var reason: String?
}

extension Store {
    /// Runs `body` in one IMMEDIATE transaction: the write lock is taken before anything is
    /// read, so what is checked cannot change before it is written, even across processes.
    public func writeImmediate<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Engages units on an event in ONE transaction that re-checks each unit: a unit that is no
    /// longer engageable (another dispatcher took it) is replaced by the first of its alternates
    /// still engageable, or refused with the reason. Each engaged unit goes ALERTED (journal
    /// `unit.engaged`); the event goes DISPATCHED if it was before that (journal
    /// `event.dispatched`); a talkgroup is allocated when the policy asks for one.
    public func engage(event number: String, requests: [EngagementRequest], talkgroups: TalkgroupPolicy? = nil,
                       operator op: String, exercise: Bool = false, at: Int64? = nil) throws -> EngagementOutcome {
        try writeImmediate { db in
            let now = at ?? StoreTime.nowMillis()
            guard let ev = try Row.fetchOne(db, sql: "SELECT id, status FROM event WHERE number = ?", arguments: [number]) else {
                throw StoreError.notFound(what: "event \(number)")
            }
            let eventID: Int64 = ev[0]
            let status = EventStatus(rawValue: ev[1]) ?? .open
            var outcome = EngagementOutcome(event: number, eventStatus: status.rawValue)
            guard status.isOpen else {
                outcome.refused = requests.map { .init(unit: $0.unit, reason: "event \(number) is \(status.rawValue)") }
                return outcome
            }
            var taken = Set<String>()
            for request in requests {
                var firstRefusal: String?
                var done = false
                for (n, candidate) in ([(unit: request.unit, pick: request.pick)] + request.alternates).enumerated() {
                    if taken.contains(candidate.unit) { continue }
                    if let why = try Store.notEngageable(db, unit: candidate.unit, eventID: eventID) {
                        if n == 0 { firstRefusal = why }
                        continue
                    }
                    taken.insert(candidate.unit)
                    try Store.engageOne(db, eventID: eventID, event: number, unit: candidate.unit, need: request.need, pick: candidate.pick,
                                        replaces: n == 0 ? nil : request.unit, at: now, operator: op, exercise: exercise)
                    outcome.engaged.append(.init(unit: candidate.unit, need: request.need, pick: candidate.pick, replaces: n == 0 ? nil : request.unit))
                    done = true
                    break
                }
                if let firstRefusal {
                    outcome.refused.append(.init(unit: request.unit, reason: firstRefusal + (done ? "" : request.alternates.isEmpty ? "" : "; no alternate available")))
                } else if !done {
                    outcome.refused.append(.init(unit: request.unit, reason: "\(request.unit) is already on this request"))
                }
            }
            if !outcome.engaged.isEmpty, status.rank < EventStatus.dispatched.rank {
                try db.execute(sql: "UPDATE event SET status = 'DISPATCHED' WHERE id = ?", arguments: [eventID])
                try Journal.append(db, at: now, operator: op, kind: "event.dispatched", subject: number,
                                   payload: ["event": .string(number), "from": .string(status.rawValue),
                                             "units": .strings(outcome.engaged.map(\.unit))], exercise: exercise)
                outcome.eventStatus = EventStatus.dispatched.rawValue
            }
            outcome.talkgroup = try Store.talkgroup(db, eventID: eventID)
            if outcome.talkgroup == nil, let talkgroups {
                let engagedCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM engagement WHERE event_id = ? AND released_at IS NULL", arguments: [eventID]) ?? 0
                if talkgroups.byPriority || engagedCount >= talkgroups.minUnits {
                    outcome.talkgroup = try Store.allocateTalkgroup(db, eventID: eventID, event: number, pool: talkgroups.pool, at: now, operator: op, exercise: exercise)
                    if outcome.talkgroup == nil { outcome.talkgroupProblem = "the talkgroup pool is exhausted (\(talkgroups.pool.count) all on open events)" }
                }
            }
            return outcome
        }
    }

    /// The operator's own choice: these units, no alternates.
    public func engage(event: String, units: [String], operator op: String, exercise: Bool = false,
                       talkgroups: TalkgroupPolicy? = nil) throws -> EngagementOutcome {
        try engage(event: event, requests: units.map { EngagementRequest(unit: $0) }, talkgroups: talkgroups, operator: op, exercise: exercise)
    }

    /// Why a unit cannot be engaged now (nil: it can).
    static func notEngageable(_ db: Database, unit: String, eventID: Int64) throws -> String? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT u.status, e.number, (SELECT e2.number FROM engagement g JOIN event e2 ON e2.id = g.event_id
                                        WHERE g.unit = u.id AND g.released_at IS NULL)
            FROM unit u LEFT JOIN event e ON e.id = u.event_id WHERE u.id = ?
            """, arguments: [unit])
        else { return "unit \(unit) is not in the register (ccas-dispatch units import)" }
        let status = UnitStatus(rawValue: row[0]) ?? .unavailable
        let on: String? = row[2] ?? row[1]
        if let on { return "\(unit) is \(status.rawValue) on event \(on)" }
        if !status.isEngageable { return "\(unit) is \(status.rawValue)" }
        return nil
    }

    static func engageOne(_ db: Database, eventID: Int64, event: String, unit: String, need: String?, pick: JSON?, replaces: String?,
                          at now: Int64, operator op: String, exercise: Bool) throws {
        try db.execute(sql: "UPDATE unit SET status = 'ALERTED', status_at = ?, event_id = ? WHERE id = ?", arguments: [now, eventID, unit])
        let reason = pick?["reason"]?.stringValue ?? (replaces != nil ? "next_best_after_race" : "operator_choice")
        try db.execute(sql: """
            INSERT INTO engagement (event_id, unit, need, engaged_at, reason, pick, operator, exercise) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [eventID, unit, need, now, replaces != nil ? "next_best_after_race" : reason, pick.map(JSONWriter.string), op, exercise])
        var payload: JSONObject = ["event": .string(event), "unit": .string(unit), "status": "ALERTED", "need": .optional(need)]
        if let replaces { payload["replaces"] = .string(replaces) }
        if let pick { payload["pick"] = pick }
        try Journal.append(db, at: now, operator: op, kind: "unit.engaged", subject: unit, payload: .object(payload), exercise: exercise)
        try db.execute(sql: """
            INSERT OR IGNORE INTO status_log (unit, unit_type, status, at, event_id, source, operator, exercise)
            SELECT id, type, 'ALERTED', ?, ?, 'ccas-dispatch', ?, ? FROM unit WHERE id = ?
            """, arguments: [now, eventID, op, exercise, unit])
    }

    /// Releases a unit from an event: the engagement is closed, the unit goes AVAILABLE (or
    /// RETURNING when it is already on the road). Journal `unit.released`. Returns the status.
    @discardableResult
    public func release(event number: String, unit: String, reason: String? = nil, operator op: String, exercise: Bool = false) throws -> UnitStatus {
        try writeImmediate { db in
            let now = StoreTime.nowMillis()
            guard let eventID = try Int64.fetchOne(db, sql: "SELECT id FROM event WHERE number = ?", arguments: [number]) else {
                throw StoreError.notFound(what: "event \(number)")
            }
            guard try Store.closeEngagement(db, eventID: eventID, unit: unit, at: now, reason: reason) else {
                throw StoreError.refused("\(unit) is not engaged on event \(number)")
            }
            let current = try String.fetchOne(db, sql: "SELECT status FROM unit WHERE id = ?", arguments: [unit]).flatMap(UnitStatus.init(rawValue:)) ?? .available
            let next: UnitStatus = current.canChange(to: .available) ? .available : .returning
            try db.execute(sql: "UPDATE unit SET status = ?, status_at = ?, event_id = NULL WHERE id = ?", arguments: [next.rawValue, now, unit])
            try Journal.append(db, at: now, operator: op, kind: "unit.released", subject: unit,
                               payload: ["event": .string(number), "unit": .string(unit), "from": .string(current.rawValue),
                                         "status": .string(next.rawValue), "reason": .optional(reason)], exercise: exercise)
            return next
        }
    }

    /// Closes a unit's open engagement on an event, inside a caller's transaction (ccas-track
    /// calls it when a unit becomes AVAILABLE again). Returns false when there was none.
    public static func closeEngagement(_ db: Database, eventID: Int64, unit: String, at: Int64, reason: String?) throws -> Bool {
        try db.execute(sql: closeEngagementSQL, arguments: [at, reason, eventID, unit])
        return db.changesCount > 0
    }

    /// Shared with the status change, which releases a unit's engagement through the C API.
    static let closeEngagementSQL = "UPDATE engagement SET released_at = ?, release_reason = ? WHERE event_id = ? AND unit = ? AND released_at IS NULL"

    /// The open engagements of an event (nil number: of every event).
    public func engagements(event number: String? = nil, includeReleased: Bool = false) throws -> [EngagementRow] {
        try read { db in
            var sql = """
                SELECT e.number, g.unit, g.need, g.engaged_at, g.released_at, g.reason FROM engagement g
                JOIN event e ON e.id = g.event_id WHERE 1
                """
            var args: [DatabaseValueConvertible?] = []
            if let number { sql += " AND e.number = ?"; args.append(number) }
            if !includeReleased { sql += " AND g.released_at IS NULL" }
            return try Row.fetchAll(db, sql: sql + " ORDER BY g.id", arguments: StatementArguments(args)).map {
                EngagementRow(event: $0[0], unit: $0[1], need: $0[2], engagedAt: $0[3], releasedAt: $0[4], reason: $0[5])
            }
        }
    }

    /// An event's priority and position as stored (for engage/reinforce on an event number).
    public func eventSummary(_ number: String) throws -> (status: String, nature: String?, priority: String?, lat: Double?, lon: Double?)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT status, nature, priority, lat, lon FROM event WHERE number = ?", arguments: [number]).map {
                ($0[0], $0[1], $0[2], $0[3], $0[4])
            }
        }
    }

    // MARK: talkgroups

    /// The event's open talkgroup.
    public static func talkgroup(_ db: Database, eventID: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT talkgroup FROM talkgroup_allocation WHERE event_id = ? AND released_at IS NULL", arguments: [eventID])
    }

    /// Gives the event the first talkgroup of the pool on no open event (nil: all taken).
    /// The unique index makes a double allocation fail rather than happen.
    public static func allocateTalkgroup(_ db: Database, eventID: Int64, event: String, pool: [String], at: Int64, operator op: String, exercise: Bool) throws -> String? {
        if let existing = try talkgroup(db, eventID: eventID) { return existing }
        let busy = Set(try String.fetchAll(db, sql: "SELECT talkgroup FROM talkgroup_allocation WHERE released_at IS NULL"))
        guard let free = pool.first(where: { !busy.contains($0) }) else { return nil }
        try db.execute(sql: "INSERT INTO talkgroup_allocation (talkgroup, event_id, allocated_at, operator, exercise) VALUES (?, ?, ?, ?, ?)",
                       arguments: [free, eventID, at, op, exercise])
        try Journal.append(db, at: at, operator: op, kind: "talkgroup.allocated", subject: event,
                           payload: ["event": .string(event), "talkgroup": .string(free)], exercise: exercise)
        return free
    }

    /// Frees the event's talkgroup, inside a caller's transaction (ccas-track calls it in the
    /// transaction that closes the event). Returns the talkgroup freed.
    @discardableResult
    public static func releaseTalkgroup(_ db: Database, eventID: Int64, event: String, at: Int64, operator op: String, exercise: Bool = false) throws -> String? {
        guard let tg = try talkgroup(db, eventID: eventID) else { return nil }
        try db.execute(sql: "UPDATE talkgroup_allocation SET released_at = ? WHERE event_id = ? AND released_at IS NULL", arguments: [at, eventID])
        try Journal.append(db, at: at, operator: op, kind: "talkgroup.released", subject: event,
                           payload: ["event": .string(event), "talkgroup": .string(tg)], exercise: exercise)
        return tg
    }

    /// Allocates a talkgroup to an event in its own transaction.
    public func allocateTalkgroup(event number: String, pool: [String], operator op: String, exercise: Bool = false) throws -> String? {
        try writeImmediate { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM event WHERE number = ?", arguments: [number]) else {
                throw StoreError.notFound(what: "event \(number)")
            }
            return try Store.allocateTalkgroup(db, eventID: id, event: number, pool: pool, at: StoreTime.nowMillis(), operator: op, exercise: exercise)
        }
    }

    /// Frees an event's talkgroup in its own transaction.
    @discardableResult
    public func releaseTalkgroup(event number: String, operator op: String, exercise: Bool = false) throws -> String? {
        try writeImmediate { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM event WHERE number = ?", arguments: [number]) else {
                throw StoreError.notFound(what: "event \(number)")
            }
            return try Store.releaseTalkgroup(db, eventID: id, event: number, at: StoreTime.nowMillis(), operator: op, exercise: exercise)
        }
    }

    /// The talkgroup of an event, if it has one open.
    public func talkgroup(event number: String) throws -> String? {
        try read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM event WHERE number = ?", arguments: [number]) else { return nil }
            return try Store.talkgroup(db, eventID: id)
        }
    }
}
