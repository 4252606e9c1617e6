import CCASCore
import GRDB

/// A unit's acknowledgement of its alert moves it ALERTED → ACKNOWLEDGED, in the transaction of
/// the acknowledgement, through the store's one status change (unit row, status history and a
/// `unit.status` journal row). A unit no longer ALERTED (already en route…) is left as it is.
enum UnitAcknowledgement {
    static func apply(_ db: Database, unit: String, notification: String, event: String?, at now: Int64,
                      operator op: String, exercise: Bool) throws
    {
        guard try db.tableExists("unit"),
            try String.fetchOne(db, sql: "SELECT status FROM unit WHERE id = ?", arguments: [unit]) == UnitStatus.alerted.rawValue
        else { return }
        _ = try Store.changeStatus(db, StatusChange(unit: unit, status: .acknowledged, at: now, exercise: exercise), operator: op)
    }
}
