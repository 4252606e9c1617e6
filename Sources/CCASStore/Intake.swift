import CCASCore
import GRDB

/// What the store needs of a call to store and correlate it; the whole record rides along.
public struct IncomingCall: Sendable {
    public var id: String
    public var receivedAt: Int64
    public var answeredAt: Int64?
    public var channel: String
    public var phone: String?
    public var lat: Double?
    public var lon: Double?
    public var address: String?
    public var text: String?
    /// A source's incident number: calls sharing it belong to one event.
    public var correlationKey: String?
    public var record: JSONObject
    public var exercise: Bool

    public init(
        id: String, receivedAt: Int64, answeredAt: Int64? = nil, channel: String, phone: String? = nil,
        lat: Double? = nil, lon: Double? = nil, address: String? = nil, text: String? = nil,
        correlationKey: String? = nil, record: JSONObject, exercise: Bool = false
    ) {
        self.id = id
        self.receivedAt = receivedAt
        self.answeredAt = answeredAt
        self.channel = channel
        self.phone = phone
        self.lat = lat
        self.lon = lon
        self.address = address
        self.text = text
        self.correlationKey = correlationKey
        self.record = record
        self.exercise = exercise
    }
}

public enum IntakeItem: Sendable {
    case call(IncomingCall)
    case status(IncomingStatus)
}

public enum IntakeResult: Sendable, Equatable {
    case call(IntakeOutcome)
    /// The event the status was attached to ("" when none); nil when it was already stored.
    case status(event: String?)
}

/// When a new call joins an open event rather than opening one.
public struct CorrelationPolicy: Sendable, Equatable {
    public var distanceM: Double = 200
    public var windowS: Int64 = 30 * 60
    public var callbackWindowS: Int64 = 10 * 60
    public init() {}
    public init(distanceM: Double, windowS: Int64, callbackWindowS: Int64) {
        self.distanceM = distanceM
        self.windowS = windowS
        self.callbackWindowS = callbackWindowS
    }
}

/// What happened to one call: the event it belongs to, and why.
public struct IntakeOutcome: Sendable, Equatable {
    public var callID: String
    public var eventNumber: String
    public var duplicate: Bool
    public var newEvent: Bool
    /// `{"rule": …, …}`: why the call is on this event.
    public var correlation: JSON
}

extension Store {
    /// Stores a batch of calls in one transaction: each is linked to an event (an existing one
    /// by incident key, callback number or place and time, else a new one) and journaled.
    /// A call id already stored is left as it is and reported as a duplicate.
    public func intake(_ calls: [IncomingCall], policy: CorrelationPolicy = .init(), operator op: String) throws -> [IntakeOutcome] {
        try write { db in try calls.map { try Store.intakeOne(db, $0, policy: policy, operator: op) } }
    }

    /// Calls and the unit statuses that came with them (a logged file's per-unit times), in
    /// input order, in one transaction: a status finds the event of a call stored just before it.
    public func intake(_ items: [IntakeItem], policy: CorrelationPolicy = .init(), operator op: String) throws -> [IntakeResult] {
        try write { db in
            try items.map { item in
                switch item {
                case .call(let call): .call(try Store.intakeOne(db, call, policy: policy, operator: op))
                case .status(let status): .status(event: try Store.logStatus(db, status, operator: op))
                }
            }
        }
    }

