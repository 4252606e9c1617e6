import GRDB

/// Migration "v5-report-milestones": the times the report reads, kept up to date as statuses
/// and calls are written, so `ccas-track report` scans one row per event and one per unit
/// engagement instead of grouping the whole status log (1,000,000 events: ~8,000,000 statuses).
///
/// - `unit_milestone`: per event, unit and call (as the report's turnout is per unit and call),
///   the first ALERTED, EN_ROUTE, ON_SCENE and AVAILABLE times and the unit's type.
/// - on `event`: `calls`, `first_received_at`, `first_answered_at`, `first_channel` (of the
///   earliest call), `first_alerted_at`, `first_on_scene_at` and `first_on_scene_en_route_at`
///   (the en route time of the first unit on scene; between units arriving together, the latest,
///   i.e. the shortest travel).
///
/// Triggers maintain them inside the statement that writes the status or the call, hence in
/// the same transaction as the change and its journal row, whichever code path writes it
/// (operator status, logged feed, dispatch, closure). The migration backfills them.
enum ReportMilestones {
    static func v5(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE unit_milestone (
                event_id INTEGER NOT NULL,
                unit TEXT NOT NULL,
                call_key TEXT NOT NULL,  -- status_log.call_id, '' when none
                unit_type TEXT,
                alerted_at INTEGER,
                en_route_at INTEGER,
                on_scene_at INTEGER,
                available_at INTEGER,
                PRIMARY KEY (event_id, unit, call_key)
            ) WITHOUT ROWID;
            ALTER TABLE event ADD COLUMN calls INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE event ADD COLUMN first_received_at INTEGER;
            ALTER TABLE event ADD COLUMN first_answered_at INTEGER;
            ALTER TABLE event ADD COLUMN first_channel TEXT;
            ALTER TABLE event ADD COLUMN first_alerted_at INTEGER;
            ALTER TABLE event ADD COLUMN first_on_scene_at INTEGER;
            ALTER TABLE event ADD COLUMN first_on_scene_en_route_at INTEGER;
            """)
        try db.execute(sql: backfill)
        try db.execute(sql: triggers)
    }

    /// The first on-scene time of an event, and the en route time that goes with it.
    static func firstOnScene(_ event: String) -> String {
        """
        first_on_scene_at = (SELECT min(on_scene_at) FROM unit_milestone WHERE event_id = \(event)),
        first_on_scene_en_route_at = (SELECT max(m.en_route_at) FROM unit_milestone m WHERE m.event_id = \(event)
          AND m.on_scene_at = (SELECT min(on_scene_at) FROM unit_milestone WHERE event_id = \(event)))
        """
    }

    static let milestoneColumns = """
        max(unit_type),
        min(CASE WHEN status = 'ALERTED' THEN at END), min(CASE WHEN status = 'EN_ROUTE' THEN at END),
        min(CASE WHEN status = 'ON_SCENE' THEN at END), min(CASE WHEN status = 'AVAILABLE' THEN at END)
        """

    static let backfill = """
        INSERT INTO unit_milestone (event_id, unit, call_key, unit_type, alerted_at, en_route_at, on_scene_at, available_at)
          SELECT event_id, unit, coalesce(call_id, ''), \(milestoneColumns)
          FROM status_log WHERE event_id IS NOT NULL GROUP BY event_id, unit, coalesce(call_id, '');
        UPDATE event SET
          calls = (SELECT count(*) FROM call WHERE event_id = event.id),
          first_received_at = (SELECT min(received_at) FROM call WHERE event_id = event.id),
          first_answered_at = (SELECT min(answered_at) FROM call WHERE event_id = event.id),
          first_channel = (SELECT channel FROM call WHERE event_id = event.id ORDER BY received_at, rowid LIMIT 1),
          first_alerted_at = (SELECT min(alerted_at) FROM unit_milestone WHERE event_id = event.id),
          \(firstOnScene("event.id"));
        """

    /// `earlier(a, b)`: the earlier of two times, either may be NULL (SQLite's min() of a NULL is NULL).
    static func earlier(_ a: String, _ b: String) -> String {
        "CASE WHEN \(b) IS NOT NULL AND (\(a) IS NULL OR \(b) < \(a)) THEN \(b) ELSE \(a) END"
    }

    static let triggers = """
        CREATE TRIGGER unit_milestone_on_status AFTER INSERT ON status_log WHEN NEW.event_id IS NOT NULL
        BEGIN
          INSERT INTO unit_milestone (event_id, unit, call_key, unit_type, alerted_at, en_route_at, on_scene_at, available_at)
          VALUES (NEW.event_id, NEW.unit, coalesce(NEW.call_id, ''), NEW.unit_type,
                  CASE WHEN NEW.status = 'ALERTED' THEN NEW.at END, CASE WHEN NEW.status = 'EN_ROUTE' THEN NEW.at END,
                  CASE WHEN NEW.status = 'ON_SCENE' THEN NEW.at END, CASE WHEN NEW.status = 'AVAILABLE' THEN NEW.at END)
          ON CONFLICT (event_id, unit, call_key) DO UPDATE SET
            unit_type = CASE WHEN excluded.unit_type IS NOT NULL AND (unit_type IS NULL OR excluded.unit_type > unit_type)
                             THEN excluded.unit_type ELSE unit_type END,
            alerted_at = \(earlier("alerted_at", "excluded.alerted_at")),
            en_route_at = \(earlier("en_route_at", "excluded.en_route_at")),
            on_scene_at = \(earlier("on_scene_at", "excluded.on_scene_at")),
            available_at = \(earlier("available_at", "excluded.available_at"));
          UPDATE event SET first_alerted_at = NEW.at
            WHERE NEW.status = 'ALERTED' AND id = NEW.event_id AND (first_alerted_at IS NULL OR NEW.at < first_alerted_at);
          UPDATE event SET \(firstOnScene("NEW.event_id"))
            WHERE NEW.status IN ('EN_ROUTE', 'ON_SCENE') AND id = NEW.event_id;
        END;
        -- A deleted status (exercise purge): recompute what it fed from what remains.
        CREATE TRIGGER unit_milestone_on_status_delete AFTER DELETE ON status_log WHEN OLD.event_id IS NOT NULL
        BEGIN
          DELETE FROM unit_milestone WHERE event_id = OLD.event_id AND unit = OLD.unit AND call_key = coalesce(OLD.call_id, '');
          INSERT INTO unit_milestone (event_id, unit, call_key, unit_type, alerted_at, en_route_at, on_scene_at, available_at)
            SELECT event_id, unit, coalesce(call_id, ''), \(milestoneColumns) FROM status_log
            WHERE event_id = OLD.event_id AND unit = OLD.unit AND coalesce(call_id, '') = coalesce(OLD.call_id, '')
            GROUP BY event_id, unit, coalesce(call_id, '');
          UPDATE event SET first_alerted_at = (SELECT min(alerted_at) FROM unit_milestone WHERE event_id = OLD.event_id),
            \(firstOnScene("OLD.event_id"))
            WHERE id = OLD.event_id;
        END;
        CREATE TRIGGER unit_milestone_on_event_delete AFTER DELETE ON event
        BEGIN
          DELETE FROM unit_milestone WHERE event_id = OLD.id;
        END;
        -- Calls are written once (only their classification changes later).
        CREATE TRIGGER event_first_call AFTER INSERT ON call
        BEGIN
          UPDATE event SET calls = calls + 1,
            first_channel = CASE WHEN first_received_at IS NULL OR NEW.received_at < first_received_at
                                 THEN NEW.channel ELSE first_channel END,
            first_received_at = \(earlier("first_received_at", "NEW.received_at")),
            first_answered_at = \(earlier("first_answered_at", "NEW.answered_at"))
            WHERE id = NEW.event_id;
        END;
        """
}
