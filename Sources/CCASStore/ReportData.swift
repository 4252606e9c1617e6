import CCASCore
import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

extension Store {
    /// The events opened in [since, until), with their chain of times, and every unit's times
    /// on them. Exercise rows are left out unless asked for.
    ///
    /// Reads the milestones of migration v5 (kept by triggers, see `ReportMilestones`): one row
    /// per event and one per unit and call, through the SQLite C API — GRDB's `Row` costs about
    /// a microsecond a column, which over 1,000,000 events was most of the report's time.
    public func reportSamples(since: Int64?, until: Int64?, includeExercise: Bool) throws -> (events: [EventTimes], units: [UnitTimes]) {
        try read { db in
            let window = "e.opened_at >= ?1 AND e.opened_at < ?2" + (includeExercise ? "" : " AND e.exercise = 0")
            func bindWindow(_ s: RawStatement) {
                s.bind(1, since ?? Int64.min)
                s.bind(2, until ?? Int64.max)
            }
            let eventRows = try RawStatement(db, """
                SELECT e.number, e.nature, e.priority, e.status, e.closed_at, e.first_received_at, e.first_answered_at,
                  e.calls, e.first_channel, e.first_alerted_at, e.first_on_scene_at, e.first_on_scene_en_route_at
                FROM event e WHERE \(window) AND e.calls > 0 ORDER BY e.opened_at
                """)
            defer { eventRows.reset() }
            bindWindow(eventRows)
            var events: [EventTimes] = []
            while try eventRows.step() {
                let r = eventRows
                events.append(EventTimes(
                    number: r.text(0), nature: r.optionalText(1), priority: r.optionalText(2), status: r.text(3),
                    channel: r.optionalText(8), receivedAt: r.int64(5), answeredAt: r.optionalInt64(6),
                    firstAlertedAt: r.optionalInt64(9), firstOnSceneAt: r.optionalInt64(10),
                    firstOnSceneEnRouteAt: r.optionalInt64(11), closedAt: r.optionalInt64(4), calls: Int(r.int64(7))))
            }
            // Per unit and call (a unit may serve several calls of one event).
            let unitRows = try RawStatement(db, """
                SELECT e.number, e.priority, m.unit, m.unit_type, m.alerted_at, m.en_route_at, m.on_scene_at, m.available_at
                FROM event e JOIN unit_milestone m ON m.event_id = e.id
                WHERE \(window)
                """)
            defer { unitRows.reset() }
            bindWindow(unitRows)
            var units: [UnitTimes] = []
            var number = "", priority: String?
            while try unitRows.step() {
                let r = unitRows
                // Rows of one event come together (the primary key starts with it): share its strings.
                if !r.textEquals(0, number) {
                    number = r.text(0)
                    priority = r.optionalText(1)
                }
                units.append(UnitTimes(
                    unit: r.text(2), unitType: r.optionalText(3), event: number, priority: priority,
                    alertedAt: r.optionalInt64(4), enRouteAt: r.optionalInt64(5), onSceneAt: r.optionalInt64(6),
                    availableAt: r.optionalInt64(7)))
            }
            return (events, units)
        }
    }
}

extension Store {
    /// The same samples as `reportSamples`, in the columnar form the report builds from: the
    /// fast path of `ccas-track report` (1,000,000 events, 2,000,000 unit engagements).
    ///
    /// The events' id range is cut in parts read at once on as many connections (the store is
    /// WAL: readers do not wait for each other), one per processor up to four; the parts are
    /// then merged. Every state change appends to the journal in its own transaction, so readers
    /// that see the same last journal row see the same store; if they do not (a write landed
    /// between their starts) the samples are read again in one transaction.
    public func reportSampleColumns(since: Int64?, until: Int64?, includeExercise: Bool) throws -> ReportSamples {
        try reportSampleColumns(since: since, until: until, includeExercise: includeExercise, parts: nil)
    }

    /// `parts`: how many parts to read at once (tests); by default one per processor, up to four,
    /// and one for a small store.
    func reportSampleColumns(since: Int64?, until: Int64?, includeExercise: Bool, parts: Int?) throws -> ReportSamples {
        let window = ReportWindow(since: since, until: until, includeExercise: includeExercise)
        let range = try read { db -> (first: Int64, last: Int64)? in
            // Not the exercise flag: min and max of the rowid alone are two b-tree descents.
            let r = try RawStatement(db, "SELECT min(id), max(id) FROM event " + window.timeClause)
            defer { r.reset() }
            window.bind(r)
            guard try r.step(), !r.isNull(0) else { return nil }
            return (r.int64(0), r.int64(1))
        }
        guard let range else { return ReportSamples() }
        let parts = parts ?? (range.last - range.first < 100_000 ? 1 : min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 4))
        if parts == 1 { return try read { db in try window.read(db, ids: range.first...range.last).samples } }
        let step = (range.last - range.first) / Int64(parts) + 1
        let results = ReportParts(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { i in
            // A part past the end (more parts than ids) reads an empty range.
            let first = min(range.first + Int64(i) * step, range.last + 1), last = min(first + step - 1, range.last)
            results.set(i, Result { try read { db in try window.read(db, ids: first...max(first, last)) } })
        }
        let done = try results.values.map { try $0!.get() }
        guard Set(done.map(\.journal)).count == 1 else {
            return try read { db in try window.read(db, ids: range.first...range.last).samples }
        }
        var samples = done[0].samples
        for part in done.dropFirst() { samples.merge(part.samples) }
        return samples
    }
}

/// The results of the parts of a report read, each written by its own thread.
private final class ReportParts: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Result<(samples: ReportSamples, journal: Int64), Error>?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<(samples: ReportSamples, journal: Int64), Error>) {
        lock.lock()
        values[i] = value
        lock.unlock()
    }
}

