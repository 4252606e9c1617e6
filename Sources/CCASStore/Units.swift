import CCASCore
import GRDB

/// A fire station, SAMU base, police station or gendarmerie brigade.
public struct StationRow: Sendable, Equatable {
    public var id: String
    public var name: String
    public var lat: Double?
    public var lon: Double?
    public var sector: String?

    public init(id: String, name: String, lat: Double?, lon: Double?, sector: String? = nil) {
        self.id = id
        self.name = name
        self.lat = lat
        self.lon = lon
        self.sector = sector
    }

    public var json: JSONObject {
        ["kind": "station", "v": 1, "id": .string(id), "name": .string(name),
         "lat": lat.map { JSON.double($0) } ?? .null, "lon": lon.map { JSON.double($0) } ?? .null, "sector": .optional(sector)]
    }
}

/// A unit of the register with its live state.
public struct UnitRow: Sendable, Equatable {
    public var id: String
    public var type: String
    public var station: String?
    public var capabilities: [String]
    public var homeLat: Double?
    public var homeLon: Double?
    public var lastLat: Double?
    public var lastLon: Double?
    public var lastAt: Int64?
    public var status: UnitStatus
    public var statusAt: Int64
    /// The number of the event it is engaged on.
    public var event: String?
    public var exercise: Bool

    public init(id: String, type: String, station: String?, capabilities: [String], homeLat: Double? = nil, homeLon: Double? = nil,
                lastLat: Double? = nil, lastLon: Double? = nil, lastAt: Int64? = nil, status: UnitStatus = .available,
                statusAt: Int64 = 0, event: String? = nil, exercise: Bool = false) {
        self.id = id
        self.type = type
        self.station = station
        self.capabilities = capabilities
        self.homeLat = homeLat
        self.homeLon = homeLon
        self.lastLat = lastLat
        self.lastLon = lastLon
        self.lastAt = lastAt
        self.status = status
        self.statusAt = statusAt
        self.event = event
        self.exercise = exercise
    }

    public var json: JSONObject {
        func num(_ d: Double?) -> JSON { d.map { JSON.double($0) } ?? .null }
        return [
            "kind": "unit", "v": 1, "id": .string(id), "type": .string(type), "station": .optional(station),
            "capabilities": .strings(capabilities), "lat": num(homeLat), "lon": num(homeLon),
            "last_lat": num(lastLat), "last_lon": num(lastLon), "last_at": lastAt.map { .string(StoreTime.format($0)) } ?? .null,
            "status": .string(status.rawValue), "status_at": .string(StoreTime.format(statusAt)), "event_id": .optional(event),
        ]
    }

    static let select = """
        SELECT u.id, u.type, u.station, u.capabilities, u.home_lat, u.home_lon, u.last_lat, u.last_lon, u.last_at,
               u.status, u.status_at, e.number, u.exercise
        FROM unit u LEFT JOIN event e ON e.id = u.event_id
        """

    init(row: Row) {
        let caps = ((try? JSONParser.parse(row[3] as String))?.arrayValue ?? []).compactMap(\.stringValue)
        self.init(id: row[0], type: row[1], station: row[2], capabilities: caps, homeLat: row[4], homeLon: row[5],
                  lastLat: row[6], lastLon: row[7], lastAt: row[8], status: UnitStatus(rawValue: row[9]) ?? .unavailable,
                  statusAt: row[10], event: row[11], exercise: row[12])
    }
}

/// What an import did.
public struct ImportCounts: Sendable, Equatable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public init() {}
    public var summary: String { "\(added) added, \(updated) updated, \(unchanged) unchanged" }
}

