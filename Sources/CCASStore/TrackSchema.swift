import GRDB

/// Migration "v4-track": field messages, and the indexes the reports read.
enum TrackSchema {
    static func v4(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE message (
                id INTEGER PRIMARY KEY,
                event_id INTEGER NOT NULL REFERENCES event(id),
                type TEXT NOT NULL,
                text TEXT,
                from_unit TEXT,
                victims INTEGER,
                needs TEXT,
                at INTEGER NOT NULL,
                operator TEXT NOT NULL,
                exercise INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX message_by_event ON message(event_id, at);
            CREATE INDEX status_log_by_call_unit ON status_log(call_id, unit, status);
            CREATE INDEX event_by_opened ON event(opened_at);
            """)
    }
}
