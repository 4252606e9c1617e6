import CCASCore
import Foundation
import GRDB
import Testing

@testable import CCASStore

/// The report's fast path (`reportSampleColumns`: two scans, names interned from SQLite's bytes)
/// must read exactly what the record form reads, for any window and with or without exercises.
@Suite("Report columns")
struct ReportColumnsTests {
    let dir = NSTemporaryDirectory() + "ccas-report-columns-" + UUID().uuidString

    /// Rows as text, names resolved, so two samples compare whatever their name numbering and order.
    static func rows(_ s: ReportSamples) -> (events: [String], engagements: [String]) {
        (s.events.map { e in
            "\(s.natures[e.nature])|\(s.priorities[e.priority])|\(s.channels[e.channel])|\(e.receivedAt)|\(e.answeredAt)|"
                + "\(e.firstAlertedAt)|\(e.firstOnSceneAt)|\(e.firstOnSceneEnRouteAt)"
        }.sorted(),
         s.engagements.map { u in
            "\(s.units[u.unit])|\(s.unitTypes[u.unitType])|\(s.priorities[u.priority])|\(u.alertedAt)|\(u.enRouteAt)|"
                + "\(u.onSceneAt)|\(u.availableAt)"
        }.sorted())
    }

    @Test("columns equal the record form, whole store and windows, exercises in or out, read in parts")
    func columnsEqualRecords() throws {
        let store = try Store(path: dir + "/ccas.db")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try store.write { try MilestoneTests.fill($0, events: 400, seed: 3) }
        let t0: Int64 = 1_767_225_600_000
        let windows: [(Int64?, Int64?)] = [(nil, nil), (t0 + 60_000 * 50, nil), (nil, t0 + 60_000 * 300),
                                           (t0 + 60_000 * 100, t0 + 60_000 * 101), (t0 + 60_000 * 120, t0 + 60_000 * 250),
                                           (t0 - 10, t0 - 5)]
        for (since, until) in windows {
            for (exercise, parts) in [(false, 1), (true, 1), (false, 3), (true, 2)] {
                let records = try store.reportSamples(since: since, until: until, includeExercise: exercise)
                let columns = try store.reportSampleColumns(since: since, until: until, includeExercise: exercise, parts: parts)
                let expected = Self.rows(ReportSamples(events: records.events, units: records.units))
                let actual = Self.rows(columns)
                #expect(actual.events == expected.events, "since \(String(describing: since)) until \(String(describing: until)) exercise \(exercise), \(parts) parts")
                #expect(actual.engagements == expected.engagements, "since \(String(describing: since)) until \(String(describing: until)) exercise \(exercise), \(parts) parts")
                if since == nil && until == nil {
                    #expect(actual.events.count > 300)
                    #expect(actual.engagements.count > 300)
                }
            }
        }
    }

    @Test("names are numbered once each, from bytes or from strings alike")
    func namesIntern() {
        var names = ReportNames()
        let words = (0..<500).map { "U\($0 % 137)-\($0 % 3)" } + ["", "é", "P1", "P1"]
        var ids: [String: Int32] = [:]
        for w in words {
            var bytes = Array(w.utf8)
            let id = bytes.withUnsafeBufferPointer { names.id(utf8: $0) }
            #expect(names.id(w) == id)
            #expect(names[id] == w)
            if let seen = ids[w] { #expect(seen == id) }
            ids[w] = id
            bytes.removeAll()
        }
        #expect(names.count == Set(words).count)
    }
}
