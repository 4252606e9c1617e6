import CCASCore
import GRDB

/// A message from the field (message de remontée): ambiance, renseignement, bilan, renfort, fin.
public struct FieldMessage: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case ambiance, renseignement, bilan, renfort, fin
    }
    public var event: String
    public var type: Kind
    public var text: String
    public var from: String?
    public var victims: Int?
    /// Capability → count, for a `renfort`.
    public var needs: [(String, Int)]
    public var at: Int64
    public var exercise: Bool

    public init(event: String, type: Kind, text: String, from: String? = nil, victims: Int? = nil,
                needs: [(String, Int)] = [], at: Int64, exercise: Bool = false) {
        self.event = event
        self.type = type
        self.text = text
        self.from = from
        self.victims = victims
        self.needs = needs
        self.at = at
        self.exercise = exercise
    }

    /// The `message` record on the pipes; `ccas-dispatch reinforce` reads the `renfort` ones.
    public var record: JSONObject {
        var r: JSONObject = ["kind": "message", "v": 1, "event_id": .string(event), "type": .string(type.rawValue),
                             "text": .string(text), "at": .string(Timestamp(milliseconds: at).iso8601)]
        if let from { r["from"] = .string(from) }
        if let victims { r["victims"] = .int(victims) }
        if !needs.isEmpty { r["needs"] = .object(JSONObject(needs.map { ($0.0, JSON.int($0.1)) })) }
        if exercise { r["exercise"] = true }
        return r
    }
}

extension Store {
    /// Records a field message with its journal row; a `bilan` updates the event's victim count.
    public func record(_ message: FieldMessage, operator op: String) throws {
        if message.text.trimmingCharacters(in: .whitespaces).isEmpty { throw LifecycleRefusal.needsText("--text") }
        try write { db in
            let (id, status) = try Store.eventState(db, message.event)
            guard status.isOpen || message.type == .fin else { throw LifecycleRefusal.notOpen(message.event, status) }
            let needs = message.needs.isEmpty ? nil : JSONWriter.string(.object(JSONObject(message.needs.map { ($0.0, JSON.int($0.1)) })))
            try db.execute(sql: """
                INSERT INTO message (event_id, type, text, from_unit, victims, needs, at, operator, exercise)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, message.type.rawValue, message.text, message.from, message.victims, needs, message.at, op, message.exercise])
            if message.type == .bilan, let victims = message.victims {
                try db.execute(sql: "UPDATE event SET victims = ? WHERE id = ?", arguments: [victims, id])
            }
            try Journal.append(db, at: StoreTime.nowMillis(), operator: op, kind: "message.\(message.type.rawValue)",
                               subject: message.event, payload: .object(message.record), exercise: message.exercise)
        }
    }
}
