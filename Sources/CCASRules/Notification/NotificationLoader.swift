import Foundation
import Yams

extension NotificationConfig {
    /// The built-in recipients, rules and templates (DOMAIN.md made data).
    public static let `default`: NotificationConfig = {
        do { return try load(files: NotificationFiles.files) } catch {
            fatalError("the built-in notification référentiel is invalid: \(error)")
        }
    }()

    /// Loads and validates the three files; throws every problem found, named `file:line`.
    public static func load(files: [String: String]) throws -> NotificationConfig {
        var builder = NotificationBuilder(files: files)
        let config = builder.build()
        guard builder.problems.isEmpty, let config else { throw ReferentielError(problems: builder.problems) }
        return config
    }

    /// Every problem of the files (empty when they are valid).
    public static func check(files: [String: String]) -> [ReferentielProblem] {
        var builder = NotificationBuilder(files: files)
        _ = builder.build()
        return builder.problems
    }

    /// Reads the files of `directory` that exist there, the built-in ones for the others.
    public static func load(directory: String) throws -> NotificationConfig {
        var files = NotificationFiles.files
        for name in NotificationFiles.fileNames {
            let path = (directory as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw ReferentielError(problems: [ReferentielProblem(file: name, line: 0, "cannot read \(path) as UTF-8")])
            }
            files[name] = text
        }
        return try load(files: files)
    }
}

/// Reads the YAML trees and checks them, collecting every problem rather than stopping.
struct NotificationBuilder {
    let files: [String: String]
    var problems: [ReferentielProblem] = []
    private var file = ""

    init(files: [String: String]) { self.files = files }

    mutating func build() -> NotificationConfig? {
        let roots = NotificationFiles.fileNames.map { name -> Node? in
            file = name
            guard let text = files[name] else {
                problem(0, "missing file")
                return nil
            }
            do {
                // The basic resolver and `[key:]`: no regular expressions per key (see ReferentielLoader).
                guard let root = try Yams.compose(yaml: text, .basic, .default, .utf8), root.mapping != nil else {
                    problem(0, "empty file, or not a mapping")
                    return nil
                }
                return root
            } catch let error as YamlError {
                problem(line(of: error), "YAML: \(error)")
            } catch {
                problem(0, "YAML: \(error)")
            }
            return nil
        }
        guard let recipientsRoot = roots[0], let rulesRoot = roots[1], let templatesRoot = roots[2] else { return nil }
        file = "recipients.yaml"
        let recipients = readRecipients(recipientsRoot)
        let ids = Set(recipients.map(\.id))
        file = "templates.yaml"
        let (languages, defaultLanguage) = readTemplates(templatesRoot)
        let asks = Set(languages.values.flatMap(\.asks.keys))
        file = "notification-rules.yaml"
        var deadlines: [String: Int] = [:]
        for (key, value) in pairs(rulesRoot[key: "deadlines"]) {
            let p = key.string ?? ""
            if !["P0", "P1", "P2", "P3"].contains(p) { problem(line(key), "deadline for unknown priority \"\(p)\"") }
            guard let n = Int(value.string ?? ""), n > 0 else {
                problem(line(value), "deadline of \(p) must be a positive number of seconds")
                continue
            }
            deadlines[p] = n
        }
        if deadlines["P0"] == nil { problem(line(rulesRoot), "deadlines: needs at least P0") }
        let sensitive = strings(rulesRoot[key: "sensitive_natures"]).map(\.value)
        let rules = readRules(rulesRoot, recipients: ids, asks: asks)
        return NotificationConfig(
            files: files, recipients: recipients, rules: rules, deadlines: deadlines, sensitiveNatures: sensitive,
            languages: languages, defaultLanguage: defaultLanguage)
    }

