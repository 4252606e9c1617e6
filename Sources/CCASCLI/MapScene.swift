import CCASCore
import Foundation

/// What a map shows: the event, every call's position with its precision, units and stations.
public struct MapScene {
    public enum Kind: String { case event, call, unit, station }
    public struct Item {
        public var kind: Kind
        public var id: String
        public var lat: Double
        public var lon: Double
        public var radiusM: Double?
        public var label: String
        public var properties: JSONObject
        public init(kind: Kind, id: String, lat: Double, lon: Double, radiusM: Double? = nil, label: String, properties: JSONObject = [:]) {
            self.kind = kind
            self.id = id
            self.lat = lat
            self.lon = lon
            self.radiusM = radiusM
            self.label = label
            self.properties = properties
        }
    }
    public var title: String
    public var items: [Item]
    public init(title: String, items: [Item]) {
        self.title = title
        self.items = items
    }

    /// RFC 7946 GeoJSON: points for everything, and a polygon for each call's precision circle.
    public var geoJSON: JSONObject {
        var features: [JSON] = []
        for item in items {
            var props: JSONObject = ["kind": .string(item.kind.rawValue), "id": .string(item.id), "label": .string(item.label)]
            for f in item.properties.fields { props[f.key] = f.value }
            if let r = item.radiusM { props["radius_m"] = .double(r) }
            features.append(["type": "Feature", "properties": .object(props),
                             "geometry": ["type": "Point", "coordinates": [.double(item.lon, places: 7), .double(item.lat, places: 7)]]])
            if let r = item.radiusM, r > 0 {
                let ring = MapScene.circle(lat: item.lat, lon: item.lon, radiusM: r).map { JSON.array([.double($0.lon, places: 7), .double($0.lat, places: 7)]) }
                features.append(["type": "Feature",
                                 "properties": ["kind": "precision", "id": .string(item.id), "radius_m": .double(r)],
                                 "geometry": ["type": "Polygon", "coordinates": [.array(ring)]]])
            }
        }
        return ["type": "FeatureCollection", "name": .string(title), "features": .array(features)]
    }

    /// A closed ring of 32 points around a centre (counter-clockwise, as RFC 7946 asks).
    static func circle(lat: Double, lon: Double, radiusM: Double) -> [(lat: Double, lon: Double)] {
        let dLat = radiusM / 111_320
        let dLon = radiusM / (111_320 * max(0.01, cos(lat * .pi / 180)))
        var ring = (0..<32).map { k -> (lat: Double, lon: Double) in
            let a = Double(k) / 32 * 2 * .pi
            return (lat + dLat * sin(a), lon + dLon * cos(a))
        }
        ring.append(ring[0])
        return ring
    }

