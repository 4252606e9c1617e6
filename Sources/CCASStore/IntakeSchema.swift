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
}
