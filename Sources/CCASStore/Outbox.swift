import CCASCore
import Foundation
import GRDB

/// Where a notification stands in the outbox.
public enum OutboxStatus: String, Sendable, CaseIterable {
    /// Waiting for (another) delivery attempt.
    case pending
    /// Delivered, not yet acknowledged.
    case sent
    case acknowledged
    /// Given up: a permanent refusal, or too many attempts. `last_error` says why.
    case failed
    /// Not acknowledged by its deadline: the escalation recipient was told.
    case escalated
}

/// A notification to write to the outbox.
public struct OutboxItem: Sendable {
    public var key: String
    public var event: String?
    public var recipient: String
    public var channel: String
    public var target: String
    public var rule: String
    public var unit: String?
    public var priority: String?
    /// The notification record (kind "notification"); the outbox adds id, status and times.
    public var payload: JSONObject
    public var deadlineSeconds: Int
    public var exercise: Bool

    public init(key: String, event: String?, recipient: String, channel: String, target: String, rule: String,
                unit: String?, priority: String?, payload: JSONObject, deadlineSeconds: Int, exercise: Bool)
    {
        self.key = key
        self.event = event
        self.recipient = recipient
        self.channel = channel
        self.target = target
        self.rule = rule
        self.unit = unit
        self.priority = priority
        self.payload = payload
        self.deadlineSeconds = deadlineSeconds
        self.exercise = exercise
    }
}

/// One row of the outbox, as read back.
public struct OutboxEntry: Sendable, Equatable {
    public var id: Int64
    public var key: String
    public var event: String?
    public var recipient: String
    public var channel: String
    public var target: String
    public var rule: String
    public var unit: String?
    public var priority: String?
    public var payload: JSONObject
    public var status: OutboxStatus
    public var attempts: Int
    public var queuedAt: Int64
    public var nextAttemptAt: Int64
    public var deadlineAt: Int64
    public var sentAt: Int64?
    public var lastError: String?
    public var acknowledgedAt: Int64?
    public var acknowledgedBy: String?
    public var escalatedAt: Int64?
    public var escalatedTo: String?
    public var escalationOf: Int64?
    public var operatorName: String
    public var exercise: Bool

    /// How operators name it: `N-42`.
    public var displayID: String { "N-\(id)" }

    /// The notification record with the outbox's view of it: id, status, attempts, times,
    /// age and time left to the deadline at `now`.
    public func record(now: Int64) -> JSONObject {
        var o = payload
        if o["kind"] == nil { o["kind"] = "notification" }
        o["id"] = .string(displayID)
        o["status"] = .string(status.rawValue)
        o["attempts"] = .int(attempts)
        o["queued_at"] = .string(StoreTime.format(queuedAt))
        o["deadline_at"] = .string(StoreTime.format(deadlineAt))
        o["age_s"] = .int((now - queuedAt) / 1000)
        o["overdue"] = .bool(status != .acknowledged && now > deadlineAt)
        if status == .pending, attempts > 0 { o["next_attempt_at"] = .string(StoreTime.format(nextAttemptAt)) }
        if let sentAt { o["sent_at"] = .string(StoreTime.format(sentAt)) }
        if let lastError { o["last_error"] = .string(lastError) }
        if let acknowledgedAt { o["acknowledged_at"] = .string(StoreTime.format(acknowledgedAt)) }
        if let acknowledgedBy { o["acknowledged_by"] = .string(acknowledgedBy) }
        if let escalatedAt { o["escalated_at"] = .string(StoreTime.format(escalatedAt)) }
        if escalatedAt != nil { o["escalated_to"] = .optional(escalatedTo) }
        if let escalationOf { o["escalation_of_id"] = .string("N-\(escalationOf)") }
        return o
    }
}

/// When to try again after a failed attempt: exponential backoff with jitter, capped, and a
/// number of attempts after which the notification is given up (with its last error).
public struct RetryPolicy: Sendable {
    public var baseMillis: Int64
    public var capMillis: Int64
    public var maxAttempts: Int

