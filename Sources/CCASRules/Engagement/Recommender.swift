import CCASCore
import Foundation

/// An event to send units to: what the classifier said about it and where it is.
public struct DispatchEvent: Sendable {
    public var id: String
    public var nature: String
    public var priority: Priority
    public var position: Coordinate?
    public var reflex: Bool

    public init(id: String, nature: String, priority: Priority, position: Coordinate?, reflex: Bool = false) {
        self.id = id
        self.nature = nature
        self.priority = priority
        self.position = position
        self.reflex = reflex
    }
}

/// One unit chosen for one need, and why.
public struct Pick: Sendable, Equatable {
    public var unit: String
    public var type: String
    public var station: String?
    public var need: String
    public var distanceM: Int
    public var etaS: Int
    /// closest_by_eta, substitute, only_candidate, operator_choice, next_best_after_race
    public var reason: String
    public var positionStale: Bool
    /// The wanted type or capability when this unit is a substitute.
    public var substituteFor: String?

    public var json: JSON {
        var o: JSONObject = [
            "id": .string(unit), "type": .string(type), "station": .optional(station), "need": .string(need),
            "distance_m": .int(distanceM), "eta_s": .int(etaS), "reason": .string(reason),
            "position_stale": .bool(positionStale),
        ]
        if let substituteFor { o["substitute_for"] = .string(substituteFor) }
        return .object(o)
    }
}

/// A need that could not be filled, and why.
public struct Unmet: Sendable, Equatable {
    public var need: String
    public var count: Int
    /// none_available, beyond_max_eta, no_position, no_event_position
    public var shortfall: String
    /// The soonest unit that was too late, for beyond_max_eta.
    public var nearest: (id: String, etaS: Int)?

    public static func == (a: Unmet, b: Unmet) -> Bool {
        a.need == b.need && a.count == b.count && a.shortfall == b.shortfall && a.nearest?.id == b.nearest?.id
    }

    public var json: JSON {
        var o: JSONObject = ["need": .string(need), "count": .int(count), "shortfall": .string(shortfall)]
        if let nearest { o["nearest"] = ["id": .string(nearest.id), "eta_s": .int(nearest.etaS)] }
        return .object(o)
    }
}

/// A coherence warning: something an operator should look at before (or after) engaging.
public struct CoherenceWarning: Sendable, Equatable {
    /// capability_unused, closer_unit_left_aside, outside_area, outside_sector, zone_mismatch
    public var code: String
    public var unit: String?
    public var message: String

    public var json: JSON {
        var o: JSONObject = ["code": .string(code)]
        if let unit { o["unit"] = .string(unit) }
        o["message"] = .string(message)
        return .object(o)
    }
}

/// What the recommender proposes for one event.
public struct Recommendation: Sendable {
    public var picks: [Pick]
    /// For each pick (same order), the next best units for the same need, soonest first, so
    /// that a dispatcher who loses a unit to another gets the next one in the same transaction.
    public var alternates: [[Pick]]
    public var unmet: [Unmet]
    public var warnings: [CoherenceWarning]
    /// `engagement.yaml:NN (NATURE)`, the rule that made the train.
    public var rule: String?
    public var maxETA: Int
}

/// Chooses units for events: need by need, the engageable units with the smallest ETA, never
/// one unit twice. Pure: reads a snapshot, never the store.
public struct Recommender: Sendable {
    public let snapshot: UnitSnapshot
    public var zones: ZoneTable?

    public init(snapshot: UnitSnapshot, zones: ZoneTable? = nil) {
        self.snapshot = snapshot
        self.zones = zones
    }

    var eta: ETAParameters { snapshot.referentiel.eta }

    /// The train for an event's nature and priority (nil when the nature has no rule).
    public func needs(for event: DispatchEvent) -> [Need]? {
        snapshot.referentiel.rules[event.nature]?.needs(for: event.priority)
    }

