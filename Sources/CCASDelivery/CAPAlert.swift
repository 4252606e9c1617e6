import CCASCore
import Foundation

/// An OASIS Common Alerting Protocol 1.2 alert (the elements a CAD-to-partner alert uses).
public struct CAPAlert: Sendable, Equatable {
    public struct Area: Sendable, Equatable {
        public var description: String
        /// Closed rings of (lat, lon), first point repeated last.
        public var polygons: [[(lat: Double, lon: Double)]] = []
        /// (lat, lon, radius in km).
        public var circles: [(lat: Double, lon: Double, radiusKm: Double)] = []

        public static func == (a: Area, b: Area) -> Bool {
            a.description == b.description && a.polygons.map { $0.map { [$0.lat, $0.lon] } } == b.polygons.map { $0.map { [$0.lat, $0.lon] } }
                && a.circles.map { [$0.lat, $0.lon, $0.radiusKm] } == b.circles.map { [$0.lat, $0.lon, $0.radiusKm] }
        }
    }

    public var identifier: String
    public var sender: String
    public var sentMillis: Int64
    /// Actual or Exercise.
    public var status: String
    public var msgType = "Alert"
    public var scope = "Restricted"
    public var restriction: String? = "emergency services and authorities"
    public var language: String
    public var category: String
    public var event: String
    public var urgency: String
    public var severity: String
    public var certainty = "Likely"
    public var eventCode: String?
    public var senderName: String?
    public var headline: String
    public var description: String
    public var instruction: String?
    public var areas: [Area]