    private mutating func readRecipients(_ root: Node) -> [Recipient] {
        guard let list = root[key: "recipients"]?.sequence else {
            problem(line(root), "missing recipients: list")
            return []
        }
        var out: [Recipient] = []
        var seen: [String: Int] = [:]
        for node in list {
            let at = line(node)
            guard let id = node[key: "id"]?.string, !id.isEmpty else {
                problem(at, "recipient without id")
                continue
            }
            if let first = seen[id] { problem(at, "duplicate recipient \(id) (first at line \(first))") }
            seen[id] = at
            let kindText = node[key: "kind"]?.string ?? ""
            guard let kind = Recipient.Kind(rawValue: kindText) else {
                problem(line(node[key: "kind"]) ?? at, "recipient \(id): kind must be role, partner or station, not \"\(kindText)\"")
                continue
            }
            var channels: [ChannelSpec] = []
            for c in node[key: "channels"]?.sequence.map(Array.init) ?? [] {
                let typeText = c[key: "type"]?.string ?? c.string ?? ""
                guard let type = ChannelSpec.Kind(rawValue: typeText) else {
                    problem(line(c), "recipient \(id): unknown channel type \"\(typeText)\" (stdout, webhook, exec, cap, file)")
                    continue
                }
                let target = c[key: "target"]?.string ?? ""
                if let reason = ChannelSpec.check(kind: type, target: target) { problem(line(c), "recipient \(id): \(reason)") }
                channels.append(ChannelSpec(kind: type, target: target))
            }
            if channels.isEmpty { problem(at, "recipient \(id) has no channels: (give at least one)") }
            var exercise = true
            if let e = node[key: "exercise"] {
                if let b = e.bool { exercise = b } else { problem(line(e), "recipient \(id): exercise must be true or false") }
            }
            out.append(Recipient(
                id: id, kind: kind, labelFR: node[key: "label_fr"]?.string ?? id, labelEN: node[key: "label_en"]?.string ?? id,
                channels: channels, escalation: node[key: "escalation"]?.string, receivesExercises: exercise,
                station: node[key: "station"]?.string))
        }
        let ids = Set(out.map(\.id))
        for (node, r) in zip(list, out) {
            if let e = r.escalation {
                if e == r.id { problem(line(node[key: "escalation"]) ?? line(node), "recipient \(r.id) escalates to itself") }
                else if !ids.contains(e) { problem(line(node[key: "escalation"]) ?? line(node), "recipient \(r.id) escalates to unknown recipient \"\(e)\"") }
            }
        }
        return out
    }

    private mutating func readRules(_ root: Node, recipients: Set<String>, asks: Set<String>) -> [NotificationRule] {
        guard let list = root[key: "rules"]?.sequence else {
            problem(line(root), "missing rules: list")
            return []
        }
        var out: [NotificationRule] = []
        var seen: [String: Int] = [:]
        for node in list {
            let at = line(node)
            let id = node[key: "id"]?.string ?? ""
            if id.isEmpty { problem(at, "rule without id") }
            if let first = seen[id] { problem(at, "duplicate rule \(id) (first at line \(first))") }
            seen[id] = at
            var alternatives: [RuleAlternative] = []
            guard let whens = node[key: "when"]?.sequence, !whens.isEmpty else {
                problem(at, "rule \(id) needs when: [{…}, …]")
                continue
            }
            for w in whens {
                var alt = RuleAlternative()
                guard w.mapping != nil else {
                    problem(line(w), "rule \(id): each when: alternative is a mapping")
                    continue
                }
                for (key, value) in pairs(w) {
                    switch key.string ?? "" {
                    case "priority":
                        for p in strings(value) {
                            if !["P0", "P1", "P2", "P3"].contains(p.value) { problem(p.line, "rule \(id): unknown priority \"\(p.value)\"") }
                            alt.priorities.append(p.value)
                        }
                    case "nature":
                        alt.natures += strings(value).map { $0.value.hasSuffix(".*") ? String($0.value.dropLast()) : $0.value }
                    case "fact":
                        for f in strings(value) {
                            if let t = FactTest.parse(f.value) { alt.facts.append(t) } else {
                                problem(f.line, "rule \(id): bad fact test \"\(f.value)\" (write name, name>=n or name=value)")
                            }
                        }
                    case "units_engaged":
                        if let b = value.bool { alt.unitsEngaged = b } else { problem(line(value), "rule \(id): units_engaged must be true or false") }
                    case let other:
                        problem(line(key), "rule \(id): unknown condition \"\(other)\" (priority, nature, fact, units_engaged)")
                    }
                }
                alternatives.append(alt)
            }
            let notify = strings(node[key: "notify"])
            if notify.isEmpty { problem(at, "rule \(id) notifies nobody (notify: [recipient, …])") }
            for n in notify where n.value != NotificationRule.stations && !recipients.contains(n.value) {
                problem(n.line, "rule \(id): unknown recipient \"\(n.value)\" (not in recipients.yaml)")
            }
            let ask = node[key: "ask"]?.string ?? "inform"
            if !asks.isEmpty, !asks.contains(ask) { problem(line(node[key: "ask"]) ?? at, "rule \(id): unknown ask \"\(ask)\" (not under asks: in templates.yaml)") }
            var deadline: Int?
            if let d = node[key: "deadline"] {
                if let n = Int(d.string ?? ""), n > 0 { deadline = n } else { problem(line(d), "rule \(id): deadline must be a positive number of seconds") }
            }
            let whyFR = node[key: "why_fr"]?.string ?? "", whyEN = node[key: "why_en"]?.string ?? ""
            if whyFR.isEmpty || whyEN.isEmpty { problem(at, "rule \(id) must say why (why_fr: and why_en:)") }
            out.append(NotificationRule(
                id: id, when: alternatives, notify: notify.map(\.value), ask: ask, deadlineSeconds: deadline,
                whyFR: whyFR, whyEN: whyEN))
        }
        return out
    }

