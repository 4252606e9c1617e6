import CCASCore
import Foundation

/// Builds the report records: volumes by nature, priority and channel; for each indicator,
/// count, p50, p90, p95 and compliance, overall and per priority; unit utilisation.
///
/// Indicators (seconds):
/// - answer: call received → answered, per event (its first call);
/// - processing: answered → first unit alerted, per event;
/// - turnout: alerted → en route, per unit and call;
/// - travel: en route → on scene of the first unit on scene, per event;
/// - response: received → first unit on scene, per event.
public struct ReportBuilder: Sendable {
    public var indicators: Indicators
    public init(indicators: Indicators = .default) { self.indicators = indicators }

    public func build(events: [EventTimes], units: [UnitTimes], since: Int64?, until: Int64?) -> [JSONObject] {
        build(ReportSamples(events: events, units: units), since: since, until: until)
    }

    public func build(_ samples: ReportSamples, since: Int64?, until: Int64?) -> [JSONObject] {
        var records: [JSONObject] = []
        let missing = ReportSamples.missing
        let priorities = samples.priorities.names
        // One pass over the events fills every count and sample, indexed by the samples' name ids.
        var natureCount = [Int](repeating: 0, count: samples.natures.count)
        var priorityCount = [Int](repeating: 0, count: priorities.count)
        var channelCount = [Int](repeating: 0, count: samples.channels.count)
        enum PerEvent: Int, CaseIterable { case answer, processing, travel, response }
        var overall = Array(repeating: SampleGroup(), count: PerEvent.allCases.count)
        var byPriority = Array(repeating: Array(repeating: SampleGroup(), count: priorities.count), count: PerEvent.allCases.count)
        for i in overall.indices { overall[i].ms.reserveCapacity(samples.events.count) }
        func add(_ indicator: PerEvent, _ priority: Int, _ ms: Int64, _ target: Double) {
            overall[indicator.rawValue].add(ms: ms, target: target)
            byPriority[indicator.rawValue][priority].add(ms: ms, target: target)
        }
        let responseTargets = priorities.map { indicators.responseTarget($0) }
        var firstReceived = Int64.max
        for e in samples.events {
            firstReceived = min(firstReceived, e.receivedAt)
            natureCount[Int(e.nature)] += 1
            channelCount[Int(e.channel)] += 1
            let p = Int(e.priority)
            priorityCount[p] += 1
            if e.answeredAt != missing {
                add(.answer, p, e.answeredAt - e.receivedAt, indicators.answerTargetS)
                if e.firstAlertedAt != missing { add(.processing, p, e.firstAlertedAt - e.answeredAt, indicators.processingTargetS) }
            }
            if e.firstOnSceneAt != missing {
                if e.firstOnSceneEnRouteAt != missing { add(.travel, p, e.firstOnSceneAt - e.firstOnSceneEnRouteAt, indicators.travelTargetS) }
                add(.response, p, e.firstOnSceneAt - e.receivedAt, responseTargets[p])
            }
        }

        // Volumes: names of events counted (a name may come from an uncounted row only).
        records.append(volume("all", samples.events.count))
        for (key, names, counts) in [("nature", samples.natures.names, natureCount), ("priority", priorities, priorityCount),
                                     ("channel", samples.channels.names, channelCount)] {
            for i in names.indices.sorted(by: { names[$0] < names[$1] }) where counts[i] > 0 {
                records.append(volume("\(key):\(names[i])", counts[i]))
            }
        }

        func groups(_ overall: SampleGroup, _ split: [(prefix: String, names: [String], groups: [SampleGroup])]) -> [(String, SampleGroup)] {
            var named: [(String, SampleGroup)] = []
            for part in split {
                for (i, g) in part.groups.enumerated() where g.count > 0 { named.append(("\(part.prefix):\(part.names[i])", g)) }
            }
            return [("all", overall)] + named.sorted { $0.0 < $1.0 }
        }
        func perEvent(_ indicator: PerEvent) -> [(String, SampleGroup)] {
            groups(overall[indicator.rawValue], [("priority", priorities, byPriority[indicator.rawValue])])
        }

        // Turnout, per unit and call; the rows also feed utilisation.
        let typeKind = samples.unitTypes.names.map { indicators.unitKind($0) == "ems" ? 0 : 1 }
        let typeTarget = samples.unitTypes.names.map { indicators.turnoutTarget($0) }
        var turnout = SampleGroup(), turnoutByKind = [SampleGroup(), SampleGroup()]
        var turnoutByPriority = Array(repeating: SampleGroup(), count: priorities.count)
        turnout.ms.reserveCapacity(samples.engagements.count)
        var lastEnd = Int64.min
        for u in samples.engagements {
            let end = u.availableAt != missing ? u.availableAt : u.onSceneAt
            if end != missing { lastEnd = max(lastEnd, end) }
            guard u.alertedAt != missing, u.enRouteAt != missing else { continue }
            let t = Int(u.unitType)
            let ms = u.enRouteAt - u.alertedAt, target = typeTarget[t]
            turnout.add(ms: ms, target: target)
            turnoutByPriority[Int(u.priority)].add(ms: ms, target: target)
            turnoutByKind[typeKind[t]].add(ms: ms, target: target)
        }

        var lines: [(indicator: String, group: String, samples: SampleGroup)] = []
        for (indicator, named) in [("answer", perEvent(.answer)), ("processing", perEvent(.processing)),
                                   ("turnout", groups(turnout, [("priority", priorities, turnoutByPriority),
                                                                ("unit_kind", ["ems", "fire"], turnoutByKind)])),
                                   ("travel", perEvent(.travel)), ("response", perEvent(.response))] {
            for (group, samples) in named { lines.append((indicator, group, samples)) }
        }
        // Each line's percentiles select over its own samples: the lines share the processors.
        let summaries = ReportLines(count: lines.count), all = lines
        DispatchQueue.concurrentPerform(iterations: all.count) { i in
            summaries.set(i, summary(all[i].indicator, all[i].group, all[i].samples))
        }
        records += summaries.values

        // Utilisation: time from alerted to available, over the period. Busy times add up in
        // milliseconds, exactly, whatever the order the rows came in.
        let start = since ?? (samples.events.isEmpty ? 0 : firstReceived)
        let end = until ?? (lastEnd == .min ? start : lastEnd)
        let period = Double(max(end - start, 1)) / 1000
        let unitNames = samples.units.names
        var busyMs = [Int64](repeating: 0, count: unitNames.count), engagements = [Int](repeating: 0, count: unitNames.count)
        for u in samples.engagements where u.alertedAt != missing {
            let i = Int(u.unit)
            busyMs[i] += max(0, (u.availableAt != missing ? u.availableAt : end) - u.alertedAt)
            engagements[i] += 1
        }
        let order = unitNames.indices.filter { engagements[$0] > 0 }.sorted { unitNames[$0] < unitNames[$1] }
        let total = Double(order.reduce(Int64(0)) { $0 + busyMs[$1] }) / 1000
        let busyUnits = order.count
        records.append(["kind": "report", "v": 1, "indicator": "utilisation", "group": "all", "units": .int(busyUnits),
                        "busy_s": .double(total, places: 1), "period_s": .double(period, places: 1),
                        "ratio": .double(busyUnits == 0 ? 0 : total / (period * Double(busyUnits)), places: 4)])
        for i in order {
            let busy = Double(busyMs[i]) / 1000
            records.append(["kind": "report", "v": 1, "indicator": "utilisation", "group": .string("unit:\(unitNames[i])"),
                            "engagements": .int(engagements[i]), "busy_s": .double(busy, places: 1),
                            "ratio": .double(busy / period, places: 4)])
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
        let n = samples.count
        let ps = samples.percentiles([50, 90, 95]).map { p in p.map { JSON.double($0, places: 3) } ?? .null }
        return ["kind": "report", "v": 1, "indicator": .string(name), "group": .string(group), "count": .int(n),
                "p50_s": ps[0], "p90_s": ps[1], "p95_s": ps[2],
                "target_s": samples.targets.count == 1 ? .double(samples.targets[0]) : .null,
                "compliance": n == 0 ? .null : .double(Double(samples.met) / Double(n), places: 4)]
    }
}

/// The summary lines of a report, each written by the thread that computed it.
private final class ReportLines: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [JSONObject]
    init(count: Int) { values = Array(repeating: [:], count: count) }
    func set(_ i: Int, _ value: JSONObject) {
        lock.lock()
        values[i] = value
        lock.unlock()
    }
}
