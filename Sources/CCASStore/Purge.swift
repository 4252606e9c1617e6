import CCASCore
import Foundation
import GRDB

/// Removing callers' personal data from old closed events, and removing exercise rows.
///
/// What a purged call keeps is a whitelist (a logged file's call carries every column of its
/// source, and any of them may name someone): id, kind, v, times, channel, nature, priority,
/// classification without its reasons (they quote the caller), the nature hint of a logged file, event, exercise, and the
/// coordinates rounded to 0.001° (about 100 m: enough for maps by sector, no longer a door).
/// Phone, caller, address, free text and every other field go, in the columns, in the call
/// record, in the event and in the journal payloads of the event and its calls; field messages
/// lose their text. Times, natures, priorities, channels, unit statuses and engagements stay,
/// so every report gives the same figures.
public enum Purge {
    public struct Summary: Sendable, Equatable {
        public var events = 0
        public var calls = 0
        public var journalRows = 0
        public var messages = 0
        public var notifications = 0
        public var json: JSONObject {
            ["events": .int(events), "calls": .int(calls), "journal_rows": .int(journalRows),
             "messages": .int(messages), "notifications": .int(notifications)]
        }
    }

    /// Fields of a call record that survive a purge.
    static let keptCallFields: Set<String> = [
        "kind", "v", "id", "received_at", "answered_at", "channel", "event_id", "correlation", "exercise",
        "nature", "priority", "nature_hint", "classification", "location", "purged_at",
    ]
    static let keptClassificationFields: Set<String> = [
        "nature", "priority", "reflex", "services", "referentiel", "confidence", "score",
    ]
    /// Keys removed wherever they appear in a journal or notification payload.
    static let personalKeys: Set<String> = [
        "phone", "caller", "name", "address", "text", "free_text", "notes", "note", "comment", "description",
        "callback", "contact", "message", "body", "because", "raw", "transcript",
    ]

    /// A subject's journal rows that may hold personal data, through `journal_by_subject` (the
    /// intake's own rows are not in it: IntakeSchema.v7).
    static let subjectRowsSQL =
        "SELECT seq, payload FROM journal WHERE subject = ? AND kind NOT IN \(IntakeSchema.unindexedKinds)"

    /// Scrubs personal data from events closed (or cancelled) before `closedBefore`. With
    /// `dryRun`, counts what it would change and changes nothing.
    public static func personalData(store: Store, closedBefore: Int64, dryRun: Bool, operator op: String,
                                    now: Int64 = Timestamp.now.milliseconds) throws -> Summary {
        try store.write { db in
            var summary = Summary()
            let events = try Row.fetchAll(db, sql: """
                SELECT id, number FROM event
                WHERE status IN ('CLOSED', 'CANCELLED') AND closed_at < ?
                  AND (phone IS NOT NULL OR address IS NOT NULL
                       OR EXISTS (SELECT 1 FROM call c WHERE c.event_id = event.id AND c.record NOT LIKE '%"purged_at"%'))
                """, arguments: [closedBefore])
            let hasMessages = try db.tableExists("message")
            let hasNotifications = try db.tableExists("notification")
            let purgedAt = JSON.string(Timestamp(milliseconds: now).iso8601)
            for event in events {
                let eventID: Int64 = event[0]
                let number: String = event[1]
                summary.events += 1
                var subjects = [number]
                let calls = try Row.fetchAll(db, sql: "SELECT id, record, classification, lat, lon FROM call WHERE event_id = ?", arguments: [eventID])
                for call in calls {
                    let callID: String = call[0]
                    subjects.append(callID)
                    summary.calls += 1
                    if dryRun { continue }
                    let record = scrubCall((try? JSONParser.parse(call[1] as String))?.objectValue ?? JSONObject(), purgedAt: purgedAt)
                    let classification = (call[2] as String?).flatMap { try? JSONParser.parse($0).objectValue }
                        .map { JSONWriter.string(.object(keep($0, keptClassificationFields))) }
                    try db.execute(sql: """
                        UPDATE call SET phone = NULL, address = NULL, text = NULL, record = ?, classification = ?,
                          lat = round(lat, 3), lon = round(lon, 3)
                        WHERE id = ?
                        """, arguments: [JSONWriter.string(.object(record)), classification, callID])
                }
                if !dryRun {
                    try db.execute(sql: "UPDATE event SET phone = NULL, address = NULL, lat = round(lat, 3), lon = round(lon, 3) WHERE id = ?",
                                   arguments: [eventID])
                }
                if hasMessages {
                    let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM message WHERE event_id = ? AND text IS NOT NULL", arguments: [eventID]) ?? 0
                    summary.messages += n
                    if !dryRun, n > 0 { try db.execute(sql: "UPDATE message SET text = NULL WHERE event_id = ?", arguments: [eventID]) }
                }
                if hasNotifications {
                    let rows = try Row.fetchAll(db, sql: "SELECT id, payload FROM notification WHERE event_number = ?", arguments: [number])
                    for row in rows {
                        let text: String = row[1]
                        let scrubbed = scrubPayload(text)
                        if scrubbed != text {
                            summary.notifications += 1
                            if !dryRun { try db.execute(sql: "UPDATE notification SET payload = ? WHERE id = ?", arguments: [scrubbed, row[0] as Int64]) }
                        }
                    }
                }
                for subject in subjects {
                    // The intake's own rows hold no personal data and are not in journal_by_subject (v7).
                    let rows = try Row.fetchAll(db, sql: Purge.subjectRowsSQL, arguments: [subject])
                    for row in rows {
                        let text: String = row[1]
                        let scrubbed = scrubPayload(text)
                        if scrubbed != text {
                            summary.journalRows += 1
                            if !dryRun { try db.execute(sql: "UPDATE journal SET payload = ? WHERE seq = ?", arguments: [scrubbed, row[0] as Int64]) }
                        }
                    }
                }
            }
            if !dryRun, summary.events > 0 {
                try Journal.append(db, at: now, operator: op, kind: "store.purged", subject: "personal-data",
                                   payload: .object(JSONObject([("closed_before", JSON.string(Timestamp(milliseconds: closedBefore).iso8601))] + summary.json.fields.map { ($0.key, $0.value) })))
            }
            return summary
        }
    }

