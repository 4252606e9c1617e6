import Foundation

import CCASCore

/// Clock readings and conversions the store needs.
enum StoreTime {
    static func nowMillis() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
    static func civil(_ ms: Int64) -> (y: Int, m: Int, d: Int, hh: Int, mm: Int, ss: Int, ms: Int) {
        let secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let milli = Int(ms - secs * 1000)
        var days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400
        let rem = Int(secs - days * 86400)
        days += 719468
        let era = (days >= 0 ? days : days - 146096) / 146097
        let doe = days - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        let y = Int(yoe + era * 400) + (m <= 2 ? 1 : 0)
        return (y, m, d, rem / 3600, rem / 60 % 60, rem % 60, milli)
    }
    static func year(of ms: Int64) -> Int { civil(ms).y }
    static func format(_ ms: Int64) -> String { Timestamp(milliseconds: ms).iso8601 }
}

extension Geo {
    /// A box around a point, for an index range scan before the exact distance.
    static func boundingBox(lat: Double, lon: Double, radiusM: Double) -> (minLat: Double, maxLat: Double, minLon: Double, maxLon: Double) {
        let dLat = radiusM / 111_000
        let dLon = radiusM / (111_000 * max(0.01, cos(lat * Double.pi / 180)))
        return (lat - dLat, lat + dLat, lon - dLon, lon + dLon)
    }
}