    /// 2 s, 4 s, 8 s … capped at 5 minutes, given up after 200 attempts (more than 15 hours):
    /// a receiver down for an hour loses nothing.
    public init(baseMillis: Int64 = 2_000, capMillis: Int64 = 300_000, maxAttempts: Int = 200) {
        self.baseMillis = baseMillis
        self.capMillis = capMillis
        self.maxAttempts = maxAttempts
    }

    /// The delay after attempt `attempt` (1-based): between half and all of base·2^(attempt-1),
    /// capped ("equal jitter", so retries from many deliverers spread out). `random` is in [0, 1).
    public func delay(afterAttempt attempt: Int, random: Double) -> Int64 {
        let exponent = min(max(attempt - 1, 0), 30)
        let full = min(capMillis, baseMillis << Int64(exponent))
        return full / 2 + Int64(Double(full / 2) * min(max(random, 0), 1))
    }
}

/// What a delivery attempt came to.
public enum DeliveryResult: Sendable, Equatable {
    /// Delivered; `acknowledgedBy` when the receiver's reply acknowledged it.
    case delivered(acknowledgedBy: String?)
    /// Not delivered, worth trying again (5xx, timeout, receiver down).
    case retry(String)
    /// Refused for good (4xx, bad target): given up with the reason.
    case failed(String)
}

extension Store {
    static let outboxColumns = """
        id, idempotency_key, event_number, recipient, channel, target, rule, unit, priority, payload, status, attempts,
        queued_at, next_attempt_at, deadline_at, sent_at, last_error, acknowledged_at, acknowledged_by, escalated_at,
        escalated_to, escalation_of, operator, exercise
        """

    static func outboxEntry(_ row: Row) -> OutboxEntry {
        let payloadText: String = row["payload"]
        let payload = (try? JSONParser.parse(payloadText))?.objectValue ?? JSONObject()
        return OutboxEntry(
            id: row["id"], key: row["idempotency_key"], event: row["event_number"], recipient: row["recipient"],
            channel: row["channel"], target: row["target"], rule: row["rule"], unit: row["unit"], priority: row["priority"],
            payload: payload, status: OutboxStatus(rawValue: row["status"]) ?? .pending, attempts: row["attempts"],
            queuedAt: row["queued_at"], nextAttemptAt: row["next_attempt_at"], deadlineAt: row["deadline_at"],
            sentAt: row["sent_at"], lastError: row["last_error"], acknowledgedAt: row["acknowledged_at"],
            acknowledgedBy: row["acknowledged_by"], escalatedAt: row["escalated_at"], escalatedTo: row["escalated_to"],
            escalationOf: row["escalation_of"], operatorName: row["operator"], exercise: row["exercise"])
    }

    /// Writes `items` to the outbox in one transaction, each with its `notification.queued`
    /// journal row. Items whose key is already there are skipped (re-reading input re-queues
    /// nothing). Returns the rows written, in order.
    @discardableResult
    public func queueNotifications(_ items: [OutboxItem], at now: Int64, operator op: String) throws -> [OutboxEntry] {
        try write { db in try Store.queue(db, items, at: now, operator: op, escalationOf: nil) }
    }

    static let queueSQL = """
        INSERT INTO notification (idempotency_key, event_number, recipient, channel, target, rule, unit, priority,
            payload, status, attempts, queued_at, next_attempt_at, deadline_at, escalation_of, operator, exercise)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (idempotency_key) DO NOTHING
        """

