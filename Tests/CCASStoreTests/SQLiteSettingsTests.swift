import Foundation
import Testing

@testable import CCASStore

@Suite("SQLite's process settings")
struct SQLiteSettingsTests {
    @Test("memory statistics off and statement journals in memory before SQLite's first use (CSQLiteSettings runs at load)")
    func appliedAtLoad() throws {
        // Opening a store first, as the programs do: the settings must already hold.
        let dir = NSTemporaryDirectory() + "ccas-settings-" + UUID().uuidString
        _ = try Store(path: dir + "/ccas.db")
        #expect(Store.sqliteSettingsApplied)
    }
}
