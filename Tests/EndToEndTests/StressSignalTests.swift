import Foundation
import Testing

/// SIGINT / SIGTERM during a batch intake: exit 130 / 143 by the program itself, whole records
/// only, printed == stored (scripts/stress/signals.sh).
@Suite("Stress: SIGINT and SIGTERM", .serialized)
struct StressSignalTests {
    @Test("SIGINT and SIGTERM at random moments: exit 130/143, whole records, printed exactly the stored ones")
    func signals() throws {
        let r = try StressScript.run("signals.sh", ["CALLS": "20000", "ROUNDS": "1"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test("a SIGTERM while a batch is stored: the program exits 143 itself, after the batch, saying so")
    func exitCodeSeenByParent() throws {
        let dir = Shell.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Shell.run("ccas-bench generate-calls 200000 > '\(dir)/calls.ndjson' && ccas-intake -q --db '\(dir)/db' < /dev/null")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Shell.binDir + "/ccas-intake")
        process.arguments = ["--db", dir + "/db", dir + "/calls.ndjson"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        let err = Pipe()
        process.standardError = err
        try process.run()
        usleep(1_500_000)
        process.terminate()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // Not killed by the signal (.uncaughtSignal): the program ended itself with 143.
        #expect(process.terminationReason == .exit && process.terminationStatus == 143, "\(process.terminationReason) \(process.terminationStatus) \(stderr)")
    }
}
