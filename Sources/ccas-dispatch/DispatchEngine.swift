import Foundation
import CCASCLI
import CCASCore
import CCASRules
import CCASStore

/// Recommends and, when asked, engages units for records: the work of the default command and
/// of `reinforce`, kept out of the argument parsing.
final class DispatchEngine {
    let store: Store
    let referentiel: EngagementReferentiel
    /// The référentiel's hash, on every dispatch record: which rules made the decision.
    let referentielHash: String
    let zones: ZoneTable?
    let operatorName: String
    let exercise: Bool
    /// Units engaged (or lost to another dispatcher) during this run, never proposed again.
    private var taken = Set<String>()

    init(store: Store, referentiel: EngagementReferentiel = .default, referentielHash: String = Referentiel.builtInHash,
         zones: ZoneTable?, operatorName: String, exercise: Bool) {
        self.store = store
        self.referentiel = referentiel
        self.referentielHash = referentielHash
        self.zones = zones
        self.operatorName = operatorName
        self.exercise = exercise
    }

    /// A recommender over the store's units as they are now.
    func recommender() throws -> Recommender {
        let now = nowMillis()
        let units = try store.units().map { u in
            UnitInfo(id: u.id, type: u.type, station: u.station, capabilities: u.capabilities,
                     home: coordinate(u.homeLat, u.homeLon), last: coordinate(u.lastLat, u.lastLon), lastAt: u.lastAt,
                     status: u.status, event: u.event)
        }
        let stations = try store.stations().map { StationInfo(id: $0.id, name: $0.name, position: coordinate($0.lat, $0.lon), sector: $0.sector) }
        return Recommender(snapshot: UnitSnapshot(units: units, stations: stations, referentiel: referentiel, now: now), zones: zones)
    }

    /// The event a classified record describes, or why it cannot be dispatched.
    static func event(of record: JSONObject) -> Result<DispatchEvent, Problem> {
        guard let eventID = record["event_id"]?.stringValue ?? record["event_id"]?.intValue.map(String.init) else {
            return .failure("no event_id (pipe calls through ccas-intake first)")
        }
        guard let c = record["classification"]?.objectValue, let nature = c["nature"]?.stringValue else {
            return .failure("no classification.nature (pipe calls through ccas-classify first)")
        }
        let priority = c["priority"]?.stringValue.flatMap(Priority.init(code:)) ?? .p1
        let loc = record["location"]?.objectValue
        var position: Coordinate?
        if let lat = loc?["lat"]?.doubleValue, let lon = loc?["lon"]?.doubleValue, case .success(let p) = Geo.coordinate(lat: lat, lon: lon) {
            position = p
        }
        return .success(DispatchEvent(id: eventID, nature: nature, priority: priority, position: position, reflex: c["reflex"]?.boolValue ?? false))
    }

