import GRDB

/// Migration "v6-intake-lean": what each stored call costs SQLite, measured with callgrind on
/// 20,000 generated calls (instructions a call, of ≈170,000):
/// - the v5 trigger `event_first_call` ≈20,700 (a trigger program run per call). Only the intake
///   writes calls, so it now keeps `calls` and the `first_*` columns itself, in the statement
///   that opens or touches the event (IntakeSession);
/// - the journal's AUTOINCREMENT ≈8,300 (an update of `sqlite_sequence` per row). `seq` stays an
///   INTEGER PRIMARY KEY: a new row takes max(seq) + 1, so a sequence number is never reused as
///   long as the newest row is never deleted — only the exercise purge deletes rows, and it
///   writes its own row after the highest number it found (Purge.exerciseRows).
enum IntakeSchema {
    static func v6(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER IF EXISTS event_first_call;
            CREATE TABLE journal_v6 (
                seq INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                operator TEXT NOT NULL,
                kind TEXT NOT NULL,
                subject TEXT NOT NULL,
                payload TEXT NOT NULL,
                exercise INTEGER NOT NULL DEFAULT 0
            );
            INSERT INTO journal_v6 (seq, at, operator, kind, subject, payload, exercise)
              SELECT seq, at, operator, kind, subject, payload, exercise FROM journal ORDER BY seq;
            DROP TABLE journal;
            DELETE FROM sqlite_sequence WHERE name = 'journal';
            ALTER TABLE journal_v6 RENAME TO journal;
            CREATE INDEX journal_by_subject ON journal(subject);
            """)
    }

    /// The log book's rows the intake writes, `event.opened` and `call.received`, are left out of
    /// `journal_by_subject`. Keeping them in cost the intake ≈ 8,000 instructions a call of ≈ 68,000
    /// (callgrind, 20,000 generated calls): two entries a call, a call id's among the others in
    /// key order rather than at the end. The index serves the personal-data purge, which reads a
    /// closed event's and its calls' rows to scrub them; the intake writes those two kinds with
    /// fixed keys that hold no personal data (IntakeSession; IntakeJournalTests check it), so
    /// there is nothing in them to scrub.
    static let unindexedKinds = "('call.received', 'event.opened')"

    static func v7(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX journal_by_subject;
            CREATE INDEX journal_by_subject ON journal(subject) WHERE kind NOT IN \(unindexedKinds);
            """)
    }
}
