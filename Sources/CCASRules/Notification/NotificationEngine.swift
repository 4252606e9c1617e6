import CCASCore

/// A notification decided by the rules, ready to be queued: whom, on which channel, by which
/// rule and why, by when it must be acknowledged, and its text.
public struct PlannedNotification: Sendable, Equatable {
    /// Receivers deduplicate on it; the outbox keeps one row per key.
    public var key: String
    public var event: String?
    public var recipient: String
    public var recipientLabel: String
    public var channel: ChannelSpec
    /// The first rule that selected the recipient; `rules` has them all.
    public var rule: String
    public var rules: [String]
    public var reason: String
    public var ask: String
    /// For a station's alert: the unit it alerts (its acknowledgement moves the unit).
    public var unit: String?
    public var priority: String?
    public var deadlineSeconds: Int
    public var language: String
    public var subject: String
    public var text: String
    public var exercise: Bool
    /// The event summary (EventFacts.json), so escalations and CAP alerts can be written later.
    public var facts: JSONObject
    /// For an escalation: the key of the notification that was not acknowledged.
    public var escalationOf: String?
    /// The hash of the référentiel whose rules decided it.
    public var referentiel: String = Referentiel.builtInHash

    /// The notification as a record (without the outbox's id, status and times).
    public var record: JSONObject {
        var o: JSONObject = [
            "kind": "notification", "v": 1, "key": .string(key), "event_id": .optional(event),
            "recipient": .string(recipient), "recipient_label": .string(recipientLabel),
            "channel": .string(channel.kind.rawValue), "target": .string(channel.target),
            "rule": .string(rule), "rules": .strings(rules), "reason": .string(reason), "ask": .string(ask),
            "unit": .optional(unit), "priority": .optional(priority), "deadline_s": .int(deadlineSeconds),
            "language": .string(language), "subject": .string(subject), "text": .string(text),
        ]
        if let escalationOf { o["escalation_of"] = .string(escalationOf) }
        o["event"] = .object(facts)
        o["exercise"] = .bool(exercise)
        o["referentiel"] = .string(referentiel)
        return o
    }
}

/// The pure rule engine: an event in, the notifications it calls for out. No I/O, no clock.
public struct NotificationEngine: Sendable {
    public let config: NotificationConfig
    public let language: String
    /// Every notification goes to this channel instead of the recipients' own (`--channel`).
    public let channelOverride: ChannelSpec?
    /// The label of a nature code in a language ("fr"/"en"), when the record does not give one.
    public let natureLabel: @Sendable (String, String) -> String?
    /// The hash of the référentiel the rules come from, on every notification.
    public let referentielHash: String

    public init(config: NotificationConfig, language: String? = nil, channelOverride: ChannelSpec? = nil,
                referentielHash: String = Referentiel.builtInHash,
                natureLabel: @escaping @Sendable (String, String) -> String? = { _, _ in nil })
    {
        self.config = config
        self.referentielHash = referentielHash
        self.language = language.flatMap { config.languages[$0] != nil ? $0 : nil } ?? config.defaultLanguage
        self.channelOverride = channelOverride
        self.natureLabel = natureLabel
    }

    /// Why a record cannot be notified, or nil.
    public static func problem(with facts: EventFacts) -> String? {
        facts.event == nil ? "no event_id: notifications name the event they concern" : nil
    }

    public func decide(record: JSONObject) -> [PlannedNotification] { decide(EventFacts(record: record)) }

    /// The notifications `facts` calls for, one per recipient (and per engaged unit for stations)
    /// and channel, in rule order.
    public func decide(_ facts: EventFacts) -> [PlannedNotification] {
        guard let event = facts.event else { return [] }
        // Recipient (and unit) → the rules that chose it, in first-seen order.
        var order: [String] = []
        var chosen: [String: (recipient: Recipient, unit: String?, rules: [NotificationRule])] = [:]
        for rule in config.rules where applies(rule, facts) {
            for name in rule.notify {
                var targets: [(Recipient, String?)] = []
                if name == NotificationRule.stations {
                    for u in facts.units {
                        if let r = config.station(u.station ?? "unknown") { targets.append((r, u.id)) }
                    }
                } else if let r = config.recipient(name) {
                    targets.append((r, nil))
                }
                for (r, unit) in targets {
                    if facts.exercise, !r.receivesExercises { continue }
                    let id = unit.map { r.id + "|" + $0 } ?? r.id
                    if chosen[id] == nil {
                        order.append(id)
                        chosen[id] = (r, unit, [rule])
                    } else {
                        chosen[id]!.rules.append(rule)
                    }
                }
            }
        }
        var out: [PlannedNotification] = []
        // What every recipient's text and record share, computed once per event, not per recipient.
        let shared = (values: values(facts, config.languages[language]!), summary: facts.json)
        for id in order {
            let (recipient, unit, rules) = chosen[id]!
            let deadline = rules.map { $0.deadlineSeconds ?? config.deadline(priority: facts.priority) }.min()!
            let why = rules.map { $0.why(language) }.joined(separator: " ; ")
            let keyBase = event + ":" + recipient.id + (unit.map { ":" + $0 } ?? "")
            out += plan(keyBase: keyBase, recipient: recipient, unit: unit, rules: rules.map(\.id), why: why,
                        ask: rules[0].ask, deadline: deadline, facts: facts, text: nil, shared: shared)
        }
        return out
    }

