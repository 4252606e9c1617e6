import Foundation
import Testing

/// A store locked past the timeout, a full disk, a damaged store: intake spools, exits 75,
/// loses nothing; doctor says why; replay completes (scripts/stress/faults.sh).
@Suite("Stress: faults", .serialized)
struct StressFaultTests {
    @Test("locked, disk full, damaged: exit 75, every call stored or spooled, doctor says why, replay completes")
    func faults() throws {
        let r = try StressScript.run("faults.sh", ["CALLS": "1000"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("locked: exit 75"))
        #expect(r.stderr.contains("damaged: exit 75"))
    }
}
