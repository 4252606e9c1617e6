import CCASCore
import Foundation
import GRDB
import Testing

@testable import CCASStore

/// A long intake checkpoints on a thread of its own and syncs its commits itself (Checkpointer):
/// the same rows as the usual way, a WAL that stays bounded, the usual settings back after it.
@Suite("Bulk intake: checkpoints on their own thread")
struct CheckpointerTests {
    let dir = NSTemporaryDirectory() + "ccas-bulk-" + UUID().uuidString

    /// 40 batches of 100 calls, some joining events of earlier batches.
    func batches() -> [[IncomingCall]] {
        let t: Int64 = 1_795_000_000_000
        return (0..<40).map { b in
            (0..<100).map { i in
                let n = b * 100 + i
                let at = t + Int64(n) * 15_000
                return IncomingCall(id: "B-\(n)", receivedAt: at, channel: "phone", phone: "+3361234\(String(format: "%04d", n % 700))",
                                    lat: 48.0 + Double(n % 300) * 0.01, lon: 2.0, address: "\(n) rue de la Paix",
                                    text: String(repeating: "appel \(n) ", count: 20), record: ["id": .string("B-\(n)")])
            }
        }
    }

    func rows(_ store: Store) throws -> [String] {
        try store.read { db in
            try ["SELECT * FROM call ORDER BY rowid", "SELECT * FROM event ORDER BY id",
                 "SELECT seq, operator, kind, subject, payload, exercise FROM journal ORDER BY seq"].map { sql in
                try Row.fetchAll(db, sql: sql).map(\.description).joined(separator: "\n")
            }
        }
    }

    func walPages(_ path: String) -> Int {
        let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        return size / (4096 + 24)
    }

    @Test("the same rows; the WAL stays under its bound; both threads checkpoint; settings restored")
    func bulkIntake() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let usual = try Store(path: dir + "/usual.db")
        for batch in batches() { _ = try usual.intake(batch, operator: "op") }

        let path = dir + "/bulk.db"
        let store = try Store(path: path)
        try store.beginBulkIntake(restartPages: 200)
        let checkpointer = try #require(store.checkpointer)
        var largest = 0
        for batch in batches() {
            _ = try store.intake(batch, operator: "op")
            try store.syncCommitted()
            largest = max(largest, walPages(path))
        }
        // A batch of 100 calls writes well under 200 pages: the WAL restarts before 400.
        #expect(largest < 400, "the WAL reached \(largest) pages")
        #expect(checkpointer.helperFrames > 0)
        #expect(checkpointer.writerPasses > 0)
        let synchronous = try store.pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        #expect(synchronous == 1)  // NORMAL while bulk: syncCommitted makes commits durable
        store.endBulkIntake()
        #expect(store.checkpointer == nil)
        let after = try store.pool.writeWithoutTransaction { db in
            (try Int.fetchOne(db, sql: "PRAGMA synchronous"), try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint"))
        }
        #expect(after.0 == 2 && after.1 == 1000)
        #expect(try rows(store) == rows(usual))
        #expect(try store.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
    }

    @Test("syncCommitted outside a bulk intake does nothing; ending twice is harmless")
    func outsideBulk() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Store(path: dir + "/ccas.db")
        try store.syncCommitted()
        try store.beginBulkIntake()
        store.endBulkIntake()
        store.endBulkIntake()
        _ = try store.intake(batches()[0], operator: "op")
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM call") } == 100)
    }
}
