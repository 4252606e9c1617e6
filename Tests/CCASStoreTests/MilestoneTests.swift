import CCASCore
import Foundation
import GRDB
import Testing

@testable import CCASStore

/// The report's milestones (migration v5, kept by triggers) must say what grouping the whole
/// status log says, whatever the order statuses arrive in, after deletions, and after the
/// migration's backfill of an older store.
@Suite("Report milestones")
struct MilestoneTests {
    let dir = NSTemporaryDirectory() + "ccas-milestones-" + UUID().uuidString

    /// The report's samples as computed before v5: grouping status_log and call per event.
    static func reference(_ db: Database) throws -> (events: [EventTimes], units: [UnitTimes]) {
        var units: [UnitTimes] = []
        var first: [String: (alerted: Int64?, onScene: Int64?, enRoute: Int64?)] = [:]
        for r in try Row.fetchAll(db, sql: """
            SELECT e.number, e.priority, s.unit, max(s.unit_type),
              min(CASE WHEN s.status = 'ALERTED' THEN s.at END), min(CASE WHEN s.status = 'EN_ROUTE' THEN s.at END),
              min(CASE WHEN s.status = 'ON_SCENE' THEN s.at END), min(CASE WHEN s.status = 'AVAILABLE' THEN s.at END)
            FROM event e JOIN status_log s ON s.event_id = e.id WHERE e.exercise = 0 GROUP BY e.id, s.unit, s.call_id
            """) {
            let u = UnitTimes(unit: r[2], unitType: r[3], event: r[0], priority: r[1], alertedAt: r[4], enRouteAt: r[5],
                              onSceneAt: r[6], availableAt: r[7])
            units.append(u)
            var f = first[u.event] ?? (nil, nil, nil)
            if let a = u.alertedAt, a < (f.alerted ?? .max) { f.alerted = a }
            if let o = u.onSceneAt {
                if o < (f.onScene ?? .max) {
                    f.onScene = o
                    f.enRoute = u.enRouteAt
                } else if o == f.onScene, let r = u.enRouteAt, r > (f.enRoute ?? .min) {
                    f.enRoute = r
                }
            }
            first[u.event] = f
        }
        let events = try Row.fetchAll(db, sql: """
            SELECT e.number, e.nature, e.priority, e.status, e.closed_at, min(c.received_at), min(c.answered_at), count(*),
              (SELECT c2.channel FROM call c2 WHERE c2.event_id = e.id ORDER BY c2.received_at LIMIT 1)
            FROM event e JOIN call c ON c.event_id = e.id WHERE e.exercise = 0 GROUP BY e.id ORDER BY e.opened_at
            """).map { r in
            let f = first[r[0] as String]
            return EventTimes(number: r[0], nature: r[1], priority: r[2], status: r[3], channel: r[8], receivedAt: r[5],
                              answeredAt: r[6], firstAlertedAt: f?.alerted, firstOnSceneAt: f?.onScene,
                              firstOnSceneEnRouteAt: f?.enRoute, closedAt: r[4], calls: r[7])
        }
        return (events, units)
    }

    static let callColumns = """
        UPDATE event SET
          calls = (SELECT count(*) FROM call WHERE event_id = event.id),
          first_received_at = (SELECT min(received_at) FROM call WHERE event_id = event.id),
          first_answered_at = (SELECT min(answered_at) FROM call WHERE event_id = event.id),
          first_channel = (SELECT channel FROM call WHERE event_id = event.id ORDER BY received_at, rowid LIMIT 1)
        """

    static func sameUnits(_ a: [UnitTimes], _ b: [UnitTimes]) -> Bool {
        a.map { "\($0)" }.sorted() == b.map { "\($0)" }.sorted()
    }

