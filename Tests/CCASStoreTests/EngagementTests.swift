import CCASCore
import Foundation
import Testing

@testable import CCASStore

@Suite("Engagement")
struct EngagementTests {
    let dir = NSTemporaryDirectory() + "ccas-engage-" + UUID().uuidString

    func setUp() throws -> (Store, [String]) {
        let store = try Store(path: dir + "/ccas.db")
        let outcomes = try store.intake((0..<3).map { i in
            IncomingCall(id: "C\(i)", receivedAt: 1_780_000_000_000 + Int64(i) * 3_600_000, channel: "phone",
                         lat: 51.5 + Double(i), lon: -0.1, record: ["id": .string("C\(i)")])
        }, operator: "t")
        _ = try store.importStations([StationRow(id: "S1", name: "Soho", lat: 51.51, lon: -0.13)], operator: "t")
        let units = ["VSAV-1", "VSAV-2", "FPT-1"].map { UnitRow(id: $0, type: String($0.prefix { $0 != "-" }), station: "S1", capabilities: ["x"]) }
        #expect(try store.importUnits(units, operator: "t").added == 3)
        #expect(try store.importUnits(units, operator: "t").unchanged == 3)
        return (store, outcomes.map(\.eventNumber))
    }

    @Test("engages in one transaction: unit ALERTED, event DISPATCHED, journal rows; a second engagement is refused")
    func engageAndRefuse() throws {
        let (store, events) = try setUp()
        let pool = TalkgroupPolicy(pool: ["TG-1", "TG-2"], byPriority: false, minUnits: 2)
        let a = try store.engage(event: events[0], requests: [EngagementRequest(unit: "VSAV-1", need: "ems_bls")], talkgroups: pool, operator: "op")
        #expect(a.engaged.map(\.unit) == ["VSAV-1"] && a.refused.isEmpty && a.eventStatus == "DISPATCHED")
        #expect(a.talkgroup == nil)
        #expect(try store.unit("VSAV-1")?.status == .alerted)
        #expect(try store.unit("VSAV-1")?.event == events[0])
        let b = try store.engage(event: events[1], units: ["VSAV-1"], operator: "op2")
        #expect(b.engaged.isEmpty)
        #expect(b.refused == [.init(unit: "VSAV-1", reason: "VSAV-1 is ALERTED on event \(events[0])")])
        // The loser gets the next best unit in the same transaction.
        let c = try store.engage(event: events[1], requests: [EngagementRequest(unit: "VSAV-1", alternates: [("VSAV-1", nil), ("VSAV-2", nil)])],
                                 operator: "op2")
        #expect(c.engaged.map(\.unit) == ["VSAV-2"] && c.engaged[0].replaces == "VSAV-1")
        let kinds = try store.journal().map(\.kind)
        #expect(kinds.filter { $0 == "unit.engaged" }.count == 2 && kinds.filter { $0 == "event.dispatched" }.count == 2)
        #expect(throws: StoreError.self) { try store.engage(event: "1999-000001", units: ["FPT-1"], operator: "x") }
    }

    @Test("talkgroups: one per event, never on two open events, released and reused")
    func talkgroups() throws {
        let (store, events) = try setUp()
        let pool = TalkgroupPolicy(pool: ["TG-1"], byPriority: true, minUnits: 2)
        let a = try store.engage(event: events[0], requests: [EngagementRequest(unit: "VSAV-1")], talkgroups: pool, operator: "op")
        #expect(a.talkgroup == "TG-1")
        let b = try store.engage(event: events[1], requests: [EngagementRequest(unit: "VSAV-2")], talkgroups: pool, operator: "op")
        #expect(b.talkgroup == nil && b.talkgroupProblem != nil)
        #expect(try store.releaseTalkgroup(event: events[0], operator: "op") == "TG-1")
        #expect(try store.allocateTalkgroup(event: events[1], pool: pool.pool, operator: "op") == "TG-1")
        #expect(try store.talkgroup(event: events[0]) == nil)
    }

    @Test("release: the unit is available again and the engagement closed")
    func release() throws {
        let (store, events) = try setUp()
        _ = try store.engage(event: events[0], units: ["FPT-1", "VSAV-1"], operator: "op")
        #expect(try store.engagements(event: events[0]).map(\.unit) == ["FPT-1", "VSAV-1"])
        #expect(try store.release(event: events[0], unit: "FPT-1", reason: "not needed", operator: "op") == .available)
        #expect(try store.engagements(event: events[0]).map(\.unit) == ["VSAV-1"])
        #expect(throws: StoreError.self) { try store.release(event: events[0], unit: "FPT-1", operator: "op") }
        #expect(try store.engage(event: events[1], units: ["FPT-1"], operator: "op").engaged.count == 1)
    }
}