    static func intakeOne(_ db: Database, _ call: IncomingCall, policy: CorrelationPolicy, operator op: String) throws -> IntakeOutcome {
        let existing = try db.cachedStatement(sql: """
            SELECT e.number, c.correlation FROM call c JOIN event e ON e.id = c.event_id WHERE c.id = ?
            """)
        if let row = try Row.fetchOne(existing, arguments: [call.id]) {
            let correlation = (row[1] as String?).flatMap { try? JSONParser.parse($0) } ?? .null
            return IntakeOutcome(callID: call.id, eventNumber: row[0], duplicate: true, newEvent: false, correlation: correlation)
        }

        var event: (id: Int64, number: String)?
        var correlation: JSON = ["rule": "new_event"]
        if let key = call.correlationKey {
            let byKey = try db.cachedStatement(sql: "SELECT id, number FROM event WHERE correlation_key = ?")
            if let row = try Row.fetchOne(byKey, arguments: [key]) {
                event = (row[0], row[1])
                correlation = ["rule": "incident_key", "event": .string(row[1]), "key": .string(key)]
            }
        } else {
            if let phone = call.phone, let match = try sameCaller(db, phone: phone, call: call, policy: policy) {
                event = (match.id, match.number)
                correlation = ["rule": "callback_number", "event": .string(match.number), "delay_s": .int(match.delay / 1000),
                               "window_s": .int(policy.callbackWindowS)]
            }
            if event == nil, let lat = call.lat, let lon = call.lon,
               let match = try nearbyEvent(db, lat: lat, lon: lon, call: call, policy: policy)
            {
                event = (match.id, match.number)
                correlation = ["rule": "proximity", "event": .string(match.number), "distance_m": .int(Int(match.distance.rounded())),
                               "delay_s": .int(match.delay / 1000), "max_distance_m": .double(policy.distanceM),
                               "window_s": .int(policy.windowS)]
            }
        }

        let newEvent = event == nil
        let eventRef: (id: Int64, number: String)
        if let event {
            eventRef = event
            let touch = try db.cachedStatement(sql: """
                UPDATE event SET last_call_at = max(last_call_at, ?1),
                  lat = coalesce(lat, ?2), lon = coalesce(lon, ?3), address = coalesce(address, ?4)
                WHERE id = ?5
                """)
            try touch.execute(arguments: [call.receivedAt, call.lat, call.lon, call.address, event.id])
        } else {
            eventRef = try openEvent(db, for: call, operator: op)
        }

        let insert = try db.cachedStatement(sql: """
            INSERT INTO call (id, event_id, received_at, answered_at, channel, phone, lat, lon, address, text,
                              correlation, record, operator, exercise)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let correlationText = JSONWriter.string(correlation)
        try insert.execute(arguments: [
            call.id, eventRef.id, call.receivedAt, call.answeredAt, call.channel, call.phone, call.lat, call.lon,
            call.address, call.text, correlationText, JSONWriter.string(.object(call.record)), op, call.exercise,
        ])
        try Journal.append(
            db, at: StoreTime.nowMillis(), operator: op, kind: "call.received", subject: call.id,
            payload: ["call": .string(call.id), "event": .string(eventRef.number), "channel": .string(call.channel),
                      "received_at": .string(StoreTime.format(call.receivedAt)), "correlation": correlation],
            exercise: call.exercise)
        return IntakeOutcome(callID: call.id, eventNumber: eventRef.number, duplicate: false, newEvent: newEvent, correlation: correlation)
    }

    /// Opens an event with the next number of the call's year.
    static func openEvent(_ db: Database, for call: IncomingCall, operator op: String) throws -> (id: Int64, number: String) {
        let year = StoreTime.year(of: call.receivedAt)
        let bump = try db.cachedStatement(sql: """
            INSERT INTO event_counter (year, last) VALUES (?, 1)
            ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last
            """)
        let seq = try Int.fetchOne(bump, arguments: [year]) ?? 1
        let number = EventNumber.format(year: year, sequence: seq)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO event (number, opened_at, last_call_at, lat, lon, address, phone, correlation_key, exercise)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.execute(arguments: [number, call.receivedAt, call.receivedAt, call.lat, call.lon, call.address,
                                       call.phone, call.correlationKey, call.exercise])
        let id = db.lastInsertedRowID
        try Journal.append(
            db, at: StoreTime.nowMillis(), operator: op, kind: "event.opened", subject: number,
            payload: ["event": .string(number), "first_call": .string(call.id), "opened_at": .string(StoreTime.format(call.receivedAt))],
            exercise: call.exercise)
        return (id, number)
    }

    /// The open event with a call from the same number within the callback window.
    static func sameCaller(_ db: Database, phone: String, call: IncomingCall, policy: CorrelationPolicy) throws
        -> (id: Int64, number: String, delay: Int64)?
    {
        let window = policy.callbackWindowS * 1000
        let statement = try db.cachedStatement(sql: """
            SELECT e.id, e.number, c.received_at FROM call c JOIN event e ON e.id = c.event_id
            WHERE c.phone = ? AND c.received_at BETWEEN ? AND ? AND e.status NOT IN ('CLOSED', 'CANCELLED') AND e.exercise = ?
            ORDER BY abs(c.received_at - ?) LIMIT 1
            """)
        guard let row = try Row.fetchOne(statement, arguments: [phone, call.receivedAt - window, call.receivedAt + window, call.exercise, call.receivedAt])
        else { return nil }
        let at: Int64 = row[2]
        return (row[0], row[1], abs(call.receivedAt - at))
    }

    /// The nearest open event within the distance, whose last call is within the time window.
    static func nearbyEvent(_ db: Database, lat: Double, lon: Double, call: IncomingCall, policy: CorrelationPolicy) throws
        -> (id: Int64, number: String, distance: Double, delay: Int64)?
    {
        let window = policy.windowS * 1000
        let box = Geo.boundingBox(lat: lat, lon: lon, radiusM: policy.distanceM)
        let statement = try db.cachedStatement(sql: """
            SELECT id, number, lat, lon, last_call_at FROM event
            WHERE status NOT IN ('CLOSED', 'CANCELLED') AND last_call_at BETWEEN ? AND ?
              AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? AND exercise = ?
            """)
        var best: (id: Int64, number: String, distance: Double, delay: Int64)?
        let rows = try Row.fetchCursor(statement, arguments: [
            call.receivedAt - window, call.receivedAt + window, box.minLat, box.maxLat, box.minLon, box.maxLon, call.exercise,
        ])
        while let row = try rows.next() {
            let d = Geo.distance(Coordinate(lat: lat, lon: lon), Coordinate(lat: row[2], lon: row[3]))
            if d <= policy.distanceM, d < (best?.distance ?? .infinity) {
                let at: Int64 = row[4]
                best = (row[0], row[1], d, abs(call.receivedAt - at))
            }
        }
        return best
    }
}

/// Event numbers: `YYYY-NNNNNN`, gapless within a year.
public enum EventNumber {
    public static func format(year: Int, sequence: Int) -> String {
        let digits = String(sequence)
        return "\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