/// Which events a report covers: opened in [since, until), exercises left out unless asked for.
struct ReportWindow {
    let since: Int64?
    let until: Int64?
    let includeExercise: Bool

    /// The conditions on `event`, parameters ?1 (since) and ?2 (until); the rest are free.
    var conditions: [String] {
        var c: [String] = []
        if since != nil { c.append("opened_at >= ?1") }
        if until != nil { c.append("opened_at < ?2") }
        if !includeExercise { c.append("exercise = 0") }
        return c
    }
    /// The conditions on the time only, as a WHERE clause ("" when the window is open).
    var timeClause: String {
        let c = conditions.filter { $0.hasPrefix("opened_at") }
        return c.isEmpty ? "" : "WHERE " + c.joined(separator: " AND ")
    }

    func bind(_ s: RawStatement) {
        if let since { s.bind(1, since) }
        if let until { s.bind(2, until) }
    }

    /// The samples of the events whose id is in `ids`, and the last journal row this read sees.
    ///
    /// Two plain scans instead of a join: the events (in row order, or by the `opened_at` index
    /// for a narrow window), keeping each one's priority by id, then `unit_milestone` over the
    /// same ids in primary key order, each row taking its event's priority from that table — a
    /// join would search the event and the milestone b-trees once per event. Names are interned
    /// from SQLite's bytes (`ReportNames`), NULL times come back as `ReportSamples.missing` from
    /// SQL, so a row is a handful of C calls.
    func read(_ db: Database, ids: ClosedRange<Int64>) throws -> (samples: ReportSamples, journal: Int64) {
        let journal = try Int64.fetchOne(db, sql: "SELECT ifnull(max(seq), 0) FROM journal") ?? 0
        var samples = ReportSamples()
        let missing = "\(ReportSamples.missing)"
        let eventRows = try RawStatement(db, """
            SELECT id, calls, nature, priority, first_channel, first_received_at,
              ifnull(first_answered_at, \(missing)), ifnull(first_alerted_at, \(missing)),
              ifnull(first_on_scene_at, \(missing)), ifnull(first_on_scene_en_route_at, \(missing))
            FROM event WHERE \((conditions + ["id BETWEEN ?3 AND ?4"]).joined(separator: " AND "))
            """)
        defer { eventRows.reset() }
        bind(eventRows)
        eventRows.bind(3, ids.lowerBound)
        eventRows.bind(4, ids.upperBound)
        // Each event's priority by id (-1: not in the report), for its units' rows.
        // A dense table unless the ids are far apart (an id is the event's rowid: normally dense).
        let span = ids.upperBound - ids.lowerBound
        var priorityOf = [Int32](repeating: -1, count: span < 1 << 24 ? Int(span) + 1 : 0)
        var sparse: [Int64: Int32] = [:]
        while try eventRows.step() {
            let r = eventRows
            let priority = r.name(3, in: &samples.priorities, else: "none")
            let id = r.int64(0)
            if priorityOf.isEmpty { sparse[id] = priority } else { priorityOf[Int(id - ids.lowerBound)] = priority }
            guard r.int64(1) > 0 else { continue }  // an event without a call is no event to count
            samples.events.append(ReportSamples.Event(
                nature: r.name(2, in: &samples.natures, else: "unclassified"), priority: priority,
                channel: r.name(4, in: &samples.channels, else: "unknown"), receivedAt: r.int64(5), answeredAt: r.int64(6),
                firstAlertedAt: r.int64(7), firstOnSceneAt: r.int64(8), firstOnSceneEnRouteAt: r.int64(9)))
        }

        let unitRows = try RawStatement(db, """
            SELECT event_id, unit, unit_type, ifnull(alerted_at, \(missing)), ifnull(en_route_at, \(missing)),
              ifnull(on_scene_at, \(missing)), ifnull(available_at, \(missing))
            FROM unit_milestone WHERE event_id BETWEEN ?1 AND ?2
            """)
        defer { unitRows.reset() }
        unitRows.bind(1, ids.lowerBound)
        unitRows.bind(2, ids.upperBound)
        samples.engagements.reserveCapacity(samples.events.count * 2)
        while try unitRows.step() {
            let r = unitRows
            let id = r.int64(0)
            let priority = priorityOf.isEmpty ? sparse[id] ?? -1 : priorityOf[Int(id - ids.lowerBound)]
            guard priority >= 0 else { continue }
            samples.engagements.append(ReportSamples.Engagement(
                unit: r.name(1, in: &samples.units, else: ""), unitType: r.name(2, in: &samples.unitTypes, else: ""),
                priority: priority, alertedAt: r.int64(3), enRouteAt: r.int64(4), onSceneAt: r.int64(5), availableAt: r.int64(6)))
        }
        return (samples, journal)
    }
}

extension RawStatement {
    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    /// The id of a text column's value among `names` (`fallback`'s when NULL), without a String.
    @inline(__always) func name(_ column: Int32, in names: inout ReportNames, else fallback: String) -> Int32 {
        guard let p = sqlite3_column_text(handle, column) else { return names.id(fallback) }
        return names.id(utf8: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, column))))
    }

    /// Whether a text column holds exactly `s`, without building a String.
    func textEquals(_ column: Int32, _ s: String) -> Bool {
        guard let p = sqlite3_column_text(handle, column) else { return false }
        let n = Int(sqlite3_column_bytes(handle, column))
        var s = s
        return s.withUTF8 { b in b.count == n && (n == 0 || memcmp(b.baseAddress!, p, n) == 0) }
    }
}
