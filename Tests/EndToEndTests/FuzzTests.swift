import Foundation
import Testing

/// A short run of `ccas-bench fuzz` per reader (scripts/fuzz.sh runs 1,000,000 inputs each):
/// mutated real inputs, no crash, no hang, every rejection with a reason, round trips hold.
/// CCAS_FUZZ_SEED picks other inputs; CCAS_FUZZ_SCALE multiplies the counts.
@Suite("Fuzzing (short run)")
struct FuzzTests {
    /// Inputs per target: a few seconds each in a debug build (the référentiel's YAML is slow).
    static let runs: [(target: String, inputs: Int)] = [
        ("ndjson", 2000), ("csv", 600), ("aml", 2000), ("ecall", 1000), ("eido", 500), ("referentiel", 150), ("fail-if", 2000),
    ]

    @Test("every reader survives mutated inputs", arguments: runs.map(\.target))
    func fuzz(target: String) throws {
        let env = ProcessInfo.processInfo.environment
        let seed = env["CCAS_FUZZ_SEED"] ?? "7"
        let scale = Double(env["CCAS_FUZZ_SCALE"] ?? "1") ?? 1
        let inputs = Int(Double(Self.runs.first { $0.target == target }!.inputs) * scale)
        let dir = Shell.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try Shell.run("ccas-bench fuzz \(target) \(inputs) \(seed) --hang-seconds 20", env: ["CCAS_ROOT": Shell.packageRoot], cwd: dir)
        let saved = (try? FileManager.default.contentsOfDirectory(atPath: dir))?.filter { $0.hasPrefix("fuzz-crash") || $0.hasPrefix("fuzz-fail") } ?? []
        let keep = saved.isEmpty ? "" : " — inputs kept in " + (NSTemporaryDirectory() + "ccas-fuzz-" + target)
        if !saved.isEmpty {
            try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "ccas-fuzz-" + target)
            try? FileManager.default.copyItem(atPath: dir, toPath: NSTemporaryDirectory() + "ccas-fuzz-" + target)
        }
        #expect(r.status == 0, "\(target): exit \(r.status)\(keep)\n\(r.stderr)")
        let summary = try #require(r.records.first, "no summary line: \(r.stdout) \(r.stderr)")
        #expect(summary["inputs"] as? Int == inputs)
        #expect(summary["failures"] as? Int == 0, "\(r.stderr)")
        // The run reached both sides: some inputs were taken, some refused.
        #expect((summary["accepted"] as? Int ?? 0) > 0)
        #expect((summary["rejected"] as? Int ?? 0) > 0)
    }

    @Test("a saved input replays through the same reader")
    func replay() throws {
        let dir = Shell.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("{\"kind\":\"call\",\"v\":1,\"id\":\"R-1\",\"received_at\":\"2026-11-29T04:15:30Z\",\"channel\":\"phone\",\"text\":\"feu\"}\n{\"a\":\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/one.ndjson"))
        let r = try Shell.run("ccas-bench fuzz ndjson --replay one.ndjson", cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try #require(r.records.first)
        #expect(summary["accepted"] as? Int == 1)
        #expect(summary["rejected"] as? Int == 1)
    }
}
