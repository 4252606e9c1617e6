import Foundation
import Testing

/// Every script of examples/ runs as it is, on a fresh store, with the built programs on PATH.
@Suite("examples/ scripts")
struct ExamplesTests {
    @Test("examples/shift.sh: a shift on the example département")
    func shift() throws {
        let dir = Shell.tempDir()
        let r = try Shell.run("examples/shift.sh '\(dir)/out'", env: ["CCAS_DB": dir + "/ccas.db"])
        #expect(r.status == 0, "\(r.stdout.suffix(800))\n\(r.stderr.suffix(800))")
        #expect(r.stdout.contains("event.closed"))
        #expect(FileManager.default.fileExists(atPath: dir + "/out/report.html"))
        #expect(FileManager.default.fileExists(atPath: dir + "/out/map.html"))
    }

    @Test("examples/replay-sf.sh: batch replay of the San Francisco sample with its report")
    func replay() throws {
        let dir = Shell.tempDir()
        let r = try Shell.run("examples/replay-sf.sh '\(dir)/out'", env: ["CCAS_DB": dir + "/ccas.db", "CCAS_DATA": Shell.sharedData])
        #expect(r.status == 0, "\(r.stderr.suffix(800))")
        #expect(r.stdout.contains("replay: 1560 calls"))
    }

    @Test("examples/cron/daily-report.sh writes the report and fails on a breached threshold")
    func cron() throws {
        let dir = Shell.tempDir()
        let env = ["CCAS_DB": dir + "/ccas.db"]
        let now = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3600))
        let setup = try Shell.run("ccas-intake -q --db '\(dir)/ccas.db' > /dev/null", stdin: "{\"id\":\"X\",\"received_at\":\"\(now)\",\"channel\":\"phone\",\"text\":\"x\"}\n")
        #expect(setup.status == 0)
        let ok = try Shell.run("examples/cron/daily-report.sh '\(dir)/www'", env: env.merging(["CCAS_FAIL_IF": "events.count<1"]) { $1 })
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/www/daily.html"))
        let breach = try Shell.run("examples/cron/daily-report.sh '\(dir)/www'", env: env.merging(["CCAS_FAIL_IF": "events.count>0"]) { $1 })
        #expect(breach.status == 1)
    }
}
