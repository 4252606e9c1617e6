import GRDB

/// Migration "v3-notification-outbox": the notification outbox (ccas-notify).
///
/// A notification is written here in the transaction that decides it, with its journal row, then
/// delivered; a crash between the two loses nothing. `idempotency_key` is what receivers
/// deduplicate on; the UNIQUE index makes re-reading the same input queue nothing twice.
/// `claimed_until` is a delivery lease: a deliverer that dies mid-send leaves a row that another
/// picks up once the lease has passed (delivery is at least once).
enum NotifySchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE notification (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                idempotency_key TEXT NOT NULL UNIQUE,
                event_number TEXT,
                recipient TEXT NOT NULL,
                channel TEXT NOT NULL,
                target TEXT NOT NULL DEFAULT '',
                rule TEXT NOT NULL,
                unit TEXT,
                priority TEXT,
                payload TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sent', 'acknowledged', 'failed', 'escalated')),
                attempts INTEGER NOT NULL DEFAULT 0,
                queued_at INTEGER NOT NULL,
                next_attempt_at INTEGER NOT NULL,
                claimed_until INTEGER,
                deadline_at INTEGER NOT NULL,
                sent_at INTEGER,
                last_error TEXT,
                acknowledged_at INTEGER,
                acknowledged_by TEXT,
                escalated_at INTEGER,
                escalated_to TEXT,
                escalation_of INTEGER REFERENCES notification(id),
                operator TEXT NOT NULL,
                exercise INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX notification_due ON notification(next_attempt_at) WHERE status = 'pending';
            CREATE INDEX notification_open_by_deadline ON notification(deadline_at)
                WHERE status IN ('pending', 'sent') AND escalated_at IS NULL;
            CREATE INDEX notification_by_event ON notification(event_number);
            """)
    }
}
