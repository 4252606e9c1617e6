import CCASCore
import Foundation
import GRDB
import Testing

@testable import CCASStore

/// The intake queues a transaction's event, call and journal rows and writes them many to a
/// statement: what it stores must be exactly what storing each call in its own transaction
/// stores, whatever reads the queued rows before the end (a touch, an incident key, a duplicate,
/// a unit status).
@Suite("The intake's queued rows")
struct PendingRowsTests {
    let dir = NSTemporaryDirectory() + "ccas-pending-" + UUID().uuidString
    let t: Int64 = 1_795_000_000_000

    /// 150 calls that open events, join them by place, callback number and incident key (events
    /// opened earlier in the same batch), repeat an id of the same batch, carry odd texts.
    func calls() -> [IncomingCall] {
        var out: [IncomingCall] = []
        for i in 0..<150 {
            let at = t + Int64(i) * 20_000
            var lat: Double? = 48.0 + Double(i % 40) * 0.5
            var phone: String? = "+3361234\(String(format: "%04d", i % 60))"
            var key: String?
            var id = "P-\(i)"
            switch i % 10 {
            case 3: lat = 48.0 + Double((i - 1) % 40) * 0.5  // near the call before: proximity
            case 5: phone = "+3361234\(String(format: "%04d", (i - 2) % 60))"; lat = nil  // a callback
            case 7: key = "INC-\(i / 20)"  // an incident key, shared with calls of this batch
            case 9: id = "P-\(i - 4)"  // a duplicate of a call earlier in the batch
            default: break
            }
            let text = i % 11 == 0 ? "l'homme a dit \"'; DROP TABLE call; --\" \\ é\u{1F691}" : "call \(i)"
            out.append(IncomingCall(id: id, receivedAt: at, answeredAt: i % 4 == 0 ? at + 5000 : nil, channel: i % 6 == 0 ? "sms" : "phone",
                                    phone: phone, lat: lat, lon: lat == nil ? nil : 2.0, address: i % 2 == 0 ? "\(i) rue de la Paix" : nil,
                                    text: text, correlationKey: key, record: ["id": .string(id), "text": .string(text)],
                                    exercise: i % 13 == 0))
        }
        return out
    }

    func tables(_ store: Store) throws -> [String] {
        try store.read { db in
            try [
                "SELECT * FROM call ORDER BY rowid",
                "SELECT * FROM event ORDER BY id",
                "SELECT seq, operator, kind, subject, payload, exercise FROM journal ORDER BY seq",
                "SELECT * FROM event_counter ORDER BY year",
            ].map { sql in
                try Row.fetchAll(db, sql: sql).map(\.description).joined(separator: "\n")
            }
        }
    }

    @Test("one batch stores what one transaction a call stores, row for row")
    func batchEqualsOneByOne() throws {
        let batch = try Store(path: dir + "/batch.db")
        let single = try Store(path: dir + "/single.db")
        let input = calls()
        let together = try batch.intake(input, operator: "op")
        let apart = try input.flatMap { try single.intake([$0], operator: "op") }
        #expect(together == apart)
        #expect(together.filter(\.duplicate).count == 15)
        #expect(Set(together.map { $0.correlation["rule"]?.stringValue ?? "" })
            == ["new_event", "proximity", "callback_number", "incident_key"])
        let (a, b) = (try tables(batch), try tables(single))
        for k in a.indices { #expect(a[k] == b[k]) }
        #expect(try batch.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM call") } == 135)
        #expect(try batch.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)
    }

    @Test("a unit status between calls is journaled between them, and finds the call before it")
    func statusBetweenCalls() throws {
        let store = try Store(path: dir + "/status.db")
        let c = calls()
        let results = try store.intake([
            .call(c[0]),
            .status(IncomingStatus(unit: "VSAV1", status: "ALERTED", at: t + 60_000, callID: c[0].id)),
            .call(c[1]),
        ], operator: "op")
        #expect(results[1] == .status(event: EventNumber.format(year: 2026, sequence: 1)))
        let kinds = try store.journal().map { "\($0.kind) \($0.subject)" }
        #expect(kinds == ["event.opened 2026-000001", "call.received P-0", "status.logged VSAV1",
                          "event.opened 2026-000002", "call.received P-1"])
    }

    @Test("the queue's id filter finds every queued id and lets few sequential new ones through")
    func pendingIDsFilter() {
        // Generated and logged ids are often sequential ("GEN-500001", "GEN-500002"): each new id
        // the filter lets through costs a comparison with every queued call (3 % of them did).
        for start in [1, 100_000, 500_000, 900_000] {
            var ids = PendingIDs()
            var through = 0
            for i in start..<(start + 2_000) {
                let h = PendingIDs.hash("GEN-\(i)")
                if ids.mayContain(h) { through += 1 }
                ids.insert(h)
                #expect(ids.mayContain(h))
            }
            #expect(through < 10, "\(through) of 2,000 new ids looked queued (from GEN-\(start))")
        }
    }
}
