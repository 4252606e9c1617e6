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
    /// `record` as compact JSON, when the caller wrote it already (off the store's thread).
    public var recordJSON: [UInt8]?
    /// `receivedAt` as the journal writes it, when the caller wrote it already (`prepareText`).
    public var receivedText: String?

    /// Writes what the store would otherwise write in its transaction: for a caller that
    /// prepares calls on another thread than the store's.
    public mutating func prepareText() {
        receivedText = StoreTime.format(receivedAt)
    }

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
        let span = IntakeSession.span(calls.lazy.map(\.receivedAt))
        return try intakeTransaction(policy: policy, operator: op, span: span) { session in
            try calls.map { try session.take($0) }
        }
    }

    /// Calls and the unit statuses that came with them (a logged file's per-unit times), in
    /// input order, in one transaction: a status finds the event of a call stored just before it.
    public func intake(_ items: [IntakeItem], policy: CorrelationPolicy = .init(), operator op: String) throws -> [IntakeResult] {
        let span = IntakeSession.span(items.lazy.compactMap { if case .call(let c) = $0 { c.receivedAt } else { nil } })
        return try intakeTransaction(policy: policy, operator: op, span: span) { session in
            try items.map { item in
                switch item {
                case .call(let call):
                    return .call(try session.take(call))
                case .status(let status):
                    // The status reads the calls and events before it, and journals: they go in first.
                    try session.flushPending()
                    return .status(event: try Store.logStatus(session.db, status, operator: op))
                }
            }
        }
    }

    /// One write transaction with the store's correlation index: reused when nobody wrote since
    /// our last transaction (`PRAGMA data_version` for other connections, the connection's total
    /// changes for other code on ours), else rebuilt; dropped when the transaction fails.
    func intakeTransaction<T>(policy: CorrelationPolicy, operator op: String, span: ClosedRange<Int64>?,
                              _ body: (IntakeSession) throws -> T) throws -> T {
        let index = intakeIndex
        do {
            let result = try pool.write { db in
                let session = try IntakeSession(db, index: index, policy: policy, operator: op, span: span)
                let result = try body(session)
                try session.finish()
                return result
            }
            index.committed()
            return result
        } catch {
            index.invalidate()
            throw StoreError.from(error, path: path)
        }
    }

    /// One call in the caller's transaction, with an index of its own (tests, one-off writes).
    static func intakeOne(_ db: Database, _ call: IncomingCall, policy: CorrelationPolicy, operator op: String) throws -> IntakeOutcome {
        let session = try IntakeSession(db, index: IntakeIndex(), policy: policy, operator: op,
                                        span: call.receivedAt...call.receivedAt)
        let outcome = try session.take(call)
        try session.finish()
        return outcome
    }
}

/// Event numbers: `YYYY-NNNNNN`, gapless within a year.
public enum EventNumber {
    public static func format(year: Int, sequence: Int) -> String {
        // Eleven ASCII bytes in the usual case: a small string, no allocation.
        if year >= 0, year <= 9999, sequence >= 0, sequence <= 999_999 {
            return String(unsafeUninitializedCapacity: 11) { out in
                var y = year, s = sequence
                for k in stride(from: 3, through: 0, by: -1) { out[k] = 0x30 &+ UInt8(y % 10); y /= 10 }
                out[4] = 0x2D
                for k in stride(from: 10, through: 5, by: -1) { out[k] = 0x30 &+ UInt8(s % 10); s /= 10 }
                return 11
            }
        }
        let digits = String(sequence)
        return "\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
