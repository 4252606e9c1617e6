import CCASCore

/// Builds the report records: volumes by nature, priority and channel; for each indicator,
/// count, p50, p90, p95 and compliance, overall and per priority; unit utilisation.
///
/// Indicators (seconds):
/// - answer: call received → answered, per event (its first call);
/// - processing: answered → first unit alerted, per event;
/// - turnout: alerted → en route, per unit and call;
/// - travel: en route → on scene of the first unit on scene, per event;
/// - response: received → first unit on scene, per event.
public struct ReportBuilder {
    public var indicators: Indicators
    public init(indicators: Indicators = .default) { self.indicators = indicators }

    public func build(events: [EventTimes], units: [UnitTimes], since: Int64?, until: Int64?) -> [JSONObject] {
        var records: [JSONObject] = []
        // Group keys as small integers; one pass over the events fills every count and sample.
        var natures = Interner(), priorities = Interner(), channels = Interner()
        var natureCount: [Int] = [], priorityCount: [Int] = [], channelCount: [Int] = []
        func count(_ counts: inout [Int], _ i: Int) {
            if i == counts.count { counts.append(0) }
            counts[i] += 1
        }
        enum PerEvent: Int, CaseIterable { case answer, processing, travel, response }
        var overall = Array(repeating: SampleGroup(), count: PerEvent.allCases.count)
        var byPriority: [[SampleGroup]] = Array(repeating: [], count: PerEvent.allCases.count)
        for i in overall.indices { overall[i].seconds.reserveCapacity(events.count) }
        func add(_ indicator: PerEvent, _ priority: Int, _ ms: Int64, _ target: Double) {
            let s = Double(ms) / 1000
            overall[indicator.rawValue].add(s, target: target)
            while priority >= byPriority[indicator.rawValue].count { byPriority[indicator.rawValue].append(SampleGroup()) }
            byPriority[indicator.rawValue][priority].add(s, target: target)
        }
        var responseTargets: [Double] = []
        var firstReceived = Int64.max
        for e in events {
            firstReceived = min(firstReceived, e.receivedAt)
            count(&natureCount, natures.id(e.nature ?? "unclassified"))
            count(&channelCount, channels.id(e.channel ?? "unknown"))
            let p = priorities.id(e.priority ?? "none")
            count(&priorityCount, p)
            if p == responseTargets.count { responseTargets.append(indicators.responseTarget(e.priority)) }
            if let a = e.answeredAt {
                add(.answer, p, a - e.receivedAt, indicators.answerTargetS)
                if let f = e.firstAlertedAt { add(.processing, p, f - a, indicators.processingTargetS) }
            }
            if let o = e.firstOnSceneAt {
                if let r = e.firstOnSceneEnRouteAt { add(.travel, p, o - r, indicators.travelTargetS) }
                add(.response, p, o - e.receivedAt, responseTargets[p])
            }
        }

        // Volumes.
        records.append(volume("all", events.count))
        for (key, interner, counts) in [("nature", natures, natureCount), ("priority", priorities, priorityCount),
                                        ("channel", channels, channelCount)] {
            for i in interner.names.indices.sorted(by: { interner.names[$0] < interner.names[$1] }) {
                records.append(volume("\(key):\(interner.names[i])", counts[i]))
            }
        }

        func groups(_ overall: SampleGroup, _ split: [(prefix: String, names: [String], groups: [SampleGroup])]) -> [(String, SampleGroup)] {
            var named: [(String, SampleGroup)] = []
            for part in split {
                for (i, g) in part.groups.enumerated() where !g.seconds.isEmpty { named.append(("\(part.prefix):\(part.names[i])", g)) }
            }
            return [("all", overall)] + named.sorted { $0.0 < $1.0 }
        }
        func perEvent(_ indicator: PerEvent) -> [(String, SampleGroup)] {
            groups(overall[indicator.rawValue], [("priority", priorities.names, byPriority[indicator.rawValue])])
        }

        // Turnout, per unit and call; the rows also feed utilisation.
        var unitNames = Interner(), unitTypes = Interner()
        var typeKind: [Int] = [], typeTarget: [Double] = []  // per unit type: 0 ems, 1 fire
        var turnout = SampleGroup(), turnoutByPriority: [SampleGroup] = [], turnoutByKind = [SampleGroup(), SampleGroup()]
        turnout.seconds.reserveCapacity(units.count)
        var busySeconds: [Double] = [], engagements: [Int] = []
        var lastEnd = Int64.min
        for u in units {
            if let end = u.availableAt ?? u.onSceneAt { lastEnd = max(lastEnd, end) }
            guard let a = u.alertedAt, let r = u.enRouteAt else { continue }
            let t = unitTypes.id(u.unitType ?? "")
            if t == typeKind.count {
                typeKind.append(indicators.unitKind(u.unitType) == "ems" ? 0 : 1)
                typeTarget.append(indicators.turnoutTarget(u.unitType))
            }
            let s = Double(r - a) / 1000, target = typeTarget[t]
            turnout.add(s, target: target)
            let p = priorities.id(u.priority ?? "none")
            while p >= turnoutByPriority.count { turnoutByPriority.append(SampleGroup()) }
            turnoutByPriority[p].add(s, target: target)
            turnoutByKind[typeKind[t]].add(s, target: target)
        }

        for (indicator, named) in [("answer", perEvent(.answer)), ("processing", perEvent(.processing)),
                                   ("turnout", groups(turnout, [("priority", priorities.names, turnoutByPriority),
                                                                ("unit_kind", ["ems", "fire"], turnoutByKind)])),
                                   ("travel", perEvent(.travel)), ("response", perEvent(.response))] {
            for (group, samples) in named { records.append(summary(indicator, group, samples)) }
        }

        // Utilisation: time from alerted to available, over the period.
        let start = since ?? (events.isEmpty ? 0 : firstReceived)
        let end = until ?? (lastEnd == .min ? start : lastEnd)
        let period = Double(max(end - start, 1)) / 1000
        for u in units {
            guard let a = u.alertedAt else { continue }
            let i = unitNames.id(u.unit)
            if i == busySeconds.count { busySeconds.append(0); engagements.append(0) }
            busySeconds[i] += Double(max(0, (u.availableAt ?? end) - a)) / 1000
            engagements[i] += 1
        }
        let order = unitNames.names.indices.sorted { unitNames.names[$0] < unitNames.names[$1] }
        let total = order.reduce(0) { $0 + busySeconds[$1] }
        let busyUnits = busySeconds.count
        records.append(["kind": "report", "v": 1, "indicator": "utilisation", "group": "all", "units": .int(busyUnits),
                        "busy_s": .double(total, places: 1), "period_s": .double(period, places: 1),
                        "ratio": .double(busyUnits == 0 ? 0 : total / (period * Double(busyUnits)), places: 4)])
        for i in order {
            records.append(["kind": "report", "v": 1, "indicator": "utilisation", "group": .string("unit:\(unitNames.names[i])"),
                            "engagements": .int(engagements[i]), "busy_s": .double(busySeconds[i], places: 1),
                            "ratio": .double(busySeconds[i] / period, places: 4)])
        }
        return records
    }

    func volume(_ group: String, _ n: Int) -> JSONObject {
        ["kind": "report", "v": 1, "indicator": "events", "group": .string(group), "count": .int(n)]
    }

    /// One indicator line: `{"kind":"report","indicator":…,"group":…,"count":…,"p50_s":…,"p90_s":…,
    /// "p95_s":…,"target_s":…,"compliance":…}`. `target_s` is null when the group mixes targets.
    func summary(_ name: String, _ group: String, _ samples: SampleGroup) -> JSONObject {
        var samples = samples
        let n = samples.seconds.count
        let ps = samples.percentiles([50, 90, 95]).map { p in p.map { JSON.double($0, places: 3) } ?? .null }
        return ["kind": "report", "v": 1, "indicator": .string(name), "group": .string(group), "count": .int(n),
                "p50_s": ps[0], "p90_s": ps[1], "p95_s": ps[2],
                "target_s": samples.targets.count == 1 ? .double(samples.targets[0]) : .null,
                "compliance": n == 0 ? .null : .double(Double(samples.met) / Double(n), places: 4)]
    }
}
