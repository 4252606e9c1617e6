import Foundation
import Testing

/// kill -9 at random moments, then the same input again: nothing lost, nothing twice, every
/// change with its journal row, every record printed is stored (scripts/stress/crash-*.sh).
@Suite("Stress: crash safety (kill -9)", .serialized)
struct StressCrashTests {
    @Test("ccas-intake killed 3 times during a 1,000-call batch: 1,000 calls once each, each journalled")
    func intake() throws {
        let r = try StressScript.run("crash-intake.sh", ["CALLS": "1000", "KILLS": "3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(StressScript.figures(r)["kills"] as? Int == 3)
    }

    @Test("ccas-dispatch --commit killed 3 times: no unit engaged twice or without its journal row, no event half dispatched")
    func dispatch() throws {
        let r = try StressScript.run("crash-dispatch.sh", ["EVENTS": "100", "UNITS": "80", "KILLS": "3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect((StressScript.figures(r)["engagements"] as? Int ?? 0) > 0)
        #expect(StressScript.figures(r)["kills"] as? Int == 3)
    }

    @Test("ccas-notify deliver killed during delivery to a real receiver: every key arrives, repeats only under the same key")
    func notify() throws {
        let r = try StressScript.run("crash-notify.sh", ["EVENTS": "5", "KILLS": "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(StressScript.figures(r)["notifications"] as? Int == 45)
    }
}