    /// Deletes every exercise row (events and everything hanging from them, units, outbox,
    /// journal). With `dryRun`, counts them.
    public static func exerciseRows(store: Store, dryRun: Bool, operator op: String,
                                    now: Int64 = Timestamp.now.milliseconds) throws -> [(table: String, rows: Int)] {
        try store.write { db in
            // Children before parents (foreign keys are on).
            let order = ["notification", "message", "talkgroup_allocation", "engagement", "status_log", "call", "unit", "event", "journal"]
            // Deleting the newest journal rows must not let their numbers be reused (v6): the
            // purge's own row comes after the highest number seen before.
            let lastSeq = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM journal") ?? 0
            var counts: [(String, Int)] = []
            for table in order where try db.tableExists(table) {
                let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE exercise = 1") ?? 0
                if !dryRun, n > 0 {
                    if table == "notification" {
                        // An escalation may point at an exercise notification.
                        try db.execute(sql: "UPDATE notification SET escalation_of = NULL WHERE escalation_of IN (SELECT id FROM notification WHERE exercise = 1)")
                    }
                    if table == "event" {
                        // Rows left pointing at an exercise event (a real row never should; be safe).
                        for child in ["call", "status_log", "engagement", "talkgroup_allocation", "message"] where try db.tableExists(child) {
                            try db.execute(sql: "DELETE FROM \(child) WHERE event_id IN (SELECT id FROM event WHERE exercise = 1)")
                        }
                        if try db.tableExists("unit") {
                            try db.execute(sql: "UPDATE unit SET event_id = NULL WHERE event_id IN (SELECT id FROM event WHERE exercise = 1)")
                        }
                    }
                    try db.execute(sql: "DELETE FROM \(table) WHERE exercise = 1")
                }
                counts.append((table, n))
            }
            if !dryRun, counts.contains(where: { $0.1 > 0 }) {
                var payload = JSONObject()
                for (t, n) in counts { payload[t] = .int(n) }
                try Journal.append(db, at: now, operator: op, kind: "store.exercise-purged", subject: "exercise", payload: .object(payload),
                                   after: lastSeq)
            }
            return counts
        }
    }

    static func keep(_ object: JSONObject, _ names: Set<String>) -> JSONObject {
        var out = JSONObject()
        for (k, v) in object.fields where names.contains(k) { out[k] = v }
        return out
    }

    static func scrubCall(_ record: JSONObject, purgedAt: JSON) -> JSONObject {
        var out = keep(record, keptCallFields)
        if let location = out["location"]?.objectValue {
            var l = JSONObject()
            for key in ["lat", "lon"] {
                if let d = location[key]?.doubleValue { l[key] = .double(d, places: 3) }
            }
            out["location"] = l.isEmpty ? nil : .object(l)
        }
        if let c = out["classification"]?.objectValue { out["classification"] = .object(keep(c, keptClassificationFields)) }
        out["purged_at"] = purgedAt
        return out
    }

    /// A payload without its personal keys (at any depth); the text unchanged when it has none.
    static func scrubPayload(_ text: String) -> String {
        guard let value = try? JSONParser.parse(text) else { return text }
        let scrubbed = scrub(value)
        return scrubbed == value ? text : JSONWriter.string(scrubbed)
    }

    static func scrub(_ value: JSON) -> JSON {
        switch value {
        case .object(let object):
            var out = JSONObject()
            for (k, v) in object.fields where !personalKeys.contains(k) { out[k] = scrub(v) }
            return .object(out)
        case .array(let items): return .array(items.map(scrub))
        default: return value
        }
    }
}

extension JSONObject {
    func merging(_ other: JSONObject) -> JSONObject {
        var out = self
        for (k, v) in other.fields { out[k] = v }
        return out
    }
}
