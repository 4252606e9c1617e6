import CCASCore
import Foundation
import GRDB
import Testing

@testable import CCASStore

@Suite("The store")
struct StoreTests {
    let dir = NSTemporaryDirectory() + "ccas-store-" + UUID().uuidString

    func open() throws -> Store { try Store(path: dir + "/sub/ccas.db") }

    func call(_ id: String, at ms: Int64, lat: Double? = nil, lon: Double? = nil, phone: String? = nil, key: String? = nil) -> IncomingCall {
        IncomingCall(id: id, receivedAt: ms, channel: "phone", phone: phone, lat: lat, lon: lon, correlationKey: key,
                     record: ["id": .string(id)])
    }

    @Test("creates the file and its folder owner-only, migrates, and opens again")
    func createAndReopen() throws {
        let store = try open()
        #expect(try store.schemaVersion() == ["v1-calls-events-journal", "v2-units-stations-engagements", "v3-notification-outbox", "v4-track", "v5-report-milestones", "v6-intake-lean", "v7-journal-subject-partial"])
        let attrs = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect(attrs[.posixPermissions] as? Int == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: dir + "/sub")
        #expect(folder[.posixPermissions] as? Int == 0o700)
        _ = try open()
        let mode = try store.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let sync = try store.pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        #expect(sync == 2)  // FULL
    }

    @Test("a store written by a newer ccas is refused with a clear message")
    func newerSchema() throws {
        let store = try open()
        try store.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        #expect {
            _ = try open()
        } throws: { error in
            "\(error)".contains("newer ccas")
        }
    }

    @Test("event numbers are per year and gapless, even with writers in other processes' style: many stores on one file")
    func gaplessNumbers() throws {
        let stores = try (0..<4).map { _ in try open() }
        let jan2026: Int64 = 1_767_225_600_000
        DispatchQueue.concurrentPerform(iterations: 4) { k in
            for i in 0..<50 {
                _ = try? stores[k].intake([call("K\(k)-\(i)", at: jan2026 + Int64(k * 1000 + i) * 3_600_000)], operator: "t")
            }
        }
        let numbers = try stores[0].read { try String.fetchAll($0, sql: "SELECT number FROM event ORDER BY number") }
        #expect(numbers.count == 200)
        #expect(numbers == (1...200).map { EventNumber.format(year: 2026, sequence: $0) })
        _ = try stores[0].intake([call("old", at: 1_586_300_000_000)], operator: "t")  // April 2020
        #expect(try stores[0].read { try String.fetchOne($0, sql: "SELECT number FROM event WHERE opened_at < 1600000000000") } == "2020-000001")
    }

    @Test("correlation: incident key, then callback number, then place and time; else a new event")
    func correlation() throws {
        let store = try open()
        let t: Int64 = 1_795_000_000_000
        let out = try store.intake([
            call("A", at: t, lat: 48.8566, lon: 2.3522, phone: "+33600000001"),
            call("B", at: t + 20 * 60_000, lat: 48.8570, lon: 2.3525),  // 50 m, 20 min: joins A
            call("C", at: t + 40 * 60_000, lat: 48.8566, lon: 2.3522),  // 40 min after A, 20 after B: joins (last call B)
            call("D", at: t + 200 * 60_000, lat: 48.8566, lon: 2.3522),  // too late: new
            call("E", at: t + 201 * 60_000, lat: 40.0, lon: 3.0, phone: "+33600000009"),  // new
            call("F", at: t + 209 * 60_000, lat: 10.0, lon: 3.0, phone: "+33600000009"),  // same number 8 min later: E's
            call("G", at: t, key: "INC-1"), call("H", at: t + 999_999_999, key: "INC-1"),
        ], operator: "op")
        let events = out.map(\.eventNumber)
        #expect(events[1] == events[0] && events[2] == events[0])
        #expect(events[3] != events[0])
        #expect(events[5] == events[4])
        #expect(events[7] == events[6])
        #expect(out[1].correlation["rule"]?.stringValue == "proximity")
        #expect(out[5].correlation["rule"]?.stringValue == "callback_number")
        #expect(out[7].correlation["rule"]?.stringValue == "incident_key")
        #expect(out[3].correlation["rule"]?.stringValue == "new_event")
    }

    @Test("a closed event takes no new calls")
    func closedEvent() throws {
        let store = try open()
        let t: Int64 = 1_795_000_000_000
        let a = try store.intake([call("A", at: t, lat: 48.0, lon: 2.0)], operator: "op")
        try store.write { try $0.execute(sql: "UPDATE event SET status = 'CLOSED' WHERE number = ?", arguments: [a[0].eventNumber]) }
        let b = try store.intake([call("B", at: t + 1000, lat: 48.0, lon: 2.0)], operator: "op")
        #expect(b[0].eventNumber != a[0].eventNumber)
    }

    @Test("historical statuses are logged once, attached to their call's event, journaled")
    func statuses() throws {
        let store = try open()
        let t: Int64 = 1_586_300_000_000
        let results = try store.intake([
            .call(call("SF-1", at: t)),
            .status(IncomingStatus(unit: "E32", status: "ALERTED", at: t + 60_000, callID: "SF-1")),
            .status(IncomingStatus(unit: "E32", status: "ALERTED", at: t + 60_000, callID: "SF-1")),
        ], operator: "op")
        #expect(results[1] == .status(event: "2020-000001"))
        #expect(results[2] == .status(event: nil))
        let kinds = try store.journal().map(\.kind)
        #expect(kinds == ["event.opened", "call.received", "status.logged"])
    }

    @Test("a rolled-back batch leaves neither calls nor journal rows")
    func atomicBatch() throws {
        let store = try open()
        let t: Int64 = 1_795_000_000_000
        #expect(throws: (any Error).self) {
            try store.write { db in
                _ = try Store.intakeOne(db, call("X", at: t), policy: .init(), operator: "op")
                throw StoreError.refused("stop")
            }
        }
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM call") } == 0)
        #expect(try store.journal().isEmpty)
    }
}
