import ArgumentParser
import CCASCLI
import CCASCore
import CCASStore

extension Track {
    struct Map: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable { case geojson, svg, html }

        static let configuration = CommandConfiguration(
            commandName: "map",
            abstract: "Map an event (or every open event): each call's position with its precision, engaged and nearby units, stations; works offline.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event (default: every open event).") var event: String?
        @Option(help: "geojson, svg or html.") var format: Format = .geojson
        @Option(help: "Show available units and stations within this distance of the event (metres).") var nearbyM: Double = 10_000

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-track")
            let store = try global.openStore(diagnostics: diagnostics)
            let scene = try perform(diagnostics) { try buildScene(store) }
            let out = RecordWriter(fd: 1)
            switch format {
            case .geojson: out.write(scene.geoJSON)
            case .svg: out.write(text: scene.svg())
            case .html: out.write(text: scene.html())
            }
            out.flush()
        }

        func buildScene(_ store: Store) throws -> MapScene {
            let details = try (event.map { [$0] } ?? store.eventLines(openOnly: true, since: nil).map(\.number)).map { try store.eventDetail($0) }
            var items: [MapScene.Item] = []
            var centres: [Coordinate] = []
            var engagedUnits = Set<String>()
            for d in details {
                let number = d["event_id"]?.stringValue ?? "?"
                let label = [number, d["priority"]?.stringValue, d["nature"]?.stringValue, d["address"]?.stringValue].compactMap { $0 }.joined(separator: " ")
                if let lat = d["location"]?["lat"]?.doubleValue, let lon = d["location"]?["lon"]?.doubleValue {
                    items.append(.init(kind: .event, id: number, lat: lat, lon: lon, label: label,
                                       properties: ["status": d["status"] ?? .null, "priority": d["priority"] ?? .null, "nature": d["nature"] ?? .null]))
                    centres.append(Coordinate(lat: lat, lon: lon))
                }
                for call in d["calls"]?.arrayValue ?? [] {
                    guard let loc = call["location"], let lat = loc["lat"]?.doubleValue, let lon = loc["lon"]?.doubleValue else { continue }
                    let radius = loc["radius_m"]?.doubleValue ?? loc["raw"]?["radius_m"]?.doubleValue
                    items.append(.init(kind: .call, id: call["id"]?.stringValue ?? "?", lat: lat, lon: lon, radiusM: radius,
                                       label: "\(call["channel"]?.stringValue ?? "") \(call["received_at"]?.stringValue ?? "") \(call["text"]?.stringValue ?? "")",
                                       properties: ["event_id": .string(number), "channel": call["channel"] ?? .null,
                                                    "source": loc["source"] ?? .null]))
                }
                for e in d["engagements"]?.arrayValue ?? [] where e["released_at"] == .null {
                    if let u = e["unit"]?.stringValue { engagedUnits.insert(u) }
                }
            }
            func near(_ lat: Double?, _ lon: Double?) -> Bool {
                guard let lat, let lon else { return false }
                return centres.contains { Geo.distance($0, Coordinate(lat: lat, lon: lon)) <= nearbyM }
            }
            for u in try store.units() {
                let lat = u.lastLat ?? u.homeLat, lon = u.lastLon ?? u.homeLon
                let engaged = engagedUnits.contains(u.id)
                guard let lat, let lon, engaged || (u.status.isEngageable && near(lat, lon)) else { continue }
                items.append(.init(kind: .unit, id: u.id, lat: lat, lon: lon, label: "\(u.id) \(u.type) \(u.status.rawValue)",
                                   properties: ["type": .string(u.type), "status": .string(u.status.rawValue), "engaged": .bool(engaged),
                                                "station": .optional(u.station)]))
            }
            for s in try store.stations() where near(s.lat, s.lon) {
                items.append(.init(kind: .station, id: s.id, lat: s.lat!, lon: s.lon!, label: s.name))
            }
            let title = event.map { "ccas — event \($0)" } ?? "ccas — open events"
            return MapScene(title: title, items: items)
        }
    }
}