    /// Recommends units for `event`. `needs` replaces the rule's train (reinforcements);
    /// units in `excluding` are never chosen (already engaged, or lost to another dispatcher).
    public func recommend(_ event: DispatchEvent, needs given: [Need]? = nil, excluding: Set<String> = []) -> Recommendation {
        let rule = snapshot.referentiel.rules[event.nature]
        let maxETA = rule?.maxETA ?? eta.maxETA[event.priority] ?? 3600
        let needs = given ?? rule?.needs(for: event.priority) ?? []
        var rec = Recommendation(picks: [], alternates: [], unmet: [], warnings: [],
                                 rule: rule.map { "engagement.yaml:\($0.line) (\($0.nature))" }, maxETA: maxETA)
        guard let target = event.position else {
            rec.unmet = needs.map { Unmet(need: $0.name, count: $0.count, shortfall: "no_event_position") }
            return rec
        }
        var used = Set(excluding.compactMap { snapshot.index(of: $0) })
        for need in needs {
            let found = candidates(for: need, at: target, priority: event.priority, want: need.count + eta.alternates, used: used)
            var picked: [Pick] = []
            var late: [Candidate] = []
            var rest: [Pick] = []
            for c in found {
                if picked.count < need.count, c.eta <= Double(maxETA) {
                    picked.append(pick(c, need: need, reasonCount: engageable(need)))
                    used.insert(Int(c.unit))
                } else {
                    if c.eta > Double(maxETA) { late.append(c) }
                    rest.append(pick(c, need: need, reasonCount: 2))
                }
            }
            for p in picked {
                rec.picks.append(p)
                rec.alternates.append(rest)
            }
            let missing = need.count - picked.count
            if missing > 0 {
                var unmet = Unmet(need: need.name, count: missing, shortfall: "none_available")
                if let first = late.first {
                    unmet.shortfall = "beyond_max_eta"
                    unmet.nearest = (snapshot.units[Int(first.unit)].id, Int(first.eta.rounded()))
                } else if ([need.name] + need.substitutes).contains(where: { (snapshot.withoutPosition[$0] ?? 0) > 0 }) {
                    unmet.shortfall = "no_position"
                }
                rec.unmet.append(unmet)
            }
        }
        rec.warnings = warnings(event, picks: rec.picks, needs: needs)
        return rec
    }

    /// The coherence warnings for an operator's own choice of units (the units need not be
    /// engageable: refusing them is the store's job).
    public func check(_ event: DispatchEvent, units ids: [String]) -> (picks: [Pick], warnings: [CoherenceWarning]) {
        let needs = self.needs(for: event) ?? []
        var picks: [Pick] = []
        var warnings: [CoherenceWarning] = []
        let chosen = Set(ids.compactMap { snapshot.index(of: $0) })
        for id in ids {
            guard let i = snapshot.index(of: id) else { continue }
            let u = snapshot.units[i]
            let need = needs.first { n in ([n.name] + n.substitutes).contains { snapshot.matches(i, $0) } }
            let m = event.position.flatMap { snapshot.eta(unit: i, to: $0, priority: event.priority) }
            picks.append(Pick(unit: u.id, type: u.type, station: u.station, need: need?.name ?? u.type,
                              distanceM: Int((m?.distance ?? 0).rounded()), etaS: Int((m?.eta ?? 0).rounded()),
                              reason: "operator_choice", positionStale: snapshot.isStale(unit: i)))
            if need == nil, !needs.isEmpty {
                warnings.append(CoherenceWarning(
                    code: "capability_unused", unit: u.id,
                    message: "\(u.id) (\(u.type): \(u.capabilities.joined(separator: ", "))) matches no need of \(event.nature) \(event.priority.code) (\(needs.map(\.description).joined(separator: ", ")))"))
            }
            if let target = event.position, let m {
                let closer = candidates(for: Need(name: u.type, count: 1), at: target, priority: event.priority, want: 1, used: chosen)
                if let c = closer.first, c.eta + 1 < m.eta {
                    let other = snapshot.units[Int(c.unit)]
                    warnings.append(CoherenceWarning(
                        code: "closer_unit_left_aside", unit: u.id,
                        message: "\(other.id) (\(other.type)) is available and arrives in \(Int(c.eta.rounded())) s, \(u.id) in \(Int(m.eta.rounded())) s"))
                }
            }
        }
        warnings += self.warnings(event, picks: picks, needs: needs).filter { $0.code != "capability_unused" }
        return (picks, warnings)
    }

    // MARK: search

    struct Candidate {
        var unit: Int32
        var cost: Double
        var eta: Double
        var distance: Double
        var substituteFor: String?
    }

