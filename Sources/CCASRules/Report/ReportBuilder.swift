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

    public struct Sample {
        var seconds: Double
        var target: Double
    }

    public func build(events: [EventTimes], units: [UnitTimes], since: Int64?, until: Int64?) -> [JSONObject] {
        var records: [JSONObject] = []
        // Volumes.
        records.append(volume("all", events.count))
        for (key, pick) in [("nature", { (e: EventTimes) in e.nature ?? "unclassified" }),
                            ("priority", { (e: EventTimes) in e.priority ?? "none" }),
                            ("channel", { (e: EventTimes) in e.channel ?? "unknown" })] as [(String, (EventTimes) -> String)] {
            var counts: [String: Int] = [:]
            for e in events { counts[pick(e), default: 0] += 1 }
            for (value, n) in counts.sorted(by: { $0.key < $1.key }) { records.append(volume("\(key):\(value)", n)) }
        }

        // Per-event indicators, overall and per priority.
        func perEvent(_ name: String, target: (EventTimes) -> Double, _ value: (EventTimes) -> Int64?) {
            var groups: [String: [Sample]] = [:]
            for e in events {
                guard let ms = value(e) else { continue }
                let s = Sample(seconds: Double(ms) / 1000, target: target(e))
                groups["all", default: []].append(s)
                groups["priority:\(e.priority ?? "none")", default: []].append(s)
            }
            records.append(contentsOf: summaries(name, groups, ensureAll: true))
        }
        perEvent("answer", target: { _ in indicators.answerTargetS }) { e in e.answeredAt.map { $0 - e.receivedAt } }
        perEvent("processing", target: { _ in indicators.processingTargetS }) { e in
            guard let a = e.answeredAt, let f = e.firstAlertedAt else { return nil }
            return f - a
        }
        var turnout: [String: [Sample]] = [:]
        for u in units {
            guard let a = u.alertedAt, let r = u.enRouteAt else { continue }
            let s = Sample(seconds: Double(r - a) / 1000, target: indicators.turnoutTarget(u.unitType))
            turnout["all", default: []].append(s)
            turnout["priority:\(u.priority ?? "none")", default: []].append(s)
            turnout["unit_kind:\(indicators.unitKind(u.unitType))", default: []].append(s)
        }
        records.append(contentsOf: summaries("turnout", turnout, ensureAll: true))
        perEvent("travel", target: { _ in indicators.travelTargetS }) { e in
            guard let o = e.firstOnSceneAt, let r = e.firstOnSceneEnRouteAt else { return nil }
            return o - r
        }
        perEvent("response", target: { indicators.responseTarget($0.priority) }) { e in e.firstOnSceneAt.map { $0 - e.receivedAt } }

        // Utilisation: time from alerted to available, over the period.
        let start = since ?? events.map(\.receivedAt).min() ?? 0
        let end = until ?? units.compactMap { $0.availableAt ?? $0.onSceneAt }.max() ?? start
        let period = Double(max(end - start, 1)) / 1000
        var busy: [String: (seconds: Double, engagements: Int)] = [:]
        for u in units {
            guard let a = u.alertedAt else { continue }
            let until = u.availableAt ?? end
            var b = busy[u.unit] ?? (0, 0)
            b.seconds += Double(max(0, until - a)) / 1000
            b.engagements += 1
            busy[u.unit] = b
        }
        let total = busy.values.reduce(0) { $0 + $1.seconds }
        records.append(["kind": "report", "v": 1, "indicator": "utilisation", "group": "all", "units": .int(busy.count),
                        "busy_s": .double(total, places: 1), "period_s": .double(period, places: 1),
                        "ratio": .double(busy.isEmpty ? 0 : total / (period * Double(busy.count)), places: 4)])
        for (unit, b) in busy.sorted(by: { $0.key < $1.key }) {
            records.append(["kind": "report", "v": 1, "indicator": "utilisation", "group": .string("unit:\(unit)"),
                            "engagements": .int(b.engagements), "busy_s": .double(b.seconds, places: 1),
                            "ratio": .double(b.seconds / period, places: 4)])
        }
        return records
    }

    func volume(_ group: String, _ n: Int) -> JSONObject {
        ["kind": "report", "v": 1, "indicator": "events", "group": .string(group), "count": .int(n)]
    }

    func summaries(_ name: String, _ groups: [String: [Sample]], ensureAll: Bool) -> [JSONObject] {
        var groups = groups
        if ensureAll, groups["all"] == nil { groups["all"] = [] }
        return groups.keys.sorted { ($0 == "all" ? "" : $0) < ($1 == "all" ? "" : $1) }.map { summary(name, $0, groups[$0]!) }
    }

    /// One indicator line: `{"kind":"report","indicator":…,"group":…,"count":…,"p50_s":…,"p90_s":…,
    /// "p95_s":…,"target_s":…,"compliance":…}`. `target_s` is null when the group mixes targets.
    func summary(_ name: String, _ group: String, _ samples: [Sample]) -> JSONObject {
        let sorted = samples.map(\.seconds).sorted()
        let targets = Set(samples.map(\.target))
        let met = samples.count { $0.seconds <= $0.target }
        func p(_ q: Double) -> JSON { Percentile.of(sorted, q).map { .double($0, places: 3) } ?? .null }
        return ["kind": "report", "v": 1, "indicator": .string(name), "group": .string(group), "count": .int(samples.count),
                "p50_s": p(50), "p90_s": p(90), "p95_s": p(95),
                "target_s": targets.count == 1 ? .double(targets.first!) : .null,
                "compliance": samples.isEmpty ? .null : .double(Double(met) / Double(samples.count), places: 4)]
    }
}