extension Store {
    /// Adds or updates stations, in one transaction; importing the same file again changes nothing.
    public func importStations(_ stations: [StationRow], operator op: String, exercise: Bool = false) throws -> ImportCounts {
        try write { db in
            var counts = ImportCounts()
            let now = StoreTime.nowMillis()
            for s in stations {
                let existing = try Row.fetchOne(db, sql: "SELECT name, lat, lon, sector FROM station WHERE id = ?", arguments: [s.id])
                if let existing {
                    let same = existing[0] as String == s.name && existing[1] as Double? == s.lat && existing[2] as Double? == s.lon
                        && existing[3] as String? == s.sector
                    if same { counts.unchanged += 1; continue }
                    try db.execute(sql: "UPDATE station SET name = ?, lat = ?, lon = ?, sector = ?, updated_at = ? WHERE id = ?",
                                   arguments: [s.name, s.lat, s.lon, s.sector, now, s.id])
                    counts.updated += 1
                } else {
                    try db.execute(sql: "INSERT INTO station (id, name, lat, lon, sector, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                                   arguments: [s.id, s.name, s.lat, s.lon, s.sector, now])
                    counts.added += 1
                }
                try Journal.append(db, at: now, operator: op, kind: existing == nil ? "station.added" : "station.updated",
                                   subject: s.id, payload: .object(s.json), exercise: exercise)
            }
            return counts
        }
    }

    /// Adds or updates units of the register, in one transaction. A new unit takes the status
    /// given (AVAILABLE by default); an existing unit keeps its live status and position, and
    /// only its register fields (type, station, capabilities, home) change.
    public func importUnits(_ units: [UnitRow], operator op: String, exercise: Bool = false) throws -> ImportCounts {
        try write { db in
            var counts = ImportCounts()
            let now = StoreTime.nowMillis()
            for u in units {
                let caps = JSONWriter.string(.strings(u.capabilities))
                let existing = try Row.fetchOne(db, sql: "SELECT type, station, capabilities, home_lat, home_lon FROM unit WHERE id = ?", arguments: [u.id])
                if let existing {
                    let same = existing[0] as String == u.type && existing[1] as String? == u.station && existing[2] as String == caps
                        && existing[3] as Double? == u.homeLat && existing[4] as Double? == u.homeLon
                    if same { counts.unchanged += 1; continue }
                    try db.execute(sql: """
                        UPDATE unit SET type = ?, station = ?, capabilities = ?, home_lat = ?, home_lon = ?, updated_at = ? WHERE id = ?
                        """, arguments: [u.type, u.station, caps, u.homeLat, u.homeLon, now, u.id])
                    counts.updated += 1
                } else {
                    try db.execute(sql: """
                        INSERT INTO unit (id, type, station, capabilities, home_lat, home_lon, last_lat, last_lon, last_at,
                                          status, status_at, exercise, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [u.id, u.type, u.station, caps, u.homeLat, u.homeLon, u.lastLat, u.lastLon, u.lastAt,
                                         u.status.rawValue, now, exercise, now])
                    counts.added += 1
                }
                var payload = u.json
                payload["status_at"] = nil
                try Journal.append(db, at: now, operator: op, kind: existing == nil ? "unit.added" : "unit.updated",
                                   subject: u.id, payload: .object(payload), exercise: exercise)
            }
            return counts
        }
    }

    /// Every unit, by id.
    public func units() throws -> [UnitRow] {
        try read { db in try Row.fetchAll(db, sql: UnitRow.select + " ORDER BY u.id").map(UnitRow.init(row:)) }
    }

    /// Units that cannot be engaged now (engaged elsewhere, unavailable, out of service).
    public func busyUnitIDs() throws -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: "SELECT id FROM unit WHERE status NOT IN ('AVAILABLE', 'RETURNING')"))
        }
    }

    public func unit(_ id: String) throws -> UnitRow? {
        try read { db in try Store.unit(db, id) }
    }

    /// One unit, inside a caller's transaction (ccas-track reads it before changing a status).
    public static func unit(_ db: Database, _ id: String) throws -> UnitRow? {
        try Row.fetchOne(db, sql: UnitRow.select + " WHERE u.id = ?", arguments: [id]).map(UnitRow.init(row:))
    }

    public func stations() throws -> [StationRow] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, lat, lon, sector FROM station ORDER BY id").map {
                StationRow(id: $0[0], name: $0[1], lat: $0[2], lon: $0[3], sector: $0[4])
            }
        }
    }

    /// Sets a unit's last known position (for ccas-track's position reports), in a caller's transaction.
    public static func setUnitPosition(_ db: Database, unit: String, lat: Double, lon: Double, at: Int64) throws {
        try db.execute(sql: "UPDATE unit SET last_lat = ?, last_lon = ?, last_at = ? WHERE id = ? AND (last_at IS NULL OR last_at <= ?)",
                       arguments: [lat, lon, at, unit, at])
    }
}
