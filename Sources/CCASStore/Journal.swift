import CCASCore
import GRDB

/// The log book (main courante): append-only, one row per state change, written in the
/// transaction of the change it records.
public enum Journal {
    /// Appends a row and returns its sequence number: one more than the highest, or `after + 1`
    /// when that is higher (a caller that deleted the newest rows keeps numbers from being reused,
    /// since a follower has already seen them).
    @discardableResult
    public static func append(
        _ db: Database, at: Int64, operator op: String, kind: String, subject: String,
        payload: JSON, exercise: Bool = false, after: Int64? = nil
    ) throws -> Int64 {
        let statement = try RawStatement(db, after == nil ? insertSQL : insertAfterSQL)
        try run(statement, at: at, operator: op, kind: kind, subject: subject, payload: payload, exercise: exercise, after: after)
        return db.rawLastInsertedRowID
    }

    /// Binds and runs `insertSQL` (or `insertAfterSQL`, given `after`): one place for the row's bytes.
    static func run(_ statement: RawStatement, at: Int64, operator op: String, kind: String, subject: String,
                    payload: JSON, exercise: Bool, after: Int64? = nil) throws {
        var sink = ByteSink(capacity: 256)
        JSONWriter.write(payload, to: &sink)
        statement.bind(1, at)
        statement.bind(2, op)
        statement.bind(3, kind)
        statement.bind(4, subject)
        statement.bind(5, text: sink.bytes)
        statement.bind(6, exercise)
        if let after { statement.bind(7, after) }
        try statement.run()
    }

    static let insertSQL = "INSERT INTO journal (at, operator, kind, subject, payload, exercise) VALUES (?, ?, ?, ?, ?, ?)"
    static let insertAfterSQL = """
        INSERT INTO journal (seq, at, operator, kind, subject, payload, exercise)
        VALUES (max(?7, coalesce((SELECT max(seq) FROM journal), 0)) + 1, ?1, ?2, ?3, ?4, ?5, ?6)
        """
}

/// One row of the log book, as read back.
public struct JournalEntry: Sendable, Equatable {
    public var seq: Int64
    public var at: Int64
    public var operatorName: String
    public var kind: String
    public var subject: String
    public var payload: String
    public var exercise: Bool

    /// The row as an NDJSON record.
    public var json: JSON {
        let body = (try? JSONParser.parse(payload)) ?? .string(payload)
        return [
            "kind": "journal", "v": 1, "seq": .int(seq), "at": .string(StoreTime.format(at)),
            "operator": .string(operatorName), "entry": .string(kind), "subject": .string(subject),
            "payload": body, "exercise": .bool(exercise),
        ]
    }
}

extension Store {
    /// Rows after `seq`, oldest first.
    public func journal(after seq: Int64 = 0, limit: Int = 10_000) throws -> [JournalEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT seq, at, operator, kind, subject, payload, exercise FROM journal
                WHERE seq > ? ORDER BY seq LIMIT ?
                """, arguments: [seq, limit]).map {
                JournalEntry(seq: $0[0], at: $0[1], operatorName: $0[2], kind: $0[3], subject: $0[4], payload: $0[5], exercise: $0[6])
            }
        }
    }
}
