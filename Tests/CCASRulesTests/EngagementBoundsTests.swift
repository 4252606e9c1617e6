import Foundation
import Testing

@testable import CCASRules

/// Numbers of eta.yaml and talkgroups.yaml that a program cannot use are problems named
/// file:line, not a crash or a hang (found by the 1,000,000-input référentiel fuzz run).
@Suite("Engagement référentiel: out-of-range numbers")
struct EngagementBoundsTests {
    /// The built-in files with `old` replaced by `new` in `file`.
    static func files(_ file: String, _ old: String, _ new: String) -> [String: String] {
        var files = EngagementReferentiel.files
        let text = files[file] ?? ""
        #expect(text.contains(old), "the built-in \(file) no longer holds \(old)")
        files[file] = text.replacingOccurrences(of: old, with: new)
        return files
    }

    static func line(of needle: String, in text: String) -> Int {
        (text.components(separatedBy: "\n").firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    @Test("a max ETA beyond Int.max (it trapped converting to whole seconds) is a problem on its line", arguments: [
        "1234567890123456789012345678901500", "1e300", "inf", "0.5",
    ])
    func hugeMaxETA(value: String) {
        let files = Self.files("eta.yaml", "max_eta_s: {P0: 1500,", "max_eta_s: {P0: \(value),")
        let problems = EngagementReferentiel.check(files: files)
        let line = Self.line(of: "max_eta_s: {P0:", in: files["eta.yaml"]!)
        #expect(problems.contains { $0.file == "eta.yaml" && $0.line == line && $0.message.contains("P0 must be a number from 1 to") }, "\(problems)")
    }

    @Test("stale_after_s, alternates, speeds and turnouts out of range are problems", arguments: [
        ("stale_after_s: 1800", "stale_after_s: 1e30"), ("alternates: 4", "alternates: 9e18"),
        ("default: {P0: 60,", "default: {P0: 1e-300,"), ("AVAILABLE: 120", "AVAILABLE: 9223372036854775807"),
        ("road_factor: 1.35", "road_factor: inf"),
    ])
    func outOfRange(old: String, new: String) {
        let files = Self.files("eta.yaml", old, new)
        let problems = EngagementReferentiel.check(files: files)
        #expect(problems.contains { $0.file == "eta.yaml" && $0.line > 0 }, "\(new): \(problems)")
    }

    @Test("a talkgroup range of 10¹¹ names (it would not end) or starting below 0 is a problem")
    func hugeTalkgroupRange() {
        for range in ["from: 1, to: 99999999999", "from: -9223372036854775807, to: 9223372036854775807"] {
            let files = Self.files("talkgroups.yaml", "from: 101, to: 164", range)
            let problems = EngagementReferentiel.check(files: files)
            #expect(problems.contains { $0.file == "talkgroups.yaml" && $0.message.contains("at most 10,000 names") }, "\(range): \(problems)")
        }
    }

    @Test("the built-in files stay valid")
    func builtInValid() {
        #expect(EngagementReferentiel.check(files: EngagementReferentiel.files).isEmpty)
    }
}
