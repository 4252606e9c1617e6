import CCASCore
import Foundation

/// A unit as the recommender sees it (read from the store, or built by a test).
public struct UnitInfo: Sendable, Equatable {
    public var id: String
    public var type: String
    public var station: String?
    public var capabilities: [String]
    /// Where the unit lives when it is at its station (its station's position when not given).
    public var home: Coordinate?
    public var last: Coordinate?
    /// When `last` was reported, ms since the epoch.
    public var lastAt: Int64?
    public var status: UnitStatus
    /// The event it is engaged on, if any.
    public var event: String?

    public init(id: String, type: String, station: String? = nil, capabilities: [String], home: Coordinate? = nil,
                last: Coordinate? = nil, lastAt: Int64? = nil, status: UnitStatus = .available, event: String? = nil) {
        self.id = id
        self.type = type
        self.station = station
        self.capabilities = capabilities
        self.home = home
        self.last = last
        self.lastAt = lastAt
        self.status = status
        self.event = event
    }
}

public struct StationInfo: Sendable, Equatable {
    public var id: String
    public var name: String
    public var position: Coordinate?
    public var sector: String?

    public init(id: String, name: String, position: Coordinate?, sector: String? = nil) {
        self.id = id
        self.name = name
        self.position = position
        self.sector = sector
    }
}

/// The units at one moment, indexed for nearest-by-ETA searches: one k-d tree per unit type
/// and per capability, over the engageable units that have a position. Built once, then queried
/// for many events (the recommender never touches the store).
public final class UnitSnapshot: @unchecked Sendable {
    public let units: [UnitInfo]
    public let stations: [String: StationInfo]
    public let referentiel: EngagementReferentiel
    public let now: Int64
    let byID: [String: Int]

    /// Where each unit is taken to be (nil: nowhere known), whether that is its station's
    /// position because its own report is stale, and whether it is on the road.
    let position: [Coordinate?]
    let stale: [Bool]
    let onTheRoad: [Bool]
    let point: [SIMD3<Double>]
    let engageable: [Bool]
    /// Type or capability → tree of the engageable units with a position.
    let trees: [String: SpatialTree]
    /// Type or capability → engageable units without any position.
    let withoutPosition: [String: Int]
    /// Type or capability → every unit of the register, whatever its status.
    let registered: [String: Int]
    /// The centre's area: the stations' box, for the outside-area check.
    let area: (minLat: Double, maxLat: Double, minLon: Double, maxLon: Double)?

    public init(units: [UnitInfo], stations: [StationInfo], referentiel: EngagementReferentiel = .default, now: Int64) {
        self.units = units
        self.referentiel = referentiel
        self.now = now
        var stationMap: [String: StationInfo] = [:]
        for s in stations { stationMap[s.id] = s }
        self.stations = stationMap
        var byID: [String: Int] = [:]
        byID.reserveCapacity(units.count)
        for (i, u) in units.enumerated() { byID[u.id] = i }
        self.byID = byID

        let eta = referentiel.eta
        var position: [Coordinate?] = [], stale: [Bool] = [], onTheRoad: [Bool] = [], point: [SIMD3<Double>] = []
        var engageable: [Bool] = []
        var members: [String: [Int32]] = [:], withoutPosition: [String: Int] = [:], registered: [String: Int] = [:]
        for (i, u) in units.enumerated() {
            let base = u.home ?? u.station.flatMap { stationMap[$0]?.position }
            let fresh = u.last != nil && (u.lastAt.map { now - $0 <= Int64(eta.staleAfterS) * 1000 } ?? false)
            let pos = fresh ? u.last : (base ?? u.last)
            position.append(pos)
            stale.append(u.last != nil && !fresh)
            var road = u.status == .returning
            if u.status == .available, fresh, let last = u.last, let base, Geo.distance(last, base) > eta.onTheRoadBeyondM {
                road = true
            }
            onTheRoad.append(road)
            point.append(pos.map(SpatialTree.point) ?? .zero)
            let ok = u.status.isEngageable
            engageable.append(ok)
            for key in Set([u.type] + u.capabilities) {
                registered[key, default: 0] += 1
                guard ok else { continue }
                if pos == nil { withoutPosition[key, default: 0] += 1 } else { members[key, default: []].append(Int32(i)) }
            }
        }
        self.position = position
        self.stale = stale
        self.onTheRoad = onTheRoad
        self.point = point
        self.engageable = engageable
        self.withoutPosition = withoutPosition
        self.registered = registered
        self.trees = members.mapValues { SpatialTree(indices: $0, points: point) }
        let placed = stations.compactMap(\.position)
        if placed.isEmpty {
            area = nil
        } else {
            area = (placed.map(\.lat).min()!, placed.map(\.lat).max()!, placed.map(\.lon).min()!, placed.map(\.lon).max()!)
        }
    }

