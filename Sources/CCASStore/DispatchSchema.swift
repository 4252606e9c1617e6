import GRDB

/// Migration "v2-units-stations-engagements": the unit register, engagements and talkgroups.
enum DispatchSchema {
    static func v2(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE station (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                lat REAL,
                lon REAL,
                sector TEXT,
                updated_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE unit (
                id TEXT PRIMARY KEY,
                type TEXT NOT NULL,
                station TEXT,
                capabilities TEXT NOT NULL,
                home_lat REAL,
                home_lon REAL,
                last_lat REAL,
                last_lon REAL,
                last_at INTEGER,
                status TEXT NOT NULL DEFAULT 'AVAILABLE',
                status_at INTEGER NOT NULL,
                event_id INTEGER REFERENCES event(id),
                exercise INTEGER NOT NULL DEFAULT 0,
                updated_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX unit_by_status ON unit(status);
            CREATE INDEX unit_by_event ON unit(event_id) WHERE event_id IS NOT NULL;
            CREATE TABLE engagement (
                id INTEGER PRIMARY KEY,
                event_id INTEGER NOT NULL REFERENCES event(id),
                unit TEXT NOT NULL REFERENCES unit(id),
                need TEXT,
                engaged_at INTEGER NOT NULL,
                released_at INTEGER,
                reason TEXT,
                release_reason TEXT,
                pick TEXT,
                operator TEXT NOT NULL,
                exercise INTEGER NOT NULL DEFAULT 0
            );
            -- The structural guarantee behind "never one unit engaged twice".
            CREATE UNIQUE INDEX engagement_open_unit ON engagement(unit) WHERE released_at IS NULL;
            CREATE INDEX engagement_by_event ON engagement(event_id);
            CREATE TABLE talkgroup_allocation (
                id INTEGER PRIMARY KEY,
                talkgroup TEXT NOT NULL,
                event_id INTEGER NOT NULL REFERENCES event(id),
                allocated_at INTEGER NOT NULL,
                released_at INTEGER,
                operator TEXT NOT NULL,
                exercise INTEGER NOT NULL DEFAULT 0
            );
            -- Never one talkgroup on two open events, never two talkgroups on one event.
            CREATE UNIQUE INDEX talkgroup_open ON talkgroup_allocation(talkgroup) WHERE released_at IS NULL;
            CREATE UNIQUE INDEX talkgroup_open_event ON talkgroup_allocation(event_id) WHERE released_at IS NULL;
            """)
    }
}
