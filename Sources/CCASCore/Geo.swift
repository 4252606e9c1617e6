import Foundation

/// A WGS84 position in decimal degrees.
public struct Coordinate: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var lat: Double
    public var lon: Double

    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }

    public var description: String { "(\(lat), \(lon))" }
}

/// Checking, reading and measuring positions.
public enum Geo {
    /// Mean Earth radius (IUGG), metres: haversine on a sphere is within 0.5 % of the ellipsoid,
    /// far inside what dispatching by distance needs.
    public static let earthRadius = 6_371_008.8

    /// The position if it is a real one: finite, lat −90…90, lon −180…180, and not 0,0 ("null
    /// island", what a system writes when it has no position) unless `allowNullIsland`.
    public static func coordinate(lat: Double, lon: Double, allowNullIsland: Bool = false) -> Result<Coordinate, InputError> {
        guard lat.isFinite, lon.isFinite else { return .failure(InputError("coordinates (\(lat), \(lon)) are not numbers")) }
        guard (-90.0...90.0).contains(lat) else { return .failure(InputError("latitude \(lat) is outside −90…90")) }
        guard (-180.0...180.0).contains(lon) else { return .failure(InputError("longitude \(lon) is outside −180…180")) }
        if !allowNullIsland, abs(lat) < 1e-6, abs(lon) < 1e-6 {
            return .failure(InputError("coordinates (0, 0) are \"null island\": the source has no position"))
        }
        return .success(Coordinate(lat: lat, lon: lon))
    }

    /// Reads latitude and longitude written as text (`"48.8534"`, `"+2.3488"`), then checks them.
    public static func coordinate(lat: String, lon: String, allowNullIsland: Bool = false) -> Result<Coordinate, InputError> {
        let la = lat.trimmingSpaces(), lo = lon.trimmingSpaces()
        guard let y = Double(la), la.utf8.allSatisfy(isNumberByte) else { return .failure(InputError("latitude \"\(lat)\" is not a number")) }
        guard let x = Double(lo), lo.utf8.allSatisfy(isNumberByte) else { return .failure(InputError("longitude \"\(lon)\" is not a number")) }
        return coordinate(lat: y, lon: x, allowNullIsland: allowNullIsland)
    }

    /// Reads one combined column: `"(37.73, -122.42)"`, `"37.73,-122.42"` or `"37.73 -122.42"`,
    /// latitude first (as SF's `Location` and most CAD exports write it).
    public static func parsePair(_ text: String, allowNullIsland: Bool = false) -> Result<Coordinate, InputError> {
        var s = Substring(text.trimmingSpaces())
        if s.first == "(" || s.first == "[" {
            guard let last = s.last, last == (s.first == "(" ? ")" : "]") else {
                return .failure(InputError("position \"\(text)\" has an opening bracket but no closing one"))
            }
            s = s.dropFirst().dropLast()
        }
        let parts = s.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).filter { !$0.isEmpty }
        guard parts.count == 2 else {
            return .failure(InputError("position \"\(text)\" is not \"(lat, lon)\""))
        }
        return coordinate(lat: String(parts[0]), lon: String(parts[1]), allowNullIsland: allowNullIsland)
            .mapError { InputError("position \"\(text)\": \($0.reason)") }
    }

    /// Great-circle distance in metres (haversine).
    public static func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
        let rad = Double.pi / 180
        let dLat = (b.lat - a.lat) * rad
        let dLon = (b.lon - a.lon) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.lat * rad) * cos(b.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadius * asin(min(1, h.squareRoot()))
    }

    private static func isNumberByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x2D || c == 0x2B || c == 0x65 || c == 0x45
    }
}
