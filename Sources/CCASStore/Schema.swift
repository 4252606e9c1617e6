import GRDB

/// The store's migrations, in order. A shipped migration is never edited: add a new one.
/// Times are integer milliseconds since the epoch (UTC); JSON columns hold compact JSON text.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-calls-events-journal") { db in
            // What each index is for (every index costs each insert):
            // event.number UNIQUE: events by their human number (statuses, dispatch, notify);
            // event_by_correlation_key: a logged file's incident number → its event (intake);
            // event_open_by_time: the intake's index of open events in a time window (IntakeIndex);
            // call.id UNIQUE: idempotency (INSERT … ON CONFLICT DO NOTHING) and calls by id;
            // call_by_event: the calls of an event; call_with_phone_by_time: the intake's index
            // of recent callback numbers; status_log UNIQUE: idempotent historical statuses;
            // status_log_by_event: an event's unit times; journal_by_subject: an event's or a
            // call's history in the log book (since v7, without the intake's own rows).
            // Gapless per-year event numbers: the counter is bumped in the transaction that
            // opens the event, and SQLite serialises writers, so no number is skipped or shared.
            try db.execute(sql: """
                CREATE TABLE event_counter (
                    year INTEGER PRIMARY KEY,
                    last INTEGER NOT NULL
                );
                CREATE TABLE event (
                    id INTEGER PRIMARY KEY,
                    number TEXT NOT NULL UNIQUE,
                    status TEXT NOT NULL DEFAULT 'OPEN',
                    opened_at INTEGER NOT NULL,
                    last_call_at INTEGER NOT NULL,
                    closed_at INTEGER,
                    lat REAL,
                    lon REAL,
                    address TEXT,
                    phone TEXT,
                    correlation_key TEXT,
                    nature TEXT,
                    priority TEXT,
                    victims INTEGER,
                    outcome TEXT,
                    exercise INTEGER NOT NULL DEFAULT 0
                );
                CREATE UNIQUE INDEX event_by_correlation_key ON event(correlation_key) WHERE correlation_key IS NOT NULL;
                CREATE INDEX event_open_by_time ON event(last_call_at) WHERE status NOT IN ('CLOSED', 'CANCELLED');
                CREATE TABLE call (
                    rowid INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    event_id INTEGER NOT NULL REFERENCES event(id),
                    received_at INTEGER NOT NULL,
                    answered_at INTEGER,
                    channel TEXT NOT NULL,
                    phone TEXT,
                    lat REAL,
                    lon REAL,
                    address TEXT,
                    text TEXT,
                    correlation TEXT,
                    nature TEXT,
                    priority TEXT,
                    classification TEXT,
                    classified_at INTEGER,
                    record TEXT NOT NULL,
                    operator TEXT NOT NULL,
                    exercise INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX call_by_event ON call(event_id);
                CREATE INDEX call_with_phone_by_time ON call(received_at) WHERE phone IS NOT NULL;
                CREATE TABLE status_log (
                    id INTEGER PRIMARY KEY,
                    unit TEXT NOT NULL,
                    unit_type TEXT,
                    status TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    event_id INTEGER REFERENCES event(id),
                    call_id TEXT,
                    lat REAL,
                    lon REAL,
                    source TEXT,
                    operator TEXT NOT NULL,
                    exercise INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (unit, status, at)
                );
                CREATE INDEX status_log_by_event ON status_log(event_id, at);
                CREATE TABLE journal (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at INTEGER NOT NULL,
                    operator TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    exercise INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX journal_by_subject ON journal(subject);
                """)
        }
        migrator.registerMigration("v2-units-stations-engagements", migrate: DispatchSchema.v2)
        migrator.registerMigration("v3-notification-outbox", migrate: NotifySchema.migrate)
        migrator.registerMigration("v4-track", migrate: TrackSchema.v4)
        migrator.registerMigration("v5-report-milestones", migrate: ReportMilestones.v5)
        migrator.registerMigration("v6-intake-lean", migrate: IntakeSchema.v6)
        migrator.registerMigration("v7-journal-subject-partial", migrate: IntakeSchema.v7)
        // Later migrations, in order, each in the file of the program that needs it:
        // v2 units, stations, engagements, talkgroups (ccas-dispatch, DispatchSchema.swift);
        // v3 notification outbox (ccas-notify, NotifySchema.swift);
        // v4 field messages (ccas-track, TrackSchema.swift);
        // v5 the report's milestone times, kept by triggers (ccas-track report, ReportMilestones.swift);
        // v6 a leaner intake: no trigger on call, a journal without AUTOINCREMENT (IntakeSchema.swift);
        // v7 journal_by_subject without the intake's own rows (IntakeSchema.swift).
        return migrator
    }
}