    /// Recommends for one event and, if `commit`, engages; returns the `dispatch` record.
    /// `needs` replaces the rule's train (reinforcement); otherwise what is already engaged on
    /// the event is deducted from it.
    func dispatch(_ event: DispatchEvent, input: JSONObject, needs given: [Need]? = nil, commit: Bool,
                  using recommender: Recommender, diagnostics: Diagnostics, place: String?) throws -> JSONObject {
        var needs = given
        var already: [EngagementRow] = []
        // Other dispatchers write the same store: look at who is busy now, not when the batch
        // began, so a live pipeline neither fights over taken units nor forgets released ones.
        if commit { taken = try store.busyUnitIDs() }
        if given == nil, let train = recommender.needs(for: event) {
            already = try store.engagements(event: event.id)
            needs = DispatchEngine.deduct(already, from: train, snapshot: recommender.snapshot)
        }
        let rec = recommender.recommend(event, needs: needs, excluding: taken)
        var units = rec.picks.map(\.json)
        var unmet = rec.unmet.map(\.json)
        var refused: [JSON] = []
        var warnings = rec.warnings.map(\.json)
        var talkgroup: JSON = .null
        var committed = false
        if commit {
            let pool = referentiel.talkgroups
            let policy = TalkgroupPolicy(pool: pool.names, byPriority: pool.priorities.contains(event.priority), minUnits: pool.minUnits)
            var current = rec
            var engagedJSON: [JSON] = []
            var lost: [JSON] = []
            do {
                // A unit lost to another dispatcher is replaced by the next best in the same
                // transaction; when all the next best are gone too, look again at the units as
                // they are now (a few times), then report the need unmet.
                for attempt in 0..<2 {
                    let requests = zip(current.picks, current.alternates).map { pick, alternates in
                        EngagementRequest(unit: pick.unit, need: pick.need, pick: pick.json,
                                          alternates: alternates.map { alt in
                                              var j = alt
                                              j.reason = "next_best_after_race"
                                              return (alt.unit, j.json)
                                          })
                    }
                    let outcome = try store.engage(event: event.id, requests: requests,
                                                   talkgroups: current.picks.isEmpty && !policy.byPriority && engagedJSON.isEmpty ? nil : policy,
                                                   operator: operatorName, exercise: exercise)
                    committed = true
                    for e in outcome.engaged {
                        taken.insert(e.unit)
                        guard var o = e.pick?.objectValue else { engagedJSON.append(["id": .string(e.unit), "need": .optional(e.need)]); continue }
                        if let r = e.replaces { o["replaces"] = .string(r) }
                        engagedJSON.append(.object(o))
                    }
                    var again: [Need] = []
                    for r in outcome.refused {
                        refused.append(["id": .string(r.unit), "reason": .string(r.reason)])
                        taken.insert(r.unit)
                        if !outcome.engaged.contains(where: { $0.replaces == r.unit }) {
                            let need = current.picks.first { $0.unit == r.unit }?.need ?? ""
                            lost.append(["need": .string(need), "count": 1, "shortfall": "lost_to_another_dispatcher", "unit": .string(r.unit)])
                            if let n = (needs ?? []).first(where: { $0.name == need }) {
                                again.append(Need(name: n.name, count: 1, substitutes: n.substitutes))
                            } else if !need.isEmpty {
                                again.append(Need(name: need, count: 1))
                            }
                        }
                    }
                    talkgroup = .optional(outcome.talkgroup)
                    if let problem = outcome.talkgroupProblem {
                        warnings.append(["code": "talkgroup_pool_exhausted", "message": .string(problem)])
                    }
                    if again.isEmpty || attempt == 1 { break }
                    current = try self.recommender().recommend(event, needs: again, excluding: taken)
                    if current.picks.isEmpty { unmet += current.unmet.map(\.json); lost = []; break }
                    lost = []
                }
                units = engagedJSON
                unmet += lost
            } catch StoreError.notFound(let what) {
                diagnostics.warning("\(what) is not in the store: recommended only", at: place)
                warnings.append(["code": "event_not_in_store", "message": .string("\(what) is not in the store: nothing engaged")])
            }
        } else {
            talkgroup = .optional(try store.talkgroup(event: event.id))
        }
        var out: JSONObject = [
            "kind": "dispatch", "v": 1, "event_id": .string(event.id), "committed": .bool(committed),
            "units": .array(units), "unmet": .array(unmet),
        ]
        if !refused.isEmpty { out["refused"] = .array(refused) }
        if !already.isEmpty { out["already_engaged"] = .strings(already.map(\.unit)) }
        out["talkgroup"] = talkgroup
        out["warnings"] = .array(warnings)
        out["rule"] = .optional(given == nil ? rec.rule : "reinforcement")
        out["referentiel"] = .string(referentielHash)
        for (key, value) in input.fields where out[key] == nil && key != "kind" && key != "v" {
            out[key] = value
        }
        return out
    }

    /// The train minus what is already engaged on the event (by the need each unit was engaged for).
    static func deduct(_ engaged: [EngagementRow], from train: [Need], snapshot: UnitSnapshot) -> [Need] {
        var counts: [String: Int] = [:]
        for e in engaged { counts[e.need ?? "", default: 0] += 1 }
        return train.compactMap { need in
            let have = counts[need.name] ?? 0
            counts[need.name] = max(0, have - need.count)
            let left = need.count - have
            return left > 0 ? Need(name: need.name, count: left, substitutes: need.substitutes) : nil
        }
    }

    static func parseNeeds(_ texts: [String]) -> Result<[Need], Problem> {
        var needs: [Need] = []
        for text in texts {
            let parts = text.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let n = Int(parts[1]), n > 0, !parts[0].isEmpty else {
                return .failure("--need \(text): write CAPABILITY=N (e.g. ems_als=1)")
            }
            needs.append(Need(name: String(parts[0]), count: n))
        }
        return .success(needs)
    }
}

func coordinate(_ lat: Double?, _ lon: Double?) -> Coordinate? {
    guard let lat, let lon else { return nil }
    return Coordinate(lat: lat, lon: lon)
}

func nowMillis() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

/// Why an input cannot be used, in words.
struct Problem: Error, CustomStringConvertible, ExpressibleByStringInterpolation {
    let description: String
    init(stringLiteral value: String) { description = value }
    init(stringInterpolation: DefaultStringInterpolation) { description = String(stringInterpolation: stringInterpolation) }
}