    /// The `want` engageable units soonest for `need` (substitutes with their penalty), best first.
    func candidates(for need: Need, at target: Coordinate, priority: Priority, want: Int, used: Set<Int>) -> [Candidate] {
        var best: [Candidate] = []
        best.reserveCapacity(want + 1)
        let q = SpatialTree.point(target)
        let points = snapshot.point
        let minTurnout = Double(min(eta.turnoutOnTheRoad, eta.turnoutAtStation, eta.turnoutAtStationByType.values.min() ?? .max))
        let maxSpeed = (eta.speedKmh.values.compactMap { $0[priority] }.max() ?? 50) / 3.6
        let factor = eta.roadFactor / maxSpeed
        let penalty = Double(eta.substitutePenaltyS)
        let r2 = 2 * Geo.earthRadius
        let bound: (Double) -> Double = { chord in
            minTurnout + r2 * asin(min(1, chord / r2)) * factor * 0.999_999 - 0.001
        }
        let threshold: () -> Double = { best.count < want ? .infinity : best[best.count - 1].cost }
        for key in [need.name] + need.substitutes {
            guard let tree = snapshot.trees[key] else { continue }
            tree.search(from: q, points: points, bound: bound, threshold: threshold) { u in
                let i = Int(u)
                if used.contains(i) { return }
                guard let m = snapshot.eta(unit: i, to: target, priority: priority) else { return }
                let primary = snapshot.matches(i, need.name)
                let cost = m.eta + (primary ? 0 : penalty)
                if best.count >= want, cost >= best[best.count - 1].cost { return }
                if best.contains(where: { $0.unit == u }) { return }
                let c = Candidate(unit: u, cost: cost, eta: m.eta, distance: m.distance, substituteFor: primary ? nil : need.name)
                var at = best.count
                while at > 0, Recommender.before(c, best[at - 1], snapshot) { at -= 1 }
                best.insert(c, at: at)
                if best.count > want { best.removeLast() }
            }
        }
        return best
    }

    /// Order of candidates: cost, then unit id (so equal costs are decided the same way everywhere).
    static func before(_ a: Candidate, _ b: Candidate, _ s: UnitSnapshot) -> Bool {
        a.cost != b.cost ? a.cost < b.cost : s.units[Int(a.unit)].id < s.units[Int(b.unit)].id
    }

    private func engageable(_ need: Need) -> Int {
        ([need.name] + need.substitutes).reduce(0) { $0 + snapshot.engageableCount($1) }
    }

    private func pick(_ c: Candidate, need: Need, reasonCount: Int) -> Pick {
        let u = snapshot.units[Int(c.unit)]
        let reason = c.substituteFor != nil ? "substitute" : (reasonCount == 1 ? "only_candidate" : "closest_by_eta")
        return Pick(unit: u.id, type: u.type, station: u.station, need: need.name, distanceM: Int(c.distance.rounded()),
                    etaS: Int(c.eta.rounded()), reason: reason, positionStale: snapshot.isStale(unit: Int(c.unit)),
                    substituteFor: c.substituteFor)
    }

    // MARK: coherence

    func warnings(_ event: DispatchEvent, picks: [Pick], needs: [Need]) -> [CoherenceWarning] {
        var out: [CoherenceWarning] = []
        guard let target = event.position else { return out }
        if let area = snapshot.area {
            let margin = eta.areaMarginM
            let box = Geo.box(lat: (area.minLat + area.maxLat) / 2, margin: margin)
            if target.lat < area.minLat - box.dLat || target.lat > area.maxLat + box.dLat
                || target.lon < area.minLon - box.dLon || target.lon > area.maxLon + box.dLon {
                out.append(CoherenceWarning(
                    code: "outside_area", unit: nil,
                    message: "the event at \(target) is more than \(Int(margin / 1000)) km outside the area of the centre's stations"))
            }
        }
        for p in picks {
            guard let i = snapshot.index(of: p.unit) else { continue }
            let u = snapshot.units[i]
            if let home = u.station.flatMap({ snapshot.stations[$0]?.position }) ?? u.home {
                let d = Geo.distance(home, target)
                if d > eta.sectorRadiusM {
                    out.append(CoherenceWarning(
                        code: "outside_sector", unit: u.id,
                        message: "\(u.id) would work \(Int(d / 1000)) km from its station \(u.station ?? "") (sector radius \(Int(eta.sectorRadiusM / 1000)) km)"))
                }
            }
            if let zones, let zone = zones.zone(at: target), let service = snapshot.referentiel.unitTypes[u.type]?.service,
               service == "POLICE" || service == "GEND", service != zone.zone {
                out.append(CoherenceWarning(
                    code: "zone_mismatch", unit: u.id,
                    message: "\(u.id) is \(service == "GEND" ? "gendarmerie" : "police") but \(zone.commune) is in zone \(zone.zone == "GEND" ? "gendarmerie" : "police")"))
            }
        }
        return out
    }
}

extension Geo {
    /// Degrees of latitude and longitude that make `margin` metres around latitude `lat`.
    static func box(lat: Double, margin: Double) -> (dLat: Double, dLon: Double) {
        let dLat = margin / 111_195
        return (dLat, margin / (111_195 * max(0.01, cos(lat * Double.pi / 180))))
    }
}
