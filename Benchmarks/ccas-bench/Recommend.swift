#if canImport(CCASRules)
import CCASCore
import CCASRules
import Foundation

/// `ccas-bench recommend`: one event among `units` units (a département-sized area around
/// Lyon), `events` times; prints p50/p99 of one recommendation (snapshot built once).
func benchRecommend(units: Int = 10_000, events: Int = 10_000) {
    let ref = EngagementReferentiel.default
    let types = ["VSAV", "FPT", "FPTL", "EPA", "VSR", "VLCG", "SMUR", "VLM", "PS", "BAC", "PATG", "VTU", "CCF", "RCH"]
    var seed: UInt64 = 1
    func next() -> Double { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Double(seed >> 11) / Double(1 << 53) }
    var list: [UnitInfo] = []
    for i in 0..<units {
        let t = types[i % types.count]
        list.append(UnitInfo(id: "U\(i)", type: t, capabilities: ref.capabilities(ofType: t),
                             home: Coordinate(lat: 45.4 + next() * 0.8, lon: 4.3 + next() * 1.1),
                             status: next() < 0.2 ? .alerted : .available))
    }
    let built = Date()
    let snapshot = UnitSnapshot(units: list, stations: [], now: 0)
    let buildMs = Date().timeIntervalSince(built) * 1000
    let recommender = Recommender(snapshot: snapshot)
    let natures: [(String, Priority)] = [("SAP.ACR", .p0), ("INC.HABITATION", .p1), ("AVP.INCARCERATION", .p0), ("SAP.MALAISE", .p2), ("SEC.RIXE", .p1)]
    var times: [Double] = []
    var picks = 0
    for n in 0..<events {
        let (nature, p) = natures[n % natures.count]
        let e = DispatchEvent(id: "E\(n)", nature: nature, priority: p, position: Coordinate(lat: 45.4 + next() * 0.8, lon: 4.3 + next() * 1.1))
        let t0 = DispatchTime.now().uptimeNanoseconds
        picks += recommender.recommend(e).picks.count
        times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
    }
    times.sort()
    func pct(_ q: Double) -> Double { times[min(times.count - 1, Int(Double(times.count) * q))] }
    print(String(format: "recommend: %d units (index built in %.1f ms), %d events, %d picks: p50 %.1f µs, p99 %.1f µs, max %.1f µs",
                 units, buildMs, events, picks, pct(0.5), pct(0.99), times.last ?? 0))
}
#else
func benchRecommend(units: Int = 10_000, events: Int = 10_000) {
    print("recommend: ccas-bench needs CCASRules among its dependencies (Package.swift)")
}
#endif
