import CCASCore
import Testing

@testable import CCASRules

/// The report's percentiles come from counting or selection, not a sort: they must equal
/// `Percentile.of` on the sorted samples, whatever the duplicates, spreads, sizes and order.
@Suite struct ReportBuilderTests {
    @Test(arguments: [1, 2, 3, 17, 18, 100, 1001, 20_000])
    func selectionMatchesSortedPercentiles(n: Int) {
        var state = UInt64(n) &* 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return state >> 33 }
        // Narrow spreads are counted, wide ones selected; some samples are negative.
        for spread in [3, 1000, 1_000_000, 100_000_000] {
            let ms = (0..<n).map { _ in Int64(next() % UInt64(spread)) - (spread > 1000 ? 2000 : 0) }
            let values = ms.map { Double($0) / 1000 }
            var group = SampleGroup()
            for v in ms { group.add(ms: v, target: 0.5) }
            let sorted = values.sorted()
            let expected = [50.0, 90, 95].map { Percentile.of(sorted, $0) }
            #expect(group.percentiles([50, 90, 95]) == expected, "n \(n), spread \(spread)")
            #expect(group.met == values.count { $0 <= 0.5 })
        }
    }

    @Test func emptyGroupHasNoPercentiles() {
        var group = SampleGroup()
        #expect(group.percentiles([50, 90]) == [nil, nil])
    }

    /// Groups by priority and unit kind, "all" first then by name; mixed targets give a null target.
    @Test func groupsAndTargets() {
        let t0: Int64 = 1_000_000
        func event(_ n: Int, _ priority: String?, response: Int64) -> EventTimes {
            EventTimes(number: "E\(n)", nature: "SAP", priority: priority, status: "CLOSED", channel: nil, receivedAt: t0,
                       answeredAt: t0 + 10_000, firstAlertedAt: t0 + 20_000, firstOnSceneAt: t0 + response,
                       firstOnSceneEnRouteAt: t0 + 30_000, closedAt: nil, calls: 1)
        }
        let events = [event(1, "P1", response: 600_000), event(2, "P0", response: 300_000), event(3, nil, response: 1_000_000),
                      event(4, "P1", response: 1_000_000)]
        let units = [UnitTimes(unit: "B", unitType: "VSAV", event: "E1", priority: "P1", alertedAt: t0, enRouteAt: t0 + 70_000,
                               onSceneAt: nil, availableAt: t0 + 100_000),
                     UnitTimes(unit: "A", unitType: "FPT", event: "E2", priority: "P0", alertedAt: t0, enRouteAt: t0 + 70_000,
                               onSceneAt: nil, availableAt: t0 + 200_000)]
        let records = ReportBuilder().build(events: events, units: units, since: nil, until: nil)
        func lines(_ indicator: String) -> [JSONObject] { records.filter { $0["indicator"]?.stringValue == indicator } }
        let response = lines("response")
        #expect(response.map { $0["group"]?.stringValue } == ["all", "priority:P0", "priority:P1", "priority:none"])
        #expect(response[0]["target_s"] == .null)
        #expect(response[2]["target_s"]?.doubleValue == 900)
        #expect(response[2]["compliance"]?.doubleValue == 0.5)
        #expect(response[2]["p50_s"]?.doubleValue == 800)
        let turnout = lines("turnout")
        #expect(turnout.map { $0["group"]?.stringValue } == ["all", "priority:P0", "priority:P1", "unit_kind:ems", "unit_kind:fire"])
        #expect(turnout[3]["compliance"]?.doubleValue == 0)  // 70 s against EMS's 60 s
        #expect(turnout[4]["compliance"]?.doubleValue == 1)  // 70 s against fire's 80 s
        #expect(lines("utilisation").map { $0["group"]?.stringValue } == ["all", "unit:A", "unit:B"])
    }
}