    private mutating func readTemplates(_ root: Node) -> ([String: LanguageTemplates], String) {
        var languages: [String: LanguageTemplates] = [:]
        for (key, node) in pairs(root[key: "languages"]) {
            let lang = key.string ?? ""
            func text(_ name: String) -> String {
                guard let s = node[key: name]?.string else {
                    problem(line(node), "language \(lang): missing \(name):")
                    return ""
                }
                if let bad = MessageTemplate.unknownPlaceholder(in: s) {
                    problem(line(node[key: name]) ?? line(node), "language \(lang), \(name): unknown placeholder {\(bad)}")
                }
                return s
            }
            var asks: [String: String] = [:]
            for (k, v) in pairs(node[key: "asks"]) {
                let s = v.string ?? ""
                if let bad = MessageTemplate.unknownPlaceholder(in: s) { problem(line(v), "language \(lang), ask \(k.string ?? ""): unknown placeholder {\(bad)}") }
                asks[k.string ?? ""] = s
            }
            languages[lang] = LanguageTemplates(
                subject: text("subject"), body: text("body"), message: text("message"),
                exercise: node[key: "exercise"]?.string ?? "", unknown: node[key: "unknown"]?.string ?? "?",
                none: node[key: "none"]?.string ?? "-", asks: asks)
        }
        if languages.isEmpty { problem(line(root), "missing languages: (fr:, en:)") }
        let def = root[key: "default_language"]?.string ?? "fr"
        if !languages.isEmpty, languages[def] == nil { problem(line(root[key: "default_language"]) ?? 0, "default_language \(def) has no texts") }
        return (languages, def)
    }

    // MARK: helpers

    private mutating func problem(_ line: Int, _ message: String) {
        problems.append(ReferentielProblem(file: file, line: line, message))
    }

    private func line(_ node: Node?) -> Int? { node?.mark?.line }
    private func line(_ node: Node) -> Int { node.mark?.line ?? 0 }

    private func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 0
        }
    }

    private func pairs(_ node: Node?) -> [(Node, Node)] {
        guard let mapping = node?.mapping else { return [] }
        return mapping.map { ($0.key, $0.value) }
    }

    private mutating func strings(_ node: Node?) -> [(value: String, line: Int)] {
        guard let node else { return [] }
        if let s = node.scalar { return s.string.isEmpty ? [] : [(s.string, line(node))] }
        guard let seq = node.sequence else {
            problem(line(node), "expected a list")
            return []
        }
        return seq.compactMap { item in item.string.map { ($0, line(item)) } }
    }
}

extension ChannelSpec {
    /// Why a channel's target cannot work, or nil.
    public static func check(kind: Kind, target: String) -> String? {
        switch kind {
        case .stdout: return nil
        case .webhook:
            return target.hasPrefix("http://") || target.hasPrefix("https://") ? nil : "webhook target must be an http:// or https:// URL, not \"\(target)\""
        case .exec: return target.isEmpty ? "exec channel needs target: COMMAND" : nil
        case .cap, .file: return target.isEmpty ? "\(kind.rawValue) channel needs target: (a directory, or spool)" : nil
        }
    }
}
