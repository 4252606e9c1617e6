import Foundation
import Testing

/// 4 intake → classify → dispatch chains, a status feed, journal --follow, report and doctor
/// on one store at once (scripts/stress/concurrency.sh).
@Suite("Stress: concurrency on one store", .serialized)
struct StressConcurrencyTests {
    @Test("5 s of writers, dispatchers, feed, follower, report and doctor: no busy error, nothing lost, no unit twice, follower in order")
    func oneStore() throws {
        let r = try StressScript.run("concurrency.sh", ["SECONDS_": "5", "CHUNK": "50", "UNITS": "150"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect((StressScript.figures(r)["calls"] as? Int ?? 0) > 0)
    }
}
