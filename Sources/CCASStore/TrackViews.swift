import CCASCore
import GRDB

/// One line of the events list.
public struct EventLine: Sendable {
    public var number: String
    public var status: String
    public var nature: String?
    public var priority: String?
    public var openedAt: Int64
    public var address: String?
    public var lat: Double?
    public var lon: Double?
    public var calls: Int
    public var units: [String]
    public var exercise: Bool

    public var json: JSONObject {
        var r: JSONObject = ["kind": "event", "v": 1, "event_id": .string(number), "status": .string(status),
                             "nature": .optional(nature), "priority": .optional(priority),
                             "opened_at": .string(Timestamp(milliseconds: openedAt).iso8601), "calls": .int(calls),
                             "units": .strings(units)]
        if let address { r["address"] = .string(address) }
        if let lat, let lon { r["location"] = ["lat": .double(lat), "lon": .double(lon)] }
        if exercise { r["exercise"] = true }
        return r
    }
}

extension Store {
    /// Events, newest first: open ones only, or those opened since a time.
    public func eventLines(openOnly: Bool, since: Int64?, limit: Int = 1000) throws -> [EventLine] {
        try read { db in
            var conditions: [String] = []
            var args: [DatabaseValueConvertible?] = []
            if openOnly { conditions.append("e.status NOT IN ('CLOSED', 'CANCELLED')") }
            if let since { conditions.append("e.opened_at >= ?"); args.append(since) }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            args.append(limit)
            return try Row.fetchAll(db, sql: """
                SELECT e.number, e.status, e.nature, e.priority, e.opened_at, e.address, e.lat, e.lon, e.exercise,
                  (SELECT count(*) FROM call c WHERE c.event_id = e.id),
                  (SELECT group_concat(u.id, ',') FROM unit u WHERE u.event_id = e.id)
                FROM event e \(whereClause) ORDER BY e.opened_at DESC LIMIT ?
                """, arguments: StatementArguments(args)!).map { r in
                EventLine(number: r[0], status: r[1], nature: r[2], priority: r[3], openedAt: r[4], address: r[5], lat: r[6],
                          lon: r[7], calls: r[9], units: (r[10] as String?).map { $0.split(separator: ",").map(String.init).sorted() } ?? [],
                          exercise: r[8])
            }
        }
    }

    /// Everything known of one event, as one record: calls with their classification and
    /// reasons, units and their times, engagements, messages, notifications, talkgroup.
    public func eventDetail(_ number: String) throws -> JSONObject {
        try read { db in
            guard let e = try Row.fetchOne(db, sql: """
                SELECT id, number, status, nature, priority, opened_at, closed_at, address, lat, lon, victims, outcome, exercise
                FROM event WHERE number = ?
                """, arguments: [number]) else { throw LifecycleRefusal.unknownEvent(number) }
            let id: Int64 = e[0]
            func time(_ ms: Int64?) -> JSON { ms.map { .string(Timestamp(milliseconds: $0).iso8601) } ?? .null }
            var r: JSONObject = ["kind": "event", "v": 1, "event_id": .string(number), "status": .string(e[2]),
                                 "nature": .optional(e[3]), "priority": .optional(e[4]), "opened_at": time(e[5]),
                                 "closed_at": time(e[6]), "address": .optional(e[7])]
            if let lat: Double = e[8], let lon: Double = e[9] { r["location"] = ["lat": .double(lat), "lon": .double(lon)] }
            if let victims: Int = e[10] { r["victims"] = .int(victims) }
            if let outcome: String = e[11] { r["outcome"] = .string(outcome) }
            r["calls"] = .array(try Row.fetchAll(db, sql: "SELECT record, classification FROM call WHERE event_id = ? ORDER BY received_at",
                                                 arguments: [id]).map { row in
                var call = (try? JSONParser.parse(row[0] as String))?.objectValue ?? [:]
                if call["classification"] == nil, let c: String = row[1], let parsed = try? JSONParser.parse(c) { call["classification"] = parsed }
                return .object(call)
            })
            r["units"] = .array(try Row.fetchAll(db, sql: """
                SELECT s.unit, s.status, s.at, s.lat, s.lon, coalesce(s.unit_type, u.type)
                FROM status_log s LEFT JOIN unit u ON u.id = s.unit WHERE s.event_id = ? ORDER BY s.at, s.id
                """, arguments: [id]).map { row in
                var s: JSONObject = ["unit": .string(row[0]), "status": .string(row[1]), "at": time(row[2])]
                if let type: String = row[5] { s["unit_type"] = .string(type) }
                if let lat: Double = row[3], let lon: Double = row[4] { s["location"] = ["lat": .double(lat), "lon": .double(lon)] }
                return .object(s)
            })
            if try db.tableExists("engagement") {
                r["engagements"] = .array(try Row.fetchAll(db, sql: """
                    SELECT unit, need, engaged_at, released_at, reason, release_reason FROM engagement WHERE event_id = ? ORDER BY engaged_at
                    """, arguments: [id]).map { row in
                    ["unit": .string(row[0]), "need": .optional(row[1]), "engaged_at": time(row[2]), "released_at": time(row[3]),
                     "reason": .optional(row[4]), "release_reason": .optional(row[5])]
                })
                r["talkgroup"] = .optional(try Store.talkgroup(db, eventID: id))
            }
            r["messages"] = .array(try Row.fetchAll(db, sql: """
                SELECT type, text, from_unit, victims, needs, at, operator FROM message WHERE event_id = ? ORDER BY at, id
                """, arguments: [id]).map { row in
                var m: JSONObject = ["type": .string(row[0]), "text": .optional(row[1]), "at": time(row[5]), "operator": .string(row[6])]
                if let from: String = row[2] { m["from"] = .string(from) }
                if let v: Int = row[3] { m["victims"] = .int(v) }
                if let n: String = row[4], let parsed = try? JSONParser.parse(n) { m["needs"] = parsed }
                return .object(m)
            })
            if try db.tableExists("notification") {
                r["notifications"] = .array(try Row.fetchAll(db, sql: """
                    SELECT id, recipient, channel, rule, status, queued_at, acknowledged_at, acknowledged_by
                    FROM notification WHERE event_number = ? ORDER BY id
                    """, arguments: [number]).map { row in
                    ["id": .int(row[0] as Int64), "recipient": .string(row[1]), "channel": .string(row[2]), "rule": .string(row[3]),
                     "status": .string(row[4]), "queued_at": time(row[5]), "acknowledged_at": time(row[6]),
                     "acknowledged_by": .optional(row[7])]
                })
            }
            if e[12] as Bool { r["exercise"] = true }
            return r
        }
    }

    /// The highest journal sequence number, for `--follow` to start after.
    public func lastJournalSeq() throws -> Int64 {
        try read { try Int64.fetchOne($0, sql: "SELECT coalesce(max(seq), 0) FROM journal") ?? 0 }
    }

    /// The first sequence number at or after a time.
    public func journalSeq(atOrAfter ms: Int64) throws -> Int64 {
        try read { try Int64.fetchOne($0, sql: "SELECT coalesce(min(seq), (SELECT coalesce(max(seq), 0) + 1 FROM journal)) FROM journal WHERE at >= ?", arguments: [ms]) ?? 1 }
    }
}