    public func index(of id: String) -> Int? { byID[id] }

    /// Engageable units of this type or capability (with or without a position).
    func engageableCount(_ key: String) -> Int { (trees[key]?.count ?? 0) + (withoutPosition[key] ?? 0) }

    /// ETA in seconds and distance in metres of unit `i` to `to`, at `priority`.
    public func eta(unit i: Int, to: Coordinate, priority: Priority) -> (eta: Double, distance: Double)? {
        guard let p = position[i] else { return nil }
        let d = Geo.distance(p, to)
        let u = units[i]
        let e = Double(referentiel.eta.turnout(type: u.type, onTheRoad: onTheRoad[i]))
            + referentiel.eta.travel(metres: d, type: u.type, priority: priority)
        return (e, d)
    }

    public func isStale(unit i: Int) -> Bool { stale[i] }

    /// Whether unit `i` is of the type or has the capability `key`.
    func matches(_ i: Int, _ key: String) -> Bool {
        let u = units[i]
        return u.type == key || u.capabilities.contains(key)
    }
}

/// A static k-d tree over points on the sphere (3-D, metres), built once by median splits.
/// Straight-line (chord) distance grows with great-circle distance, so a plane's distance is a
/// lower bound of the distance on the ground to anything beyond it.
struct SpatialTree: Sendable {
    private(set) var order: [Int32]
    private var axis: [UInt8]
    var count: Int { order.count }

    static func point(_ c: Coordinate) -> SIMD3<Double> {
        let rad = Double.pi / 180
        let la = c.lat * rad, lo = c.lon * rad
        return SIMD3(cos(la) * cos(lo), cos(la) * sin(lo), sin(la)) * Geo.earthRadius
    }

    init(indices: [Int32], points: [SIMD3<Double>]) {
        order = indices
        axis = Array(repeating: 0, count: indices.count)
        build(0, order.count, points)
    }

    private mutating func build(_ lo: Int, _ hi: Int, _ points: [SIMD3<Double>]) {
        guard hi - lo > SpatialTree.leafSize else { return }
        var minP = SIMD3<Double>(repeating: .infinity), maxP = SIMD3<Double>(repeating: -.infinity)
        for i in lo..<hi {
            let p = points[Int(order[i])]
            minP = pointwiseMin(minP, p)
            maxP = pointwiseMax(maxP, p)
        }
        let spread = maxP - minP
        let a = spread.x >= spread.y && spread.x >= spread.z ? 0 : (spread.y >= spread.z ? 1 : 2)
        order[lo..<hi].sort { points[Int($0)][a] < points[Int($1)][a] }
        let m = (lo + hi) / 2
        axis[m] = UInt8(a)
        build(lo, m, points)
        build(m + 1, hi, points)
    }

    static let leafSize = 8

    /// Visits units nearest first-ish, skipping any part whose plane distance `d` gives
    /// `bound(d) >= threshold()`.
    func search(from q: SIMD3<Double>, points: [SIMD3<Double>], bound: (Double) -> Double, threshold: () -> Double, visit: (Int32) -> Void) {
        walk(0, order.count, q, points, bound, threshold, visit)
    }

    private func walk(_ lo: Int, _ hi: Int, _ q: SIMD3<Double>, _ points: [SIMD3<Double>], _ bound: (Double) -> Double,
                      _ threshold: () -> Double, _ visit: (Int32) -> Void) {
        if hi - lo <= SpatialTree.leafSize {
            for i in lo..<hi { visit(order[i]) }
            return
        }
        let m = (lo + hi) / 2
        let a = Int(axis[m])
        let diff = q[a] - points[Int(order[m])][a]
        visit(order[m])
        if diff < 0 {
            walk(lo, m, q, points, bound, threshold, visit)
            if bound(-diff) < threshold() { walk(m + 1, hi, q, points, bound, threshold, visit) }
        } else {
            walk(m + 1, hi, q, points, bound, threshold, visit)
            if bound(diff) < threshold() { walk(lo, m, q, points, bound, threshold, visit) }
        }
    }
}