    static func queue(_ db: Database, _ items: [OutboxItem], at now: Int64, operator op: String, escalationOf: Int64?) throws -> [OutboxEntry] {
        // Bound through the C API (RawStatement): GRDB's argument arrays dominated queueing.
        let insert = try RawStatement(db, queueSQL)
        var written: [OutboxEntry] = []
        written.reserveCapacity(items.count)
        var sink = ByteSink(capacity: 4096)
        for item in items {
            sink.removeAll()
            JSONWriter.write(.object(item.payload), to: &sink)
            let deadline = now + Int64(item.deadlineSeconds) * 1000
            insert.bind(1, item.key)
            insert.bind(2, item.event)
            insert.bind(3, item.recipient)
            insert.bind(4, item.channel)
            insert.bind(5, item.target)
            insert.bind(6, item.rule)
            insert.bind(7, item.unit)
            insert.bind(8, item.priority)
            insert.bind(9, text: sink.bytes)
            insert.bind(10, now)
            insert.bind(11, now)
            insert.bind(12, deadline)
            insert.bind(13, escalationOf)
            insert.bind(14, op)
            insert.bind(15, item.exercise)
            try insert.run()
            guard db.lastChanges > 0 else { continue }
            let id = db.rawLastInsertedRowID
            let entry = OutboxEntry(
                id: id, key: item.key, event: item.event, recipient: item.recipient, channel: item.channel,
                target: item.target, rule: item.rule, unit: item.unit, priority: item.priority, payload: item.payload,
                status: .pending, attempts: 0, queuedAt: now, nextAttemptAt: now, deadlineAt: deadline, sentAt: nil,
                lastError: nil, acknowledgedAt: nil, acknowledgedBy: nil, escalatedAt: nil, escalatedTo: nil,
                escalationOf: escalationOf, operatorName: op, exercise: item.exercise)
            var journal: JSONObject = [
                "id": .string(entry.displayID), "key": .string(item.key), "event_id": .optional(item.event),
                "recipient": .string(item.recipient), "channel": .string(item.channel), "rule": .string(item.rule),
            ]
            if let unit = item.unit { journal["unit"] = .string(unit) }
            journal["deadline_at"] = .string(StoreTime.format(deadline))
            try Journal.append(db, at: now, operator: op, kind: "notification.queued", subject: entry.displayID,
                               payload: .object(journal), exercise: item.exercise)
            written.append(entry)
        }
        return written
    }

