import CCASCore
import CCASRules
import CCASStore

/// Reads unit and station files (CSV with a header, or NDJSON), one row at a time, keeping
/// every bad row with its line and text.
struct RegisterFile {
    struct Bad {
        var line: Int
        var reason: String
        var raw: String
    }

    /// The rows of `text` as field dictionaries with their line, and the rows that could not be read.
    static func rows(_ text: String) -> (rows: [(fields: [String: JSON], line: Int, raw: String)], bad: [Bad]) {
        var rows: [(fields: [String: JSON], line: Int, raw: String)] = []
        var bad: [Bad] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        let first = lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        if first.hasPrefix("{") {
            for (i, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                guard let value = try? JSONParser.parse(line), case .object(let o) = value else {
                    bad.append(Bad(line: i + 1, reason: "not a JSON object", raw: line))
                    continue
                }
                var fields: [String: JSON] = [:]
                for (k, v) in o.fields { fields[k.lowercased()] = v }
                rows.append((fields, i + 1, line))
            }
            return (rows, bad)
        }
        var reader = CSVReader()
        var header: [String]?
        for line in lines {
            do {
                guard let record = try reader.read(line: line) else { continue }
                if record.fields.allSatisfy({ $0.isEmpty }) { continue }
                guard let h = header else { header = record.fields.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }; continue }
                if record.fields.count != h.count {
                    bad.append(Bad(line: record.line, reason: "\(record.fields.count) fields, the header has \(h.count)", raw: record.raw))
                    continue
                }
                var fields: [String: JSON] = [:]
                for (k, v) in zip(h, record.fields) where !v.isEmpty { fields[k] = .string(v.trimmingCharacters(in: .whitespaces)) }
                rows.append((fields, record.line, record.raw))
            } catch {
                bad.append(Bad(line: error.line ?? 0, reason: error.reason, raw: error.raw ?? line))
            }
        }
        return (rows, bad)
    }

    static func number(_ v: JSON?) -> Double? { v?.doubleValue ?? v?.stringValue.flatMap(Double.init) }

    static func position(_ f: [String: JSON]) -> Result<Coordinate?, Problem> {
        let lat = f["lat"], lon = f["lon"]
        if lat == nil, lon == nil { return .success(nil) }
        guard let y = number(lat), let x = number(lon) else { return .failure("lat/lon \"\(lat?.stringValue ?? "")\", \"\(lon?.stringValue ?? "")\" are not numbers") }
        switch Geo.coordinate(lat: y, lon: x) {
        case .success(let c): return .success(c)
        case .failure(let e): return .failure(Problem(stringLiteral: e.reason))
        }
    }

    static func units(_ text: String, referentiel: EngagementReferentiel) -> (units: [UnitRow], bad: [Bad]) {
        var (rows, bad) = rows(text)
        var units: [UnitRow] = []
        var seen = Set<String>()
        for (f, line, raw) in rows {
            func fail(_ reason: String) { bad.append(Bad(line: line, reason: reason, raw: raw)) }
            guard let id = f["id"]?.stringValue, !id.isEmpty else { fail("no id"); continue }
            guard let type = f["type"]?.stringValue?.uppercased(), !type.isEmpty else { fail("unit \(id) has no type"); continue }
            if seen.contains(id) { fail("unit \(id) appears twice in the file"); continue }
            var caps: [String]
            if let list = f["capabilities"]?.arrayValue {
                caps = list.compactMap(\.stringValue)
            } else if let s = f["capabilities"]?.stringValue {
                caps = s.split(whereSeparator: { $0 == ";" || $0 == "|" || $0 == " " || $0 == "," }).map(String.init)
            } else {
                caps = referentiel.capabilities(ofType: type)
            }
            if caps.isEmpty {
                fail("unit \(id): unknown type \(type) and no capabilities (known types: \(referentiel.unitTypes.keys.sorted().joined(separator: " ")))")
                continue
            }
            var status = UnitStatus.available
            if let s = f["status"]?.stringValue {
                guard let st = UnitStatus(text: s) else { fail("unit \(id): unknown status \"\(s)\""); continue }
                status = st
            }
            let pos: Coordinate?
            switch position(f) {
            case .success(let p): pos = p
            case .failure(let why): fail("unit \(id): \(why.description)"); continue
            }
            seen.insert(id)
            units.append(UnitRow(id: id, type: type, station: f["station"]?.stringValue, capabilities: caps,
                                 homeLat: pos?.lat, homeLon: pos?.lon, status: status))
        }
        return (units, bad.sorted { $0.line < $1.line })
    }

    static func stations(_ text: String) -> (stations: [StationRow], bad: [Bad]) {
        var (rows, bad) = rows(text)
        var stations: [StationRow] = []
        for (f, line, raw) in rows {
            guard let id = f["id"]?.stringValue, !id.isEmpty else { bad.append(Bad(line: line, reason: "no id", raw: raw)); continue }
            switch position(f) {
            case .success(let p):
                stations.append(StationRow(id: id, name: f["name"]?.stringValue ?? id, lat: p?.lat, lon: p?.lon, sector: f["sector"]?.stringValue))
            case .failure(let why):
                bad.append(Bad(line: line, reason: "station \(id): \(why.description)", raw: raw))
            }
        }
        return (stations, bad.sorted { $0.line < $1.line })
    }
}

import Foundation
