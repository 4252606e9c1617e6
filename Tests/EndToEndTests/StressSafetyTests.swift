import Foundation
import Testing

/// `| head -1`, metacharacters end to end, file names from data, permissions, secrets
/// (scripts/stress/safety.sh).
@Suite("Stress: bad input and safety", .serialized)
struct StressSafetyTests {
    @Test("| head -1 ends every program quietly; metacharacters stored unchanged; 0600; the secret nowhere")
    func safety() throws {
        let r = try StressScript.run("safety.sh", ["CALLS": "2000"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("every program exits 0 quietly"))
        #expect(r.stderr.contains("the secret is in no output"))
    }

    @Test("SQL text interpolates only the program's constants; data only as bound parameters")
    func boundParametersOnly() throws {
        let r = try Shell.run("scripts/stress/sql-interpolation.py")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    }
}
