import CCASCore
import Foundation
import GRDB
import Testing

@testable import CCASStore

@Suite("The notification outbox")
struct OutboxTests {
    let dir = NSTemporaryDirectory() + "ccas-outbox-" + UUID().uuidString

    func open() throws -> Store { try Store(path: dir + "/ccas.db") }

    func item(_ key: String, recipient: String = "supervisor", unit: String? = nil, deadline: Int = 60) -> OutboxItem {
        OutboxItem(key: key, event: "2026-000001", recipient: recipient, channel: "webhook", target: "http://127.0.0.1:1/x",
                   rule: "p0.supervisor", unit: unit, priority: "P0",
                   payload: ["kind": "notification", "v": 1, "key": .string(key), "text": "hello"],
                   deadlineSeconds: deadline, exercise: false)
    }

    func journalKinds(_ store: Store) throws -> [String] { try store.journal().map(\.kind) }

    @Test("queues in one transaction with a journal row each; a key already queued is skipped")
    func queue() throws {
        let store = try open()
        let first = try store.queueNotifications([item("k1"), item("k2")], at: 1_000, operator: "op")
        #expect(first.map(\.displayID) == ["N-1", "N-2"])
        #expect(first[0].deadlineAt == 61_000)
        let again = try store.queueNotifications([item("k1"), item("k3")], at: 2_000, operator: "op")
        #expect(again.map(\.key) == ["k3"])
        #expect(try journalKinds(store) == ["notification.queued", "notification.queued", "notification.queued"])
        let row = try #require(try store.notification("k2"))
        #expect(row.status == .pending && row.payload["text"] == "hello")
        #expect(try store.notification(again[0].displayID)?.key == "k3")
        #expect(try store.notification(String(again[0].id))?.key == "k3")
    }

    @Test("claims what is due once, under a lease; a crashed deliverer's claim comes back after the lease")
    func claim() throws {
        let store = try open()
        try store.queueNotifications([item("k1"), item("k2")], at: 1_000, operator: "op")
        let claimed = try store.claimDueNotifications(now: 1_000, limit: 10, leaseMillis: 5_000)
        #expect(claimed.count == 2 && claimed.allSatisfy { $0.attempts == 1 })
        #expect(try store.claimDueNotifications(now: 2_000).isEmpty)
        // No result recorded (the deliverer died): due again once the lease has passed.
        let back = try store.claimDueNotifications(now: 6_000, leaseMillis: 5_000)
        #expect(back.map(\.key) == ["k1", "k2"] && back[0].attempts == 2)
    }

    @Test("a failed attempt is retried later with exponential backoff and jitter, then given up")
    func retry() throws {
        let store = try open()
        try store.queueNotifications([item("k1")], at: 0, operator: "op")
        let policy = RetryPolicy(baseMillis: 1_000, capMillis: 8_000, maxAttempts: 3)
        var now: Int64 = 0
        var delays: [Int64] = []
        for _ in 1...2 {
            let e = try #require(try store.claimDueNotifications(now: now).first)
            let after = try store.recordDelivery(id: e.id, result: .retry("HTTP 503"), at: now, operator: "op", retry: policy, random: 0.5)
            #expect(after.status == .pending && after.lastError == "HTTP 503")
            delays.append(after.nextAttemptAt - now)
            #expect(try store.claimDueNotifications(now: after.nextAttemptAt - 1).isEmpty)
            now = after.nextAttemptAt
        }
        #expect(delays == [750, 1_500])
        let e = try #require(try store.claimDueNotifications(now: now).first)
        let last = try store.recordDelivery(id: e.id, result: .retry("HTTP 503"), at: now, operator: "op", retry: policy)
        #expect(last.status == .failed && last.lastError?.contains("gave up after 3 attempts") == true)
        #expect(try journalKinds(store) == ["notification.queued", "notification.retry", "notification.retry", "notification.failed"])
        // Jitter stays within [half, full] and the cap holds.
        #expect(policy.delay(afterAttempt: 1, random: 0) == 500 && policy.delay(afterAttempt: 1, random: 0.999) <= 1_000)
        #expect(policy.delay(afterAttempt: 30, random: 0.999) <= 8_000)
    }