    /// An operator's own message (`ccas-notify send`), with the same guarantees.
    public func message(to recipientID: String, text: String, facts: EventFacts, key: String) -> [PlannedNotification]? {
        guard let recipient = config.resolve(recipientID) else { return nil }
        return plan(keyBase: key, recipient: recipient, unit: nil, rules: ["operator.message"], why: "", ask: "message",
                    deadline: config.deadline(priority: facts.priority ?? "P1"), facts: facts, text: text)
    }

    /// The notification to the escalation recipient of `recipientID`, about the same event, for a
    /// notification (`key`) not acknowledged by its deadline; nil when there is nobody to escalate to.
    public func escalation(of key: String, recipient recipientID: String, facts: EventFacts, deadline: Int) -> (to: Recipient, notifications: [PlannedNotification])? {
        guard let from = config.resolve(recipientID), let toID = from.escalation, let to = config.resolve(toID) else { return nil }
        // One escalation per recipient along a chain: the key keeps the root's key.
        let root = key.split(separator: ">", maxSplits: 1).first.map(String.init) ?? key
        var planned = plan(keyBase: root + ">" + to.id, recipient: to, unit: nil, rules: ["escalation"],
                           why: from.label(language), ask: "escalation", deadline: deadline, facts: facts, text: nil,
                           askRecipient: from.label(language))
        for i in planned.indices { planned[i].escalationOf = key }
        return (to, planned)
    }

    func applies(_ rule: NotificationRule, _ facts: EventFacts) -> Bool {
        rule.when.contains { alt in
            if !alt.priorities.isEmpty, !alt.priorities.contains(facts.priority ?? "") { return false }
            if !alt.natures.isEmpty {
                guard let nature = facts.nature else { return false }
                let hit = alt.natures.contains { pattern in
                    if pattern == "@sensitive" { return config.sensitiveNatures.contains(nature) }
                    return pattern.hasSuffix(".") ? nature.hasPrefix(pattern) : nature == pattern
                }
                if !hit { return false }
            }
            if !alt.facts.isEmpty, !alt.facts.contains(where: facts.holds) { return false }
            if let engaged = alt.unitsEngaged, engaged != (facts.unitsEngaged && !facts.units.isEmpty) { return false }
            return true
        }
    }

    private func plan(keyBase: String, recipient: Recipient, unit: String?, rules: [String], why: String, ask: String,
                      deadline: Int, facts: EventFacts, text: String?, askRecipient: String? = nil,
                      shared: (values: [String: String], summary: JSONObject)? = nil) -> [PlannedNotification]
    {
        let t = config.languages[language]!
        var values = shared?.values ?? values(facts, t)
        values["why"] = why
        values["unit"] = unit ?? values["units"]
        values["recipient"] = askRecipient ?? recipient.label(language)
        values["text"] = text ?? ""
        let askText = MessageTemplate.render(t.asks[ask] ?? ask, values)
        values["ask"] = askText
        let subject = MessageTemplate.render(t.subject, values)
        let body = MessageTemplate.render(text == nil ? t.body : t.message, values)
        let channels = channelOverride.map { [$0] } ?? recipient.channels
        let summary = shared?.summary ?? facts.json
        return channels.enumerated().map { i, channel in
            PlannedNotification(
                key: keyBase + "#" + String(i), event: facts.event, recipient: recipient.id,
                recipientLabel: recipient.label(language), channel: channel, rule: rules[0], rules: rules,
                reason: why, ask: ask, unit: unit, priority: facts.priority, deadlineSeconds: deadline,
                language: language, subject: subject, text: body, exercise: facts.exercise, facts: summary,
                referentiel: referentielHash)
        }
    }

    private func values(_ f: EventFacts, _ t: LanguageTemplates) -> [String: String] {
        let unknown = t.unknown
        let label = f.nature.flatMap { natureLabel($0, language) } ?? f.natureLabel ?? f.nature ?? unknown
        let units = f.units.map { u in u.station.map { "\(u.id) (\($0))" } ?? u.id }
        return [
            "event": f.event ?? unknown, "nature": f.nature ?? unknown, "nature_label": label,
            "priority": f.priority ?? unknown, "address": f.address ?? unknown,
            "lat": f.lat.map { String(format7($0)) } ?? unknown, "lon": f.lon.map { String(format7($0)) } ?? unknown,
            "victims": f.facts["victims"].flatMap { $0.intValue.map(String.init) } ?? unknown,
            "units": units.isEmpty ? t.none : units.joined(separator: ", "),
            "talkgroup": f.talkgroup ?? t.none,
            "exercise": f.exercise ? t.exercise : "",
        ]
    }

    private func format7(_ x: Double) -> String {
        if case .number(let s) = JSON.double(x, places: 6) { return s }
        return String(x)
    }
}