    /// Takes up to `limit` notifications due for delivery and leases them for `leaseMillis`, so
    /// two deliverers never send the same one at once and a deliverer that dies mid-send leaves
    /// them to the next once the lease has passed. Counts the attempt.
    public func claimDueNotifications(now: Int64, limit: Int = 100, leaseMillis: Int64 = 60_000) throws -> [OutboxEntry] {
        try write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(Store.outboxColumns) FROM notification
                WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
                ORDER BY next_attempt_at, id LIMIT ?
                """, arguments: [now, now, limit])
            let claim = try db.cachedStatement(sql: "UPDATE notification SET claimed_until = ?, attempts = attempts + 1 WHERE id = ?")
            return try rows.map { row in
                var entry = Store.outboxEntry(row)
                try claim.execute(arguments: [now + leaseMillis, entry.id])
                entry.attempts += 1
                return entry
            }
        }
    }

    /// Records what a delivery attempt came to, with its journal row: `notification.sent`
    /// (and `notification.acknowledged` when the reply acknowledged it), `notification.retry`
    /// with the next attempt's time, or `notification.failed` with the reason.
    @discardableResult
    public func recordDelivery(id: Int64, result: DeliveryResult, at now: Int64, operator op: String,
                               retry: RetryPolicy = RetryPolicy(), random: Double = Double.random(in: 0..<1)) throws -> OutboxEntry
    {
        try write { db in
            guard var entry = try Store.fetchEntry(db, id: id) else { throw StoreError.notFound(what: "notification N-\(id)") }
            let subject = entry.displayID
            let base: JSONObject = ["id": .string(subject), "key": .string(entry.key), "recipient": .string(entry.recipient),
                                    "channel": .string(entry.channel), "attempt": .int(entry.attempts)]
            switch result {
            case .delivered(let ackBy):
                let status = entry.status == .pending ? OutboxStatus.sent : entry.status
                try db.execute(sql: """
                    UPDATE notification SET status = ?, sent_at = ?, claimed_until = NULL, last_error = NULL WHERE id = ?
                    """, arguments: [status.rawValue, now, id])
                try Journal.append(db, at: now, operator: op, kind: "notification.sent", subject: subject,
                                   payload: .object(base), exercise: entry.exercise)
                if let ackBy, entry.status != .acknowledged {
                    entry.status = status
                    _ = try Store.acknowledge(db, entry, by: ackBy, via: "reply", at: now, operator: op)
                }
            case .retry(let reason):
                guard entry.status == .pending else { break }
                if entry.attempts >= retry.maxAttempts {
                    try Store.giveUp(db, entry, reason: "\(reason) (gave up after \(entry.attempts) attempts)", base: base, at: now, operator: op)
                } else {
                    let next = now + retry.delay(afterAttempt: entry.attempts, random: random)
                    try db.execute(sql: """
                        UPDATE notification SET next_attempt_at = ?, claimed_until = NULL, last_error = ? WHERE id = ?
                        """, arguments: [next, reason, id])
                    var payload = base
                    payload["error"] = .string(reason)
                    payload["next_attempt_at"] = .string(StoreTime.format(next))
                    try Journal.append(db, at: now, operator: op, kind: "notification.retry", subject: subject,
                                       payload: .object(payload), exercise: entry.exercise)
                }
            case .failed(let reason):
                guard entry.status == .pending else { break }
                try Store.giveUp(db, entry, reason: reason, base: base, at: now, operator: op)
            }
            return try Store.fetchEntry(db, id: id)!
        }
    }

    private static func giveUp(_ db: Database, _ entry: OutboxEntry, reason: String, base: JSONObject, at now: Int64, operator op: String) throws {
        try db.execute(sql: """
            UPDATE notification SET status = 'failed', claimed_until = NULL, last_error = ? WHERE id = ?
            """, arguments: [reason, entry.id])
        var payload = base
        payload["error"] = .string(reason)
        try Journal.append(db, at: now, operator: op, kind: "notification.failed", subject: entry.displayID,
                           payload: .object(payload), exercise: entry.exercise)
    }

    /// Acknowledges a notification named `N-42`, `42` or by its idempotency key, with its
    /// `notification.acknowledged` journal row; a unit's acknowledgement moves the unit ALERTED →
    /// ACKNOWLEDGED in the same transaction. Returns the entry and whether it changed (an
    /// acknowledged notification stays as it was).
    public func acknowledgeNotification(_ reference: String, by who: String, at now: Int64, operator op: String) throws -> (entry: OutboxEntry, changed: Bool) {
        try write { db in
            guard let entry = try Store.findEntry(db, reference) else { throw StoreError.notFound(what: "notification \(reference)") }
            if entry.status == .acknowledged { return (entry, false) }
            try Store.acknowledge(db, entry, by: who, via: "operator", at: now, operator: op)
            return (try Store.fetchEntry(db, id: entry.id)!, true)
        }
    }

    @discardableResult
    static func acknowledge(_ db: Database, _ entry: OutboxEntry, by who: String, via: String, at now: Int64, operator op: String) throws -> Bool {
        try db.execute(sql: """
            UPDATE notification SET status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ? WHERE id = ?
            """, arguments: [now, who, entry.id])
        var payload: JSONObject = ["id": .string(entry.displayID), "key": .string(entry.key),
                                   "recipient": .string(entry.recipient), "by": .string(who), "via": .string(via),
                                   "after_s": .double(Double(now - entry.queuedAt) / 1000, places: 3)]
        if let unit = entry.unit { payload["unit"] = .string(unit) }
        try Journal.append(db, at: now, operator: op, kind: "notification.acknowledged", subject: entry.displayID,
                           payload: .object(payload), exercise: entry.exercise)
        if let unit = entry.unit {
            try UnitAcknowledgement.apply(db, unit: unit, notification: entry.displayID, event: entry.event, at: now, operator: op, exercise: entry.exercise)
        }
        return true
    }

    /// Every notification not acknowledged (pending, sent, failed, escalated), earliest deadline first.
    public func unacknowledgedNotifications(limit: Int = 10_000) throws -> [OutboxEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Store.outboxColumns) FROM notification WHERE status != 'acknowledged'
                ORDER BY deadline_at, id LIMIT ?
                """, arguments: [limit]).map(Store.outboxEntry)
        }
    }

    /// Pending or sent notifications past their deadline and not yet escalated.
    public func overdueNotifications(now: Int64) throws -> [OutboxEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Store.outboxColumns) FROM notification
                WHERE status IN ('pending', 'sent') AND escalated_at IS NULL AND deadline_at <= ?
                ORDER BY deadline_at, id
                """, arguments: [now]).map(Store.outboxEntry)
        }
    }

    /// Escalates an overdue notification in one transaction: marks it escalated (to `recipient`,
    /// nil when nobody is above it), queues `items` for the escalation recipient and appends
    /// `notification.escalated`. Does nothing (returns nil) when it was acknowledged or escalated
    /// meanwhile.
    public func escalateNotification(id: Int64, to recipient: String?, items: [OutboxItem], at now: Int64, operator op: String) throws -> [OutboxEntry]? {
        try write { db in
            guard let entry = try Store.fetchEntry(db, id: id), entry.status == .pending || entry.status == .sent,
                entry.escalatedAt == nil
            else { return nil }
            // A pending one keeps being delivered; only a sent one changes status.
            let status = entry.status == .sent ? "escalated" : "pending"
            try db.execute(sql: """
                UPDATE notification SET status = ?, escalated_at = ?, escalated_to = ? WHERE id = ?
                """, arguments: [status, now, recipient, id])
            let queued = try Store.queue(db, items, at: now, operator: op, escalationOf: id)
            let payload: JSONObject = [
                "id": .string(entry.displayID), "key": .string(entry.key), "recipient": .string(entry.recipient),
                "to": .optional(recipient), "notifications": .strings(queued.map(\.displayID)),
                "overdue_s": .int((now - entry.deadlineAt) / 1000),
                "reason": .string(recipient == nil ? "not acknowledged by the deadline; no escalation recipient" : "not acknowledged by the deadline"),
            ]
            try Journal.append(db, at: now, operator: op, kind: "notification.escalated", subject: entry.displayID,
                               payload: .object(payload), exercise: entry.exercise)
            return queued
        }
    }

    /// A notification named `N-42`, `42` or by its idempotency key.
    public func notification(_ reference: String) throws -> OutboxEntry? {
        try read { db in try Store.findEntry(db, reference) }
    }

    /// Every notification of an event, oldest first.
    public func notifications(event: String) throws -> [OutboxEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT \(Store.outboxColumns) FROM notification WHERE event_number = ? ORDER BY id",
                             arguments: [event]).map(Store.outboxEntry)
        }
    }

    static func fetchEntry(_ db: Database, id: Int64) throws -> OutboxEntry? {
        try Row.fetchOne(db, sql: "SELECT \(outboxColumns) FROM notification WHERE id = ?", arguments: [id]).map(outboxEntry)
    }

    static func findEntry(_ db: Database, _ reference: String) throws -> OutboxEntry? {
        var digits = Substring(reference)
        if digits.hasPrefix("N-") || digits.hasPrefix("n-") { digits = digits.dropFirst(2) }
        if let id = Int64(digits), let entry = try fetchEntry(db, id: id) { return entry }
        return try Row.fetchOne(db, sql: "SELECT \(outboxColumns) FROM notification WHERE idempotency_key = ?",
                                arguments: [reference]).map(outboxEntry)
    }
}