    @Test("a refusal fails at once with the reason; a delivery is sent; a reply's ack acknowledges")
    func outcomes() throws {
        let store = try open()
        try store.queueNotifications([item("a"), item("b"), item("c")], at: 0, operator: "op")
        let claimed = try store.claimDueNotifications(now: 0)
        let failed = try store.recordDelivery(id: claimed[0].id, result: .failed("HTTP 400: bad"), at: 10, operator: "op")
        #expect(failed.status == .failed && failed.lastError == "HTTP 400: bad")
        let sent = try store.recordDelivery(id: claimed[1].id, result: .delivered(acknowledgedBy: nil), at: 10, operator: "op")
        #expect(sent.status == .sent && sent.sentAt == 10)
        let acked = try store.recordDelivery(id: claimed[2].id, result: .delivered(acknowledgedBy: "samu-desk"), at: 10, operator: "op")
        #expect(acked.status == .acknowledged && acked.acknowledgedBy == "samu-desk")
        #expect(try journalKinds(store).suffix(4) == ["notification.failed", "notification.sent", "notification.sent", "notification.acknowledged"])
    }

    @Test("ack records who and when; a unit's ack moves the unit ALERTED → ACKNOWLEDGED in the same transaction")
    func acknowledge() throws {
        let store = try open()
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO unit (id, type, station, capabilities, status, status_at, updated_at)
                VALUES ('VSAV-12', 'VSAV', 'CIS Centre', '[]', 'ALERTED', 0, 0)
                """)
        }
        try store.queueNotifications([item("k1", recipient: "station:CIS Centre", unit: "VSAV-12")], at: 0, operator: "op")
        let (entry, changed) = try store.acknowledgeNotification("N-1", by: "CIS Centre", at: 5_000, operator: "op")
        #expect(changed && entry.status == .acknowledged && entry.acknowledgedBy == "CIS Centre" && entry.acknowledgedAt == 5_000)
        let (_, again) = try store.acknowledgeNotification("k1", by: "x", at: 6_000, operator: "op")
        #expect(!again)
        #expect(try store.read { try String.fetchOne($0, sql: "SELECT status FROM unit WHERE id = 'VSAV-12'") } == "ACKNOWLEDGED")
        #expect(try journalKinds(store) == ["notification.queued", "notification.acknowledged", "unit.status"])
        #expect(throws: StoreError.self) { try store.acknowledgeNotification("N-99", by: "x", at: 0, operator: "op") }
        #expect(try store.unacknowledgedNotifications().isEmpty)
    }

    @Test("pending lists the unacknowledged by deadline; escalation marks, queues and journals once")
    func escalate() throws {
        let store = try open()
        try store.queueNotifications([item("k1", deadline: 60), item("k2", deadline: 10)], at: 0, operator: "op")
        #expect(try store.unacknowledgedNotifications().map(\.key) == ["k2", "k1"])
        #expect(try store.overdueNotifications(now: 9_999).isEmpty)
        let overdue = try store.overdueNotifications(now: 10_000)
        #expect(overdue.map(\.key) == ["k2"])
        let claimed = try store.claimDueNotifications(now: 0)
        _ = try store.recordDelivery(id: claimed[1].id, result: .delivered(acknowledgedBy: nil), at: 1, operator: "op")
        let queued = try #require(try store.escalateNotification(
            id: overdue[0].id, to: "duty_officer", items: [item("k2>duty_officer#0", recipient: "duty_officer")], at: 11_000, operator: "op"))
        #expect(queued.count == 1 && queued[0].escalationOf == overdue[0].id)
        let original = try #require(try store.notification("k2"))
        #expect(original.status == .escalated && original.escalatedTo == "duty_officer")
        #expect(try store.escalateNotification(id: overdue[0].id, to: "duty_officer", items: [], at: 12_000, operator: "op") == nil)
        #expect(try store.overdueNotifications(now: 12_000).isEmpty)
        let kinds = try journalKinds(store)
        #expect(kinds.filter { $0 == "notification.escalated" }.count == 1)
        let esc = try #require(try store.journal().first { $0.kind == "notification.escalated" })
        #expect(esc.subject == "N-2" && esc.payload.contains(#""to":"duty_officer""#))
        // The record shows age, deadline and that it is overdue.
        let record = original.record(now: 20_000)
        #expect(record["age_s"] == .int(20) && record["overdue"] == .bool(true) && record["id"] == "N-2")
    }
}