    /// A standalone SVG (equirectangular around the centre, north up, with a scale bar).
    public func svg(width: Int = 900, height: Int = 640) -> String {
        guard !items.isEmpty else {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"80\"><text x=\"10\" y=\"40\">nothing to show</text></svg>\n"
        }
        var minLat = items.map(\.lat).min()!, maxLat = items.map(\.lat).max()!
        var minLon = items.map(\.lon).min()!, maxLon = items.map(\.lon).max()!
        let pad = 0.002
        minLat -= pad; maxLat += pad; minLon -= pad; maxLon += pad
        let midLat = (minLat + maxLat) / 2
        let k = cos(midLat * .pi / 180)
        let spanX = (maxLon - minLon) * k, spanY = maxLat - minLat
        let scale = min(Double(width - 40) / spanX, Double(height - 60) / spanY)
        func x(_ lon: Double) -> Double { 20 + (lon - minLon) * k * scale }
        func y(_ lat: Double) -> Double { 20 + (maxLat - lat) * scale }
        let metresPerDegree = 111_320.0
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(Markup.escape(title))\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"#f7f7f2\"/>\n<text x=\"20\" y=\"14\" font-size=\"13\" font-family=\"sans-serif\">\(Markup.escape(title))</text>\n"
        let order: [Kind] = [.station, .unit, .call, .event]
        for kind in order {
            for item in items where item.kind == kind {
                let px = x(item.lon), py = y(item.lat)
                let cx = r(px), cy = r(py)
                if let radius = item.radiusM, radius > 0 {
                    let pr = radius / metresPerDegree * scale
                    s += "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"\(r(max(pr, 2)))\" fill=\"#3b6ea8\" fill-opacity=\"0.12\" stroke=\"#3b6ea8\" stroke-dasharray=\"4,3\"><title>\(Markup.escape(item.label)) ±\(Int(radius)) m</title></circle>\n"
                }
                let (shape, colour): (String, String)
                switch kind {
                case .event: (shape, colour) = ("star", "#c62828")
                case .call: (shape, colour) = ("circle", "#3b6ea8")
                case .unit: (shape, colour) = ("square", item.properties["engaged"]?.boolValue == true ? "#ef6c00" : "#2e7d32")
                case .station: (shape, colour) = ("triangle", "#555")
                }
                switch shape {
                case "star": s += "<path d=\"M\(cx) \(r(py - 9)) L\(r(px + 3)) \(r(py - 3)) L\(r(px + 9)) \(r(py - 3)) L\(r(px + 4)) \(r(py + 2)) L\(r(px + 6)) \(r(py + 9)) L\(cx) \(r(py + 5)) L\(r(px - 6)) \(r(py + 9)) L\(r(px - 4)) \(r(py + 2)) L\(r(px - 9)) \(r(py - 3)) L\(r(px - 3)) \(r(py - 3)) Z\" fill=\"\(colour)\">"
                case "square": s += "<rect x=\"\(r(px - 5))\" y=\"\(r(py - 5))\" width=\"10\" height=\"10\" fill=\"\(colour)\">"
                case "triangle": s += "<path d=\"M\(cx) \(r(py - 7)) L\(r(px + 6)) \(r(py + 5)) L\(r(px - 6)) \(r(py + 5)) Z\" fill=\"\(colour)\">"
                default: s += "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"5\" fill=\"\(colour)\">"
                }
                s += "<title>\(Markup.escape(item.label))</title></\(shape == "star" || shape == "triangle" ? "path" : shape == "square" ? "rect" : "circle")>\n"
                s += "<text x=\"\(r(px + 8))\" y=\"\(r(py - 6))\" font-size=\"11\" font-family=\"sans-serif\">\(Markup.escape(item.id))</text>\n"
            }
        }
        // Scale bar: a round number of metres near a fifth of the width.
        let metresAcross = Double(width - 40) / scale * metresPerDegree / 1  // at the map's latitude, x is already scaled by k
        let target = metresAcross / 5
        let nice = [50.0, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000].last { $0 <= target } ?? 50
        let barPx = nice / metresPerDegree * scale
        s += "<line x1=\"20\" y1=\"\(height - 20)\" x2=\"\(r(20 + barPx))\" y2=\"\(height - 20)\" stroke=\"#222\" stroke-width=\"3\"/>"
        s += "<text x=\"20\" y=\"\(height - 26)\" font-size=\"11\" font-family=\"sans-serif\">\(nice >= 1000 ? "\(Int(nice / 1000)) km" : "\(Int(nice)) m")</text>\n"
        s += "<text x=\"\(width - 20)\" y=\"34\" text-anchor=\"end\" font-size=\"14\" font-family=\"sans-serif\">N ↑</text>\n</svg>\n"
        return s
    }

    /// One self-contained page: the SVG map, a legend and the list of what is on it.
    public func html() -> String {
        var rows = ""
        for item in items {
            let detail = item.properties.fields.map { "\($0.key)=\($0.value.stringValue ?? "\($0.value)")" }.joined(separator: ", ")
            rows += "<tr><td>\(item.kind.rawValue)</td><td>\(Markup.escape(item.id))</td><td>\(Markup.escape(item.label))</td><td>\(String(format: "%.5f, %.5f", item.lat, item.lon))</td><td>\(item.radiusM.map { "±\(Int($0)) m" } ?? "")</td><td>\(Markup.escape(detail))</td></tr>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(Markup.escape(title))</title>
            <style>body{font-family:system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;font-size:.85rem}td,th{border:1px solid #ccc;padding:.2rem .4rem}</style>
            </head><body><h1>\(Markup.escape(title))</h1>
            \(svg())
            <p>★ event · ● call (dashed: precision of the position) · ■ unit (orange engaged, green available) · ▲ station</p>
            <table><tr><th>kind</th><th>id</th><th>label</th><th>position</th><th>precision</th><th>details</th></tr>
            \(rows)</table></body></html>

            """
    }

    func r(_ d: Double) -> String { String(Double(Int((d * 10).rounded())) / 10) }
}
