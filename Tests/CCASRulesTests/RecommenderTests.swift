import CCASCore
import Foundation
import Testing

@testable import CCASRules

/// Units at the real London Fire Brigade stations (examples/stations-london.csv), incidents at
/// London and San Francisco coordinates; every recommendation is compared with a brute force.
@Suite("Recommender")
struct RecommenderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let now: Int64 = 1_800_000_000_000
    static let ref = EngagementReferentiel.default

    static let londonStations: [StationInfo] = {
        let text = (try? String(contentsOfFile: root + "/examples/stations-london.csv", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 4, let lat = Double(f[2]), let lon = Double(f[3]), lat > 51.2, lat < 51.8, lon > -0.6, lon < 0.4 else { return nil }
            return StationInfo(id: f[0], name: f[1], position: Coordinate(lat: lat, lon: lon), sector: "LFB")
        }
    }()

    /// A deterministic register: several types per station, some on the road, some stale, some busy.
    static func units(stations: [StationInfo]) -> [UnitInfo] {
        let types = ["VSAV", "FPT", "FPTL", "EPA", "VSR", "VLCG", "SMUR", "VLM", "PS", "BAC", "RCH", "VTU"]
        var units: [UnitInfo] = []
        var seed: UInt64 = 42
        func next() -> Double { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Double(seed >> 11) / Double(1 << 53) }
        for (i, s) in stations.enumerated() {
            for k in 0..<3 {
                let type = types[(i * 3 + k) % types.count]
                var u = UnitInfo(id: "\(type)-\(s.id)-\(k)", type: type, station: s.id, capabilities: ref.capabilities(ofType: type))
                let r = next()
                if r < 0.15 { u.status = .alerted }
                else if r < 0.25 { u.status = .returning; u.last = Coordinate(lat: s.position!.lat + 0.01, lon: s.position!.lon - 0.01); u.lastAt = now - 60_000 }
                else if r < 0.35 { u.last = Coordinate(lat: s.position!.lat + 0.05, lon: s.position!.lon); u.lastAt = now - 3_600_000 }  // stale
                else if r < 0.45 { u.last = Coordinate(lat: s.position!.lat - 0.02, lon: s.position!.lon + 0.02); u.lastAt = now - 120_000 }  // on the road
                units.append(u)
            }
        }
        return units
    }

    /// The nearest-by-ETA answer computed the slow, obvious way.
    static func bruteForce(_ event: DispatchEvent, _ s: UnitSnapshot) -> [String] {
        let rule = ref.rules[event.nature]!
        let maxETA = Double(rule.maxETA ?? ref.eta.maxETA[event.priority]!)
        var used = Set<String>()
        var out: [String] = []
        for need in rule.needs(for: event.priority) {
            var all: [(cost: Double, eta: Double, id: String)] = []
            for (i, u) in s.units.enumerated() where u.status.isEngageable && !used.contains(u.id) {
                let primary = u.type == need.name || u.capabilities.contains(need.name)
                let sub = need.substitutes.contains { u.type == $0 || u.capabilities.contains($0) }
                guard primary || sub, let m = s.eta(unit: i, to: event.position!, priority: event.priority) else { continue }
                all.append((m.eta + (primary ? 0 : Double(ref.eta.substitutePenaltyS)), m.eta, u.id))
            }
            all.sort { $0.cost != $1.cost ? $0.cost < $1.cost : $0.id < $1.id }
            for c in all.filter({ $0.eta <= maxETA }).prefix(need.count) {
                out.append(c.id)
                used.insert(c.id)
            }
        }
        return out
    }

    @Test("the built-in référentiel loads and has a rule for every nature")
    func referentiel() throws {
        let natures = Referentiel.default.natures.map(\.code)
        #expect(EngagementReferentiel.check(files: EngagementReferentiel.files, natures: natures + ["ADM.INDETERMINE"]).isEmpty
            || EngagementReferentiel.check(files: EngagementReferentiel.files, natures: natures).isEmpty)
        for code in natures { #expect(Self.ref.rules[code] != nil, "no rule for \(code)") }
        #expect(Self.ref.talkgroups.names.count == 72)
        #expect(Self.ref.rules["INC.HABITATION"]!.needs.first == Need(name: "FPT", count: 2, substitutes: ["FPTL"]))
    }

    @Test("errors name the file and line")
    func errors() {
        var files = EngagementReferentiel.files
        files["engagement.yaml"] = "rules:\n  SAP.ACR: {needs: [1 ems_bls]}\n  SAP.NOYADE: {needs: [two boats]}\n  X.Y: {needs: [1 warp_drive]}\n"
        let problems = EngagementReferentiel.check(files: files, natures: ["SAP.ACR", "SAP.NOYADE", "SAP.AVC"])
        let text = problems.map(\.description)
        #expect(text.contains { $0.hasPrefix("engagement.yaml:3: bad need \"two boats\"") })
        #expect(text.contains { $0.hasPrefix("engagement.yaml:4: \"warp_drive\" is neither") })
        #expect(text.contains { $0.contains("no rule for the nature SAP.AVC") })
        files["eta.yaml"] = "road_factor: [\n"
        #expect(EngagementReferentiel.check(files: files).contains { $0.file == "eta.yaml" && $0.line > 0 })
    }

    @Test("London: equals the brute-force nearest by ETA for many incidents and natures")
    func londonBruteForce() {
        let stations = Self.londonStations
        #expect(stations.count > 100)
        let snapshot = UnitSnapshot(units: Self.units(stations: stations), stations: stations, now: Self.now)
        let recommender = Recommender(snapshot: snapshot)
        let natures: [(String, Priority)] = [("SAP.ACR", .p0), ("INC.HABITATION", .p0), ("AVP.INCARCERATION", .p0), ("SEC.ARME", .p0),
                                             ("INC.INDUSTRIEL", .p1), ("SAP.MALAISE", .p2), ("DIV.ASCENSEUR", .p2), ("SEC.ATTENTAT", .p0)]
        var seed: UInt64 = 7
        func next() -> Double { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Double(seed >> 11) / Double(1 << 53) }
        for n in 0..<200 {
            let (nature, priority) = natures[n % natures.count]
            let event = DispatchEvent(id: "E\(n)", nature: nature, priority: priority,
                                      position: Coordinate(lat: 51.38 + next() * 0.27, lon: -0.45 + next() * 0.6))
            let rec = recommender.recommend(event)
            #expect(rec.picks.map(\.unit) == Self.bruteForce(event, snapshot), "event \(n) \(nature) at \(event.position!)")
            #expect(Set(rec.picks.map(\.unit)).count == rec.picks.count, "a unit picked twice")
            for p in rec.picks {
                let u = snapshot.units[snapshot.index(of: p.unit)!]
                #expect(u.status.isEngageable)
                #expect(p.etaS > 0 && p.distanceM >= 0)
            }
        }
    }

    @Test("substitutes come when the wanted type is gone, with reason substitute")
    func substitutes() {
        let s = Self.londonStations
        let units = [
            UnitInfo(id: "FPT-1", type: "FPT", station: s[0].id, capabilities: Self.ref.capabilities(ofType: "FPT"), status: .alerted),
            UnitInfo(id: "FPTL-1", type: "FPTL", station: s[1].id, capabilities: Self.ref.capabilities(ofType: "FPTL")),
            UnitInfo(id: "FPT-2", type: "FPT", station: s[60].id, capabilities: Self.ref.capabilities(ofType: "FPT")),
        ]
        let snap = UnitSnapshot(units: units, stations: s, now: Self.now)
        let rec = Recommender(snapshot: snap).recommend(
            DispatchEvent(id: "E", nature: "INC.VEHICULE", priority: .p2, position: s[1].position))
        #expect(rec.picks.map(\.unit) == ["FPTL-1"])
        #expect(rec.picks[0].reason == "substitute")
        #expect(rec.picks[0].substituteFor == "FPT")
        #expect(rec.alternates[0].map(\.unit) == ["FPT-2"])
    }

    @Test("a stale position falls back to the station's, and says so; a fresh one away from the station is on the road")
    func stale() {
        let s = Self.londonStations
        let far = Coordinate(lat: s[0].position!.lat + 0.1, lon: s[0].position!.lon)
        let stale = UnitInfo(id: "VSAV-S", type: "VSAV", station: s[0].id, capabilities: ["ems_bls", "transport"],
                             last: far, lastAt: Self.now - 31 * 60_000)
        let fresh = UnitInfo(id: "VSAV-F", type: "VSAV", station: s[0].id, capabilities: ["ems_bls", "transport"],
                             last: far, lastAt: Self.now - 60_000)
        let snap = UnitSnapshot(units: [stale, fresh], stations: s, now: Self.now)
        let rec = Recommender(snapshot: snap).recommend(
            DispatchEvent(id: "E", nature: "SAP.MALAISE", priority: .p2, position: s[0].position), needs: [Need(name: "ems_bls", count: 2)])
        #expect(rec.picks.map(\.unit) == ["VSAV-S", "VSAV-F"])
        #expect(rec.picks[0].positionStale && rec.picks[0].distanceM == 0)
        #expect(!rec.picks[1].positionStale && rec.picks[1].distanceM > 10_000)
        #expect(rec.picks[0].etaS == Self.ref.eta.turnoutAtStation)
    }

    @Test("shortfalls: none available, beyond max ETA, no position, no event position")
    func shortfalls() {
        let s = Self.londonStations
        let units = [
            UnitInfo(id: "SMUR-X", type: "SMUR", station: nil, capabilities: ["ems_als"]),
            UnitInfo(id: "VSAV-SF", type: "VSAV", station: nil, capabilities: ["ems_bls"], home: Coordinate(lat: 37.77, lon: -122.42)),
        ]
        let snap = UnitSnapshot(units: units, stations: s, now: Self.now)
        let r = Recommender(snapshot: snap)
        let rec = r.recommend(DispatchEvent(id: "E", nature: "AVP.INCARCERATION", priority: .p0, position: s[5].position))
        #expect(rec.picks.isEmpty)
        let byNeed = Dictionary(uniqueKeysWithValues: rec.unmet.map { ($0.need, $0.shortfall) })
        #expect(byNeed["extrication"] == "none_available")
        #expect(byNeed["ems_bls"] == "beyond_max_eta")
        #expect(byNeed["ems_als"] == "no_position")
        #expect(rec.unmet.first { $0.need == "ems_bls" }?.nearest?.id == "VSAV-SF")
        let nowhere = r.recommend(DispatchEvent(id: "E", nature: "SAP.ACR", priority: .p0, position: nil))
        #expect(nowhere.unmet.allSatisfy { $0.shortfall == "no_event_position" })
    }

    @Test("warnings: outside the area, outside the sector, capability unused, closer unit left aside, zone")
    func warnings() {
        let s = Self.londonStations
        let units = Self.units(stations: s)
        let snap = UnitSnapshot(units: units, stations: s, now: Self.now)
        let zones = ZoneTable(communes: [.init(commune: "City", zone: "GEND", position: Coordinate(lat: 51.51, lon: -0.1))])
        let r = Recommender(snapshot: snap, zones: zones)
        // San Francisco is far outside London's stations.
        let sf = r.recommend(DispatchEvent(id: "E", nature: "SAP.MALAISE", priority: .p2, position: Coordinate(lat: 37.7749, lon: -122.4194)))
        #expect(sf.warnings.contains { $0.code == "outside_area" })
        #expect(sf.unmet.first?.shortfall == "beyond_max_eta")
        let city = DispatchEvent(id: "E", nature: "SEC.RIXE", priority: .p1, position: Coordinate(lat: 51.5136, lon: -0.0983))
        let rec = r.recommend(city)
        #expect(rec.warnings.contains { $0.code == "zone_mismatch" })
        // The operator picks a ladder for a brawl, and a far police car.
        let farPS = units.filter { $0.type == "PS" && $0.status.isEngageable }.max { a, b in
            Geo.distance(snap.stations[a.station!]!.position!, city.position!) < Geo.distance(snap.stations[b.station!]!.position!, city.position!)
        }!
        let epa = units.first { $0.type == "EPA" }!
        let check = r.check(city, units: [epa.id, farPS.id])
        #expect(check.warnings.contains { $0.code == "capability_unused" && $0.unit == epa.id })
        #expect(check.warnings.contains { $0.code == "closer_unit_left_aside" && $0.unit == farPS.id })
        #expect(check.warnings.contains { $0.code == "outside_sector" && $0.unit == farPS.id })
    }
}