    /// Events, calls (some events with two, a few without), and statuses in a shuffled order,
    /// with duplicates, ties on scene, and statuses of no event.
    static func fill(_ db: Database, events: Int, seed: UInt64) throws {
        defer {
            // Calls are written by the intake only, which keeps the event's call columns itself
            // (v6, IntakeSchemaTests); here they were inserted directly: set them as it would.
            if (try? db.columns(in: "event").contains { $0.name == "first_channel" }) == true {
                try? db.execute(sql: Self.callColumns)
            }
        }
        var rng = Mix(state: seed)
        let t0: Int64 = 1_767_225_600_000
        for i in 0..<events {
            let opened = t0 + Int64(i) * 60_000
            try db.execute(sql: """
                INSERT INTO event (number, status, opened_at, last_call_at, nature, priority, exercise) VALUES (?, 'OPEN', ?, ?, ?, ?, ?)
                """, arguments: ["2026-\(i)", opened, opened, ["SAP.ACR", "INC.ERP", nil][i % 3], ["P0", "P1", nil][i % 3], i % 17 == 16])
            let id = db.lastInsertedRowID
            for c in 0..<(i % 7 == 6 ? 0 : 1 + i % 2) {
                let received = opened + Int64(rng.next() % 20_000)
                try db.execute(sql: """
                    INSERT INTO call (id, event_id, received_at, answered_at, channel, record, operator) VALUES (?, ?, ?, ?, ?, '{}', 't')
                    """, arguments: ["C\(i)-\(c)", id, received, rng.next() % 5 == 0 ? nil : received + Int64(rng.next() % 30_000),
                                     ["phone", "sms", "ecall"][Int(rng.next() % 3)]])
            }
        }
        var statuses: [IncomingStatus] = []
        for i in 0..<events {
            for u in 0..<Int(rng.next() % 4) {
                var at = t0 + Int64(i) * 60_000 + 30_000
                for status in ["ALERTED", "ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE", "RETURNING", "AVAILABLE"] where rng.next() % 6 != 0 {
                    // Coarse steps so that units reach the scene at the same second now and then.
                    at += Int64(rng.next() % 4) * 30_000
                    statuses.append(IncomingStatus(unit: "U\(u)-\(i % 5)", unitType: rng.next() % 3 == 0 ? nil : ["VSAV", "FPT"][u % 2],
                                                   status: status, at: at, callID: rng.next() % 4 == 0 ? "C\(i)-0" : nil,
                                                   eventNumber: "2026-\(i)"))
                }
            }
        }
        statuses.append(IncomingStatus(unit: "LONE", status: "AVAILABLE", at: t0))
        for i in statuses.indices.reversed() { statuses.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        for s in statuses + statuses.prefix(20) { _ = try Store.logStatus(db, s, operator: "t") }
    }

    @Test("kept by triggers, they equal the status log's aggregates, also after deletions")
    func triggersMatchStatusLog() throws {
        let store = try Store(path: dir + "/ccas.db")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try store.write { try Self.fill($0, events: 300, seed: 7) }
        var samples = try store.reportSamples(since: nil, until: nil, includeExercise: false)
        var expected = try store.read(Self.reference)
        #expect(samples.events.count > 200)
        #expect(samples.events == expected.events)
        #expect(Self.sameUnits(samples.units, expected.units))
        #expect(samples.events.contains { $0.firstOnSceneEnRouteAt != nil })

        // An exercise purge deletes statuses: what they fed is recomputed from what remains.
        try store.write { db in
            try db.execute(sql: "DELETE FROM status_log WHERE id % 5 = 0")
            try db.execute(sql: "DELETE FROM status_log WHERE event_id IN (SELECT id FROM event WHERE exercise = 1)")
            try db.execute(sql: "DELETE FROM call WHERE event_id IN (SELECT id FROM event WHERE exercise = 1)")
            try db.execute(sql: "DELETE FROM event WHERE exercise = 1")
        }
        samples = try store.reportSamples(since: nil, until: nil, includeExercise: false)
        expected = try store.read(Self.reference)
        #expect(samples.events == expected.events)
        #expect(Self.sameUnits(samples.units, expected.units))
        let orphans = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM unit_milestone WHERE event_id NOT IN (SELECT id FROM event)") }
        #expect(orphans == 0)
    }

    @Test("the migration backfills a store written before v5")
    func backfill() throws {
        let path = dir + "/old.db"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        do {
            let pool = try DatabasePool(path: path)
            try Schema.migrator.migrate(pool, upTo: "v4-track")
            try pool.write { try Self.fill($0, events: 200, seed: 11) }
            #expect(try pool.read { try $0.tableExists("unit_milestone") } == false)
        }
        let store = try Store(path: path)
        let samples = try store.reportSamples(since: nil, until: nil, includeExercise: false)
        let expected = try store.read(Self.reference)
        #expect(samples.events.count > 100)
        #expect(samples.events == expected.events)
        #expect(Self.sameUnits(samples.units, expected.units))
    }

    @Test("an operator's status change moves the milestones in its own transaction; a refused one moves nothing")
    func operatorChange() throws {
        let store = try Store(path: dir + "/ccas.db")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try store.write { db in
            try db.execute(sql: "INSERT INTO event (id, number, opened_at, last_call_at) VALUES (1, '2026-000001', 1000, 1000)")
            try db.execute(sql: "INSERT INTO call (id, event_id, received_at, answered_at, channel, record, operator) VALUES ('C1', 1, 1000, 4000, 'phone', '{}', 't')")
            try db.execute(sql: Self.callColumns)  // as the intake keeps them
            try db.execute(sql: """
                INSERT INTO unit (id, type, capabilities, status, status_at, updated_at) VALUES
                  ('VSAV-1', 'VSAV', '[]', 'AVAILABLE', 0, 0), ('FPT-2', 'FPT', '[]', 'AVAILABLE', 0, 0)
                """)
        }
        func change(_ unit: String, _ status: UnitStatus, _ at: Int64) throws {
            _ = try store.changeStatus(StatusChange(unit: unit, status: status, at: at, event: "2026-000001"), operator: "t")
        }
        func event() throws -> Row {
            try store.read { try Row.fetchOne($0, sql: "SELECT calls, first_received_at, first_answered_at, first_channel, first_alerted_at, first_on_scene_at, first_on_scene_en_route_at FROM event")! }
        }
        try change("VSAV-1", .alerted, 10_000)
        try change("FPT-2", .alerted, 12_000)
        try change("FPT-2", .enRoute, 20_000)
        try change("VSAV-1", .enRoute, 30_000)
        #expect(throws: StatusChangeRefusal.self) { try change("FPT-2", .available, 25_000) }  // EN_ROUTE → AVAILABLE is illegal
        var row = try event()
        #expect(row[0] as Int == 1 && row[1] as Int64 == 1000 && row[2] as Int64 == 4000 && row[3] as String == "phone")
        #expect(row[4] as Int64 == 10_000)
        #expect(row[5] as Int64? == nil)
        // Both arrive at the same time: travel is the shorter one (the later departure).
        try change("FPT-2", .onScene, 90_000)
        try change("VSAV-1", .onScene, 90_000)
        row = try event()
        #expect(row[5] as Int64 == 90_000 && row[6] as Int64 == 30_000)
        let samples = try store.reportSamples(since: nil, until: nil, includeExercise: false)
        #expect(samples.units.map(\.unit).sorted() == ["FPT-2", "VSAV-1"])
        #expect(samples.units.first { $0.unit == "FPT-2" }?.availableAt == nil)
        #expect(Self.sameUnits(samples.units, try store.read(Self.reference).units))
    }

    struct Mix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
