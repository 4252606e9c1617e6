import CCASStore
import Foundation
import Testing

/// Several programs opening a store that does not exist yet, at the same moment (a pipe
/// `ccas-intake | ccas-classify` on a new path does exactly this): each must find the schema
/// migrated once, none may fail with "table already exists".
@Suite("Store: migrations under concurrent opening")
struct MigrationRaceTests {
    @Test("eight stores opened at once on a new path all open, and the migrations ran once")
    func concurrentOpen() throws {
        for round in 0..<5 {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccas-migrate-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: dir) }
            let path = dir.appendingPathComponent("ccas.db").path
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: 8) { _ in
                do { _ = try Store(path: path) } catch { failures.add("\(error)") }
            }
            #expect(failures.all.isEmpty, "round \(round): \(failures.all)")
            let versions = try Store(path: path).schemaVersion()
            #expect(versions.count == Set(versions).count && !versions.isEmpty)
        }
    }
}

private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
