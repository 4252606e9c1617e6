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

extension RawStatement {
    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    /// Whether a text column holds exactly `s`, without building a String.
    func textEquals(_ column: Int32, _ s: String) -> Bool {
        guard let p = sqlite3_column_text(handle, column) else { return false }
        let n = Int(sqlite3_column_bytes(handle, column))
        var s = s
        return s.withUTF8 { b in b.count == n && (n == 0 || memcmp(b.baseAddress!, p, n) == 0) }
    }
}
