import CCASCore
import GRDB

/// A classification to keep on a stored call.
public struct CallClassificationUpdate: Sendable {
    public var callID: String
    public var nature: String
    public var priority: String
    public var classification: JSON
    public var at: Int64
    public var exercise: Bool

    public init(callID: String, nature: String, priority: String, classification: JSON, at: Int64, exercise: Bool = false) {
        self.callID = callID
        self.nature = nature
        self.priority = priority
        self.classification = classification
        self.at = at
        self.exercise = exercise
    }
}

extension Store {
    /// Keeps each classification on its call and lets the event take the highest priority of
    /// its calls (and that call's nature); an OPEN event becomes CLASSIFIED. One transaction,
    /// journaled. Returns, per update, the event number, or nil for a call not in the store.
    public func saveClassifications(_ updates: [CallClassificationUpdate], operator op: String) throws -> [String?] {
        try write { db in
            try updates.map { u in
                guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT e.id, e.number, e.priority, e.nature, e.status FROM call c JOIN event e ON e.id = c.event_id WHERE c.id = ?
                    """), arguments: [u.callID]) else { return nil }
                let eventID: Int64 = row[0], number: String = row[1]
                let current: String? = row[2]
                try db.cachedStatement(sql: """
                    UPDATE call SET nature = ?, priority = ?, classification = ?, classified_at = ? WHERE id = ?
                    """).execute(arguments: [u.nature, u.priority, JSONWriter.string(u.classification), u.at, u.callID])
                try Journal.append(db, at: StoreTime.nowMillis(), operator: op, kind: "call.classified", subject: u.callID,
                                   payload: ["call": .string(u.callID), "event": .string(number), "nature": .string(u.nature),
                                             "priority": .string(u.priority), "reflex": u.classification["reflex"] ?? .null,
                                             "referentiel": u.classification["referentiel"] ?? .null],
                                   exercise: u.exercise)
                // "P0" < "P1": the smaller code is the more urgent.
                if current == nil || u.priority < current! {
                    try db.cachedStatement(sql: "UPDATE event SET nature = ?, priority = ? WHERE id = ?")
                        .execute(arguments: [u.nature, u.priority, eventID])
                    try Journal.append(db, at: StoreTime.nowMillis(), operator: op, kind: "event.classified", subject: number,
                                       payload: ["event": .string(number), "nature": .string(u.nature), "priority": .string(u.priority),
                                                 "previous_priority": .optional(current), "by_call": .string(u.callID)],
                                       exercise: u.exercise)
                }
                _ = try Store.advanceEvent(db, id: eventID, number: number, to: .classified, at: u.at, operator: op, exercise: u.exercise)
                return number
            }
        }
    }
}
