import CCASCore
import GRDB

extension Store {
    /// The events opened in [since, until), with their chain of times, and every unit's times
    /// on them. Exercise rows are left out unless asked for.
    public func reportSamples(since: Int64?, until: Int64?, includeExercise: Bool) throws -> (events: [EventTimes], units: [UnitTimes]) {
        try read { db in
            let window = "e.opened_at >= ? AND e.opened_at < ?" + (includeExercise ? "" : " AND e.exercise = 0")
            let args: StatementArguments = [since ?? Int64.min, until ?? Int64.max]
            // Per unit and call (a unit may serve several calls of one event): first time of each status.
            let unitRows = try Row.fetchCursor(db, sql: """
                SELECT e.number, e.priority, s.unit, max(s.unit_type),
                  min(CASE WHEN s.status = 'ALERTED' THEN s.at END),
                  min(CASE WHEN s.status = 'EN_ROUTE' THEN s.at END),
                  min(CASE WHEN s.status = 'ON_SCENE' THEN s.at END),
                  min(CASE WHEN s.status = 'AVAILABLE' THEN s.at END)
                FROM event e JOIN status_log s ON s.event_id = e.id
                WHERE \(window)
                GROUP BY e.id, s.unit, s.call_id
                """, arguments: args)
            var units: [UnitTimes] = []
            var firstByEvent: [String: (alerted: Int64?, onScene: Int64?, enRoute: Int64?)] = [:]
            while let r = try unitRows.next() {
                let u = UnitTimes(unit: r[2], unitType: r[3], event: r[0], priority: r[1], alertedAt: r[4], enRouteAt: r[5],
                                  onSceneAt: r[6], availableAt: r[7])
                units.append(u)
                var f = firstByEvent[u.event] ?? (nil, nil, nil)
                if let a = u.alertedAt, a < (f.alerted ?? .max) { f.alerted = a }
                if let o = u.onSceneAt {
                    // The first unit on scene; between units arriving together, the shortest travel.
                    if o < (f.onScene ?? .max) {
                        f.onScene = o
                        f.enRoute = u.enRouteAt
                    } else if o == f.onScene, let r = u.enRouteAt, r > (f.enRoute ?? .min) {
                        f.enRoute = r
                    }
                }
                firstByEvent[u.event] = f
            }
            let eventRows = try Row.fetchCursor(db, sql: """
                SELECT e.number, e.nature, e.priority, e.status, e.closed_at,
                  min(c.received_at), min(c.answered_at), count(*),
                  (SELECT c2.channel FROM call c2 WHERE c2.event_id = e.id ORDER BY c2.received_at LIMIT 1)
                FROM event e JOIN call c ON c.event_id = e.id
                WHERE \(window)
                GROUP BY e.id ORDER BY e.opened_at
                """, arguments: args)
            var events: [EventTimes] = []
            while let r = try eventRows.next() {
                let number: String = r[0]
                let f = firstByEvent[number]
                events.append(EventTimes(
                    number: number, nature: r[1], priority: r[2], status: r[3], channel: r[8], receivedAt: r[5],
                    answeredAt: r[6], firstAlertedAt: f?.alerted, firstOnSceneAt: f?.onScene,
                    firstOnSceneEnRouteAt: f?.enRoute, closedAt: r[4], calls: r[7]))
            }
            return (events, units)
        }
    }
}
