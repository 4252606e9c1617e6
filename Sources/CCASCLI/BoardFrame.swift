import CCASCore
import CCASStore

/// One frame of the room board: open events by priority with their age and units, unit
/// statuses by station, and the units whose status or position is stale.
public enum BoardFrame {
    public static func render(events: [EventLine], units: [UnitRow], now: Int64, staleAfterMs: Int64, width: Int, colour: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? String(s.prefix(n)) : s + String(repeating: " ", count: n - s.count) }
        func age(_ ms: Int64) -> String {
            let s = max(0, (now - ms) / 1000)
            return s < 3600 ? "\(s / 60)m\(String(format: "%02d", s % 60))" : s < 86400 ? "\(s / 3600)h\(String(format: "%02d", s / 60 % 60))" : "\(s / 86400)d"
        }
        let open = events.filter { $0.status != "CLOSED" && $0.status != "CANCELLED" }
            .sorted { ($0.priority ?? "P9", $0.openedAt) < ($1.priority ?? "P9", $1.openedAt) }
        let engaged = units.filter { $0.status.isEngaged }.count
        let available = units.filter { $0.status == .available }.count
        let stale = units.filter { u in
            let last = max(u.statusAt, u.lastAt ?? 0)
            return u.status != .outOfService && now - last > staleAfterMs && u.status.isEngaged
        }
        var lines: [String] = []
        lines.append(paint("ccas — room board   \(Timestamp(milliseconds: now).iso8601.prefix(19))Z   open events: \(open.count)   units: \(available) available, \(engaged) engaged, \(stale.count) stale", "1"))
        lines.append("")
        lines.append(paint("OPEN EVENTS", "1;4"))
        lines.append(pad("prio", 5) + pad("event", 13) + pad("nature", 26) + pad("age", 8) + pad("status", 12) + "units")
        if open.isEmpty { lines.append("  (none)") }
        for e in open {
            let p = e.priority ?? "--"
            let pc = p == "P0" ? paint(pad(p, 5), "1;31") : p == "P1" ? paint(pad(p, 5), "1;33") : pad(p, 5)
            lines.append(pc + pad(e.number, 13) + pad(e.nature ?? "(unclassified)", 26) + pad(age(e.openedAt), 8) + pad(e.status, 12)
                         + (e.units.isEmpty ? paint("none", "31") : e.units.joined(separator: " ")))
        }
        lines.append("")
        lines.append(paint("UNITS BY STATION", "1;4"))
        let byStation = Dictionary(grouping: units, by: { $0.station ?? "(no station)" })
        for station in byStation.keys.sorted() {
            let list = byStation[station]!.sorted { $0.id < $1.id }.map { u -> String in
                let s = "\(u.id):\(u.status.rawValue)"
                switch u.status {
                case .available: return paint(s, "32")
                case .alerted, .acknowledged, .enRoute, .onScene, .transporting, .atHospital: return paint(s, "33")
                case .outOfService, .unavailable: return paint(s, "90")
                case .returning: return s
                }
            }
            var line = pad(station, 14)
            var visible = 14
            for item in list {
                let plain = item.replacingOccurrences(of: "\u{1B}[", with: "").count
                if visible + plain + 1 > max(width, 40), visible > 14 {
                    lines.append(line)
                    line = String(repeating: " ", count: 14)
                    visible = 14
                }
                line += item + " "
                visible += plain + 1
            }
            lines.append(line)
        }
        if !stale.isEmpty {
            lines.append("")
            lines.append(paint("STALE (engaged, no status or position for \(staleAfterMs / 60000) min)", "1;31"))
            for u in stale { lines.append("  \(u.id) \(u.status.rawValue) since \(age(max(u.statusAt, u.lastAt ?? 0)))" + (u.event.map { " on \($0)" } ?? "")) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