    /// CAP 1.2 forbids spaces, commas, `<` and `&` in an identifier; station keys hold spaces
    /// ("…:station:CIS Centre:VSAV-12#0"). Percent-encoding those (and `%`) keeps one identifier
    /// per idempotency key, so receivers can still deduplicate on it.
    public static func identifier(key: String) -> String {
        var out = ""
        out.reserveCapacity(key.utf8.count)
        for c in key.unicodeScalars {
            switch c {
            case " ": out += "%20"
            case ",": out += "%2C"
            case "<": out += "%3C"
            case "&": out += "%26"
            case "%": out += "%25"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The alert for a notification: status Exercise in an exercise, category, urgency and
    /// severity from the nature and priority, a 200 m circle around the event's position.
    public static func from(_ message: DeliveryMessage, sender: String = "ccas", sentMillis: Int64) -> CAPAlert {
        let facts = message.facts
        let priority = message.priority ?? facts.priority ?? "P1"
        let (urgency, severity): (String, String) = switch priority {
        case "P0": ("Immediate", "Extreme")
        case "P1": ("Immediate", "Severe")
        case "P2": ("Expected", "Moderate")
        default: ("Future", "Minor")
        }
        var area = Area(description: facts.address ?? facts.event ?? "unknown place")
        if let lat = facts.lat, let lon = facts.lon { area.circles = [(lat, lon, 0.2)] }
        let language = message.record["language"]?.stringValue == "en" ? "en-GB" : "fr-FR"
        return CAPAlert(
            identifier: identifier(key: message.key), sender: sender, sentMillis: sentMillis,
            status: message.exercise ? "Exercise" : "Actual", language: language,
            category: category(nature: facts.nature), event: facts.natureLabel ?? facts.nature ?? "event",
            urgency: urgency, severity: severity, eventCode: facts.nature, senderName: "ccas",
            headline: message.subject, description: message.text,
            instruction: message.record["ask"]?.stringValue, areas: [area])
    }

    /// The CAP category of a nature family.
    public static func category(nature: String?) -> String {
        guard let nature else { return "Other" }
        if nature == "TEC.NRBC" { return "CBRNE" }
        switch nature.prefix(while: { $0 != "." }) {
        case "SAP": return "Health"
        case "INC": return "Fire"
        case "AVP": return "Transport"
        case "SEC": return "Security"
        case "TEC": return "Infra"
        case "DIV": return "Safety"
        case "ADM": return "Other"
        default: return "Other"
        }
    }

    /// The XML document.
    public var xml: String {
        var x = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        x += #"<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">"# + "\n"
        func el(_ name: String, _ value: String, _ indent: String = "  ") { x += "\(indent)<\(name)>\(Markup.escape(value))</\(name)>\n" }
        el("identifier", CAPAlert.token(identifier))
        el("sender", CAPAlert.token(sender))
        el("sent", CAPAlert.dateTime(sentMillis))
        el("status", status)
        el("msgType", msgType)
        el("scope", scope)
        if scope == "Restricted" { el("restriction", restriction ?? "restricted") }
        x += "  <info>\n"
        let i = "    "
        el("language", language, i)
        el("category", category, i)
        el("event", event, i)
        el("urgency", urgency, i)
        el("severity", severity, i)
        el("certainty", certainty, i)
        if let eventCode {
            x += "\(i)<eventCode>\n\(i)  <valueName>ccas-nature</valueName>\n\(i)  <value>\(Markup.escape(eventCode))</value>\n\(i)</eventCode>\n"
        }
        if let senderName { el("senderName", senderName, i) }
        el("headline", headline, i)
        el("description", description, i)
        if let instruction { el("instruction", instruction, i) }
        for area in areas {
            x += "\(i)<area>\n"
            el("areaDesc", area.description, i + "  ")
            for ring in area.polygons {
                el("polygon", ring.map { "\(CAPAlert.coordinate($0.lat)),\(CAPAlert.coordinate($0.lon))" }.joined(separator: " "), i + "  ")
            }
            for c in area.circles {
                el("circle", "\(CAPAlert.coordinate(c.lat)),\(CAPAlert.coordinate(c.lon)) \(c.radiusKm)", i + "  ")
            }
            x += "\(i)</area>\n"
        }
        x += "  </info>\n</alert>\n"
        return x
    }

    /// CAP dateTime: seconds, explicit offset, no fraction (`2026-11-29T04:15:30+00:00`).
    static func dateTime(_ ms: Int64) -> String {
        let iso = Timestamp(milliseconds: ms).iso8601  // 2026-11-29T04:15:30.120Z
        return String(iso.prefix(19)) + "+00:00"
    }

    static func coordinate(_ x: Double) -> String {
        if case .number(let s) = JSON.double(x, places: 6) { return s }
        return String(x)
    }

    /// Identifier and sender may not hold spaces, commas or XML-reserved characters.
    static func token(_ s: String) -> String {
        String(s.map { $0 == " " || $0 == "," || $0 == "<" || $0 == "&" || $0 == ">" || $0 == "\"" || $0 == "'" ? "_" : $0 })
    }

}

/// `cap`: the notification as a CAP 1.2 alert, to a directory, a file or a webhook.
public struct CAPChannel: DeliveryChannel {
    public enum Destination: Sendable {
        case directory(String)
        case file(String)
        case webhook(WebhookChannel)
    }
    public var destination: Destination
    public var sender: String

    public init(destination: Destination, sender: String = "ccas") {
        self.destination = destination
        self.sender = sender
    }

    public func deliver(_ message: DeliveryMessage) -> DeliveryOutcome {
        let sent = message.record["queued_at"]?.stringValue.flatMap { try? Timestamp.parse($0).milliseconds }
            ?? Int64(Date().timeIntervalSince1970 * 1000)
        let xml = Array(CAPAlert.from(message, sender: sender, sentMillis: sent).xml.utf8)
        do {
            switch destination {
            case .directory(let dir):
                try SpoolFile.write(xml, name: SpoolFile.name(id: message.id, key: message.key, extension: "xml"), directory: dir)
            case .file(let path):
                let url = URL(fileURLWithPath: path)
                try SpoolFile.write(xml, name: url.lastPathComponent, directory: url.deletingLastPathComponent().path)
            case .webhook(var hook):
                hook.contentType = "application/cap+xml"
                return hook.post(body: xml, message: message)
            }
            return .delivered(acknowledgedBy: nil)
        } catch {
            return .retry("\(error)")
        }
    }
}
