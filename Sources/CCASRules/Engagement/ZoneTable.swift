import CCASCore
import Foundation

/// Which force is competent where: each commune (INSEE code) is in zone police or zone
/// gendarmerie. The event takes the zone of the nearest commune centre.
public struct ZoneTable: Sendable {
    public struct Commune: Sendable, Equatable {
        public var commune: String
        /// POLICE or GEND
        public var zone: String
        public var position: Coordinate
        public init(commune: String, zone: String, position: Coordinate) {
            self.commune = commune
            self.zone = zone
            self.position = position
        }
    }

    public let communes: [Commune]

    public init(communes: [Commune]) { self.communes = communes }

    /// Reads CSV `commune,zone,lat,lon` (a header first); zone is POLICE or GEND (or
    /// gendarmerie, police). Bad rows are returned as errors with their line.
    public static func parse(csv text: String) -> (ZoneTable, [InputError]) {
        var communes: [Commune] = []
        var errors: [InputError] = []
        var reader = CSVReader()
        var header: [String]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            do {
                guard let record = try reader.read(line: String(line)) else { continue }
                if header == nil { header = record.fields.map { $0.lowercased() }; continue }
                let f = Dictionary(zip(header!, record.fields), uniquingKeysWith: { a, _ in a })
                let zoneText = (f["zone"] ?? "").uppercased()
                let zone = zoneText.hasPrefix("GEND") ? "GEND" : (zoneText.hasPrefix("POL") ? "POLICE" : nil)
                guard let zone else { errors.append(InputError(line: record.line, "zone \"\(f["zone"] ?? "")\" is neither POLICE nor GEND")); continue }
                switch Geo.coordinate(lat: f["lat"] ?? "", lon: f["lon"] ?? "") {
                case .success(let c): communes.append(Commune(commune: f["commune"] ?? "", zone: zone, position: c))
                case .failure(let e): errors.append(InputError(line: record.line, e.reason))
                }
            } catch {
                errors.append(error)
            }
        }
        return (ZoneTable(communes: communes), errors)
    }

    /// The commune whose centre is nearest.
    public func zone(at c: Coordinate) -> Commune? {
        var best: Commune?
        var bestD = Double.infinity
        let k = cos(c.lat * Double.pi / 180)
        for commune in communes {
            let dy = commune.position.lat - c.lat, dx = (commune.position.lon - c.lon) * k
            let d = dx * dx + dy * dy
            if d < bestD { bestD = d; best = commune }
        }
        return best
    }
}
