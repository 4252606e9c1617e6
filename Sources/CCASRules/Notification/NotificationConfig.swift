/// Where a notification goes: a channel type and its target (URL, command, directory or file).
public struct ChannelSpec: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case stdout, webhook, exec, cap, file
    }
    public var kind: Kind
    /// URL, command line, directory or file; "spool" for the default spool directory.
    public var target: String

    public init(kind: Kind, target: String = "") {
        self.kind = kind
        self.target = target
    }

    public var text: String { target.isEmpty ? kind.rawValue : "\(kind.rawValue):\(target)" }
}

/// Someone the centre tells about events: a role, a partner service or a unit station.
public struct Recipient: Sendable, Equatable {
    public enum Kind: String, Sendable { case role, partner, station }
    public var id: String
    public var kind: Kind
    public var labelFR: String
    public var labelEN: String
    public var channels: [ChannelSpec]
    /// Told when this recipient has not acknowledged by the deadline.
    public var escalation: String?
    /// False: never notified of exercises.
    public var receivesExercises: Bool
    /// For stations: the name dispatch records give.
    public var station: String?

    public func label(_ language: String) -> String { language == "en" ? labelEN : labelFR }
}

/// One condition of a rule's alternative: all of its parts must hold.
public struct RuleAlternative: Sendable, Equatable {
    public var priorities: [String] = []
    /// Exact codes, or `FAMILY.*` prefixes stored as "FAMILY.".
    public var natures: [String] = []
    public var facts: [FactTest] = []
    public var unitsEngaged: Bool?
}

/// `victims>=3`, `dead`, `place=rail`.
public struct FactTest: Sendable, Equatable {
    public enum Test: Sendable, Equatable {
        case truthy
        case atLeast(Double)
        case equals(String)
    }
    public var name: String
    public var test: Test

    static func parse(_ text: String) -> FactTest? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let r = t.range(of: ">=") {
            let name = String(t[..<r.lowerBound]), value = String(t[r.upperBound...])
            guard isName(name), let n = Double(value) else { return nil }
            return FactTest(name: name, test: .atLeast(n))
        }
        if let r = t.range(of: "=") {
            let name = String(t[..<r.lowerBound]), value = String(t[r.upperBound...])
            guard isName(name), !value.isEmpty else { return nil }
            return FactTest(name: name, test: .equals(value))
        }
        return isName(t) ? FactTest(name: t, test: .truthy) : nil
    }

    private static func isName(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
    }
}

/// A notification rule: when it applies, whom it notifies, what it asks and why.
public struct NotificationRule: Sendable, Equatable {
    /// The recipient list entry that means "each engaged unit's station".
    public static let stations = "@stations"
    public var id: String
    public var when: [RuleAlternative]
    public var notify: [String]
    public var ask: String
    public var deadlineSeconds: Int?
    public var whyFR: String
    public var whyEN: String

    public func why(_ language: String) -> String { language == "en" ? whyEN : whyFR }
}

/// The texts of one language.
public struct LanguageTemplates: Sendable, Equatable {
    public var subject: String
    public var body: String
    public var message: String
    public var exercise: String
    public var unknown: String
    public var none: String
    public var asks: [String: String]
}

/// Recipients, rules and templates: the notification part of the référentiel.
public struct NotificationConfig: Sendable {
    public let files: [String: String]
    public let recipients: [Recipient]
    public let rules: [NotificationRule]
    public let deadlines: [String: Int]
    public let sensitiveNatures: [String]
    public let languages: [String: LanguageTemplates]
    public let defaultLanguage: String
    let recipientIndex: [String: Int]
    let stationIndex: [String: Int]

    init(files: [String: String], recipients: [Recipient], rules: [NotificationRule], deadlines: [String: Int],
         sensitiveNatures: [String], languages: [String: LanguageTemplates], defaultLanguage: String)
    {
        self.files = files
        self.recipients = recipients
        self.rules = rules
        self.deadlines = deadlines
        self.sensitiveNatures = sensitiveNatures
        self.languages = languages
        self.defaultLanguage = defaultLanguage
        var index: [String: Int] = [:], stations: [String: Int] = [:]
        for (i, r) in recipients.enumerated() {
            index[r.id] = i
            if let s = r.station { stations[s] = i }
        }
        recipientIndex = index
        stationIndex = stations
    }

    public func recipient(_ id: String) -> Recipient? { recipientIndex[id].map { recipients[$0] } }

    /// The recipient for a unit's station: the one naming it, else the generic `station`,
    /// with the id `station:NAME` so each station's notifications are told apart.
    public func station(_ name: String) -> Recipient? {
        if let i = stationIndex[name] { return recipients[i] }
        guard var generic = recipient("station") else { return nil }
        generic.id = "station:" + name
        generic.labelFR = "\(generic.labelFR) \(name)"
        generic.labelEN = "\(generic.labelEN) \(name)"
        generic.station = name
        return generic
    }

    /// Any recipient by id, including `station:NAME`.
    public func resolve(_ id: String) -> Recipient? {
        if let r = recipient(id) { return r }
        if id.hasPrefix("station:") { return station(String(id.dropFirst("station:".count))) }
        return nil
    }

    /// Seconds to acknowledge at `priority` (P0 60 s by default).
    public func deadline(priority: String?) -> Int { deadlines[priority ?? ""] ?? deadlines["P1"] ?? 300 }
}

import Foundation
