import CCASCore
import Foundation
import Yams

extension Referentiel {
    /// The référentiel built into the programs (DOMAIN.md made data).
    ///
    /// Decoded from its compiled form (`DefaultReferentiel.compiled`, see `CompiledReferentiel`):
    /// no YAML parsed, no validation, no matcher built at start-up. ReferentielTests checks the
    /// compiled form is that of the embedded YAML.
    public static let `default`: Referentiel = {
        if let r = try? loadCompiledDefault() { return r }
        // A compiled form of another format, while the sources are being regenerated: the YAML.
        do { return try load(files: DefaultReferentiel.files) } catch {
            fatalError("the built-in référentiel is invalid: \(error)")
        }
    }()

    static func loadCompiledDefault() throws -> Referentiel {
        guard let bytes = Base64.decode(DefaultReferentiel.compiled) else { throw ByteReader.Truncated() }
        return try CompiledReferentiel.decode(bytes, files: DefaultReferentiel.files)
    }

    /// Loads and validates the classification files of `directory`; throws every problem found.
    /// Its engagement and notification files count in the hash; the programs that use them, and
    /// `check(directory:)`, validate them.
    public static func load(directory: String) throws -> Referentiel {
        try load(files: try readFiles(directory: directory))
    }

    /// Every problem of the référentiel in `directory` (empty when it is valid): the classification
    /// files, and the engagement and notification files (the folder's or the built-in ones).
    public static func check(directory: String) -> [ReferentielProblem] {
        do { return check(files: try readFiles(directory: directory)) } catch let error as ReferentielError {
            return error.problems
        } catch {
            return [ReferentielProblem(file: directory, line: 0, "\(error)")]
        }
    }

    public static func check(files: [String: String]) -> [ReferentielProblem] {
        let files = completed(files)
        var builder = ReferentielBuilder(files: files)
        let classification = builder.build()
        return builder.problems
            + EngagementReferentiel.check(files: files, natures: classification?.natures.map(\.code))
            + NotificationConfig.check(files: files)
    }

    public static func load(files: [String: String]) throws -> Referentiel {
        var builder = ReferentielBuilder(files: files)
        let referentiel = builder.build()
        guard builder.problems.isEmpty, let referentiel else { throw ReferentielError(problems: builder.problems) }
        return referentiel
    }

    /// Writes the files as they were read, byte for byte, creating `directory` if needed.
    public func export(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for name in Referentiel.allFileNames {
            let path = (directory as NSString).appendingPathComponent(name)
            try Data((files[name] ?? "").utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    /// The files of `directory`: the classification files must be there; the built-in engagement
    /// and notification files stand in for those that are not.
    static func readFiles(directory: String) throws -> [String: String] {
        var files: [String: String] = [:]
        var problems: [ReferentielProblem] = []
        for name in allFileNames {
            let path = (directory as NSString).appendingPathComponent(name)
            let required = fileNames.contains(name)
            if !required, !FileManager.default.fileExists(atPath: path) { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append(ReferentielProblem(file: name, line: 0, "cannot read \(path)"))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                problems.append(ReferentielProblem(file: name, line: 0, "not UTF-8"))
                continue
            }
            files[name] = text
        }
        if !problems.isEmpty { throw ReferentielError(problems: problems) }
        return completed(files)
    }
}

/// Reads the YAML trees and checks them, collecting every problem rather than stopping.
struct ReferentielBuilder {
    let files: [String: String]
    var problems: [ReferentielProblem] = []
    private var file = ""
    private var aliasKeys: [String] = []

    init(files: [String: String]) {
        self.files = files
    }

    mutating func build() -> Referentiel? {
        let roots = Referentiel.fileNames.map { name -> Node? in
            file = name
            guard let text = files[name] else {
                problem(0, "missing file")
                return nil
            }
            do {
                // The basic resolver: no regular expression per scalar to guess its type; the builder
                // reads each value as the type it expects. (The default resolver took 50 ms.) UTF-8
                // said here: Yams' default encoding reads the process environment at every parse.
                guard let root = try Yams.compose(yaml: text, .basic, .default, .utf8) else {
                    problem(0, "empty file")
                    return nil
                }
                return root
            } catch let error as YamlError {
                problem(line(of: error), "YAML: \(summary(of: error))")
            } catch {
                problem(0, "YAML: \(error)")
            }
            return nil
        }
        guard let naturesRoot = roots[0], let patternsRoot = roots[1], let questionsRoot = roots[2],
            let aliasesRoot = roots[3]
        else { return nil }

        file = "natures.yaml"
        let factTypes = readFactTypes(naturesRoot)
        let shown = strings(naturesRoot[field: "shown_facts"], at: naturesRoot)
        for f in shown where factTypes[f.value] == nil { problem(f.line, "unknown fact \"\(f.value)\" in shown_facts") }
        let gendarmerie = strings(naturesRoot[field: "gendarmerie_when"], at: naturesRoot).compactMap { condition($0, factTypes) }
        let childAge = naturesRoot[field: "child_age_below"].flatMap { Int($0.string ?? "") } ?? 15

        file = "questions.yaml"
        let questions = readQuestions(questionsRoot)
        let questionIDs = Set(questions.map(\.id))

        file = "natures.yaml"
        let natures = readNatures(naturesRoot, factTypes: factTypes, questionIDs: questionIDs)
        let natureCodes = Set(natures.map(\.code))

        file = "patterns.yaml"
        let patterns = readPatterns(patternsRoot, factTypes: factTypes, natureCodes: natureCodes)
        var rewrites: [String: [String]] = [:]
        for (key, value) in pairs(patternsRoot[field: "rewrites"]) {
            let words = (value.string ?? "").split(separator: " ").map(String.init)
            if words.isEmpty || !PhraseSyntax.isWord(key.string ?? "") || !words.allSatisfy(PhraseSyntax.isWord) {
                problem(line(key), "rewrite \"\(key.string ?? "")\" → \"\(value.string ?? "")\": words must be folded lower-case letters and digits")
            }
            rewrites[key.string ?? ""] = words
        }
        var numbers: [String: Int] = [:]
        for (key, value) in pairs(patternsRoot[field: "numbers"]) {
            guard let n = Int(value.string ?? "") else {
                problem(line(value), "number \"\(key.string ?? "")\" is not an integer")
                continue
            }
            numbers[key.string ?? ""] = n
        }
        var languageWords: [String: [String]] = [:]
        for (key, value) in pairs(patternsRoot[field: "language_words"]) {
            languageWords[key.string ?? ""] = strings(value, at: key).map(\.value)
        }

        file = "aliases.yaml"
        let aliases = readAliases(aliasesRoot, natureCodes: natureCodes)

        return Referentiel(
            files: files, natures: natures, factTypes: factTypes, shownFacts: shown.map(\.value),
            gendarmerieWhen: gendarmerie, childAgeBelow: childAge, patterns: patterns, rewrites: rewrites,
            numbers: numbers, languageWords: languageWords, questions: questions, aliases: aliases,
            aliasKeys: aliasKeys)
    }

    // MARK: natures.yaml

    private mutating func readFactTypes(_ root: Node) -> [String: FactType] {
        var types: [String: FactType] = [:]
        guard root[field: "facts"] != nil else {
            problem(line(root), "missing facts:")
            return types
        }
        for (key, value) in pairs(root[field: "facts"]) {
            guard let type = FactType(rawValue: value.string ?? "") else {
                problem(line(value), "fact \"\(key.string ?? "")\": type must be int, bool or string, not \"\(value.string ?? "")\"")
                continue
            }
            types[key.string ?? ""] = type
        }
        return types
    }

    private mutating func readNatures(_ root: Node, factTypes: [String: FactType], questionIDs: Set<String>) -> [Nature] {
        var natures: [Nature] = []
        var seen: [String: Int] = [:]
        guard let list = root[field: "natures"]?.sequence else {
            problem(line(root), "missing natures: list")
            return []
        }
        for node in list {
            let at = line(node)
            guard let code = node[field: "code"]?.string, !code.isEmpty else {
                problem(at, "nature without code")
                continue
            }
            if !PhraseSyntax.isNatureCode(code) { problem(at, "nature code \"\(code)\" must be FAMILY.NAME in capitals") }
            if let first = seen[code] { problem(at, "duplicate nature \(code) (first at line \(first))") }
            seen[code] = at
            let labelFR = node[field: "label_fr"]?.string ?? ""
            let labelEN = node[field: "label_en"]?.string ?? ""
            if labelFR.isEmpty { problem(at, "missing label_fr for \(code)") }
            if labelEN.isEmpty { problem(at, "missing label_en for \(code)") }
            let priorityText = node[field: "priority"]?.string ?? ""
            let priority = Priority(code: priorityText)
            if priority == nil { problem(line(node[field: "priority"]) ?? at, "unknown priority \"\(priorityText)\" for \(code)") }
            var reflex = false
            if let r = node[field: "reflex"] {
                if let b = r.bool { reflex = b } else { problem(line(r), "reflex must be true or false for \(code)") }
            } else {
                problem(at, "missing reflex for \(code)")
            }
            if reflex && priority != .p0 { problem(at, "\(code) is réflexe but not P0: réflexe always goes with P0") }
            let services = strings(node[field: "services"], at: node)
            for s in services where !PhraseSyntax.isService(s.value) {
                problem(s.line, "unknown service \"\(s.value)\" for \(code) (SP, SAMU, POLICE, GEND, POLICE_OR_GEND, PARTNER:NAME)")
            }
            if code.hasPrefix("ADM."), !services.isEmpty { problem(at, "\(code): ADM natures have no services") }
            let hubsante = node[field: "hubsante"]?.string ?? ""
            if !PhraseSyntax.isHubSanteCode(hubsante) { problem(line(node[field: "hubsante"]) ?? at, "hubsante code \"\(hubsante)\" for \(code) is not Cnn.nn.nn") }
            let questions = strings(node[field: "questions"], at: node)
            for q in questions where !questionIDs.contains(q.value) {
                problem(q.line, "unknown question \"\(q.value)\" for \(code)")
            }
            var priorityWhen: [(Condition, Priority)] = []
            for rule in items(node[field: "priority_when"]) {
                let p = Priority(code: rule[field: "priority"]?.string ?? "")
                if p == nil { problem(line(rule), "unknown priority \"\(rule[field: "priority"]?.string ?? "")\" for \(code)") }
                if let c = condition((rule[field: "if"]?.string ?? "", line(rule)), factTypes), let p { priorityWhen.append((c, p)) }
            }
            natures.append(Nature(
                code: code, labelFR: labelFR, labelEN: labelEN, priority: priority ?? .p1, reflex: reflex,
                reflexWhen: conditions(node[field: "reflex_when"], node, factTypes),
                services: services.map(\.value), hubsante: hubsante,
                precedence: Int(node[field: "precedence"]?.string ?? "") ?? 0,
                when: conditions(node[field: "when"], node, factTypes), priorityWhen: priorityWhen,
                questions: questions.map(\.value),
                escalating: conditions(node[field: "escalating"], node, factTypes),
                deEscalating: conditions(node[field: "de_escalating"], node, factTypes)))
        }
        return natures
    }

    // MARK: patterns.yaml

    private mutating func readPatterns(_ root: Node, factTypes: [String: FactType], natureCodes: Set<String>) -> [PatternRule] {
        var rules: [PatternRule] = []
        var seen: [String: Int] = [:]
        for section in ["natures", "facts"] {
            for node in items(root[field: section]) {
                let at = line(node)
                let id = node[field: "id"]?.string ?? ""
                if id.isEmpty { problem(at, "pattern without id") }
                if let first = seen[id] { problem(at, "duplicate pattern id \(id) (first at line \(first))") }
                seen[id] = at
                let target: PatternRule.Target
                if section == "natures" {
                    let code = node[field: "nature"]?.string ?? ""
                    if !natureCodes.contains(code) { problem(line(node[field: "nature"]) ?? at, "unknown nature \"\(code)\" in pattern \(id)") }
                    let weightText = node[field: "weight"]?.string ?? "1"
                    guard let weight = Double(weightText), weight > 0 else {
                        problem(line(node[field: "weight"]) ?? at, "weight \"\(weightText)\" of \(id) must be a positive number")
                        continue
                    }
                    target = .nature(code, weight: weight)
                } else {
                    var settings: [(String, FactSetting)] = []
                    guard node[field: "set"]?.mapping != nil else {
                        problem(at, "fact pattern \(id) needs set: {fact: value}")
                        continue
                    }
                    for (key, value) in pairs(node[field: "set"]) {
                        let name = key.string ?? ""
                        guard let type = factTypes[name] else {
                            problem(line(key), "unknown fact \"\(name)\" in pattern \(id)")
                            continue
                        }
                        let text = value.string ?? ""
                        if text == "<n>", type == .int {
                            settings.append((name, .matchedNumber))
                        } else if let v = FactValue.parse(text, as: type) {
                            settings.append((name, .value(v)))
                        } else {
                            problem(line(value), "value \"\(text)\" of fact \(name) in \(id) is not \(type.rawValue)")
                        }
                    }
                    target = .facts(settings)
                }
                var phrases: [(String, String)] = []
                var elements: [[PhraseSyntax.Element]] = []
                for lang in ["fr", "en"] {
                    for phrase in strings(node[field: lang], at: node) {
                        switch PhraseSyntax.compile(phrase.value) {
                        case .success(let e):
                            phrases.append((lang, phrase.value))
                            elements.append(e)
                        case .failure(let error):
                            problem(phrase.line, "pattern \(id): \(error.message) in \"\(phrase.value)\"")
                        }
                    }
                }
                if phrases.isEmpty, node[field: "fr"] == nil, node[field: "en"] == nil { problem(at, "pattern \(id) has no fr: or en: phrases") }
                rules.append(PatternRule(id: id, target: target, phrases: phrases, elements: elements))
            }
        }
        return rules
    }

    // MARK: questions.yaml, aliases.yaml

    private mutating func readQuestions(_ root: Node) -> [Question] {
        var questions: [Question] = []
        var seen: [String: Int] = [:]
        for node in items(root[field: "questions"]) {
            let at = line(node)
            let id = node[field: "id"]?.string ?? ""
            if id.isEmpty { problem(at, "question without id") }
            if let first = seen[id] { problem(at, "duplicate question \(id) (first at line \(first))") }
            seen[id] = at
            let fr = node[field: "fr"]?.string ?? "", en = node[field: "en"]?.string ?? ""
            if fr.isEmpty || en.isEmpty { problem(at, "question \(id) needs fr: and en: text") }
            let settles = node[field: "settles"]?.string ?? ""
            if settles.isEmpty { problem(at, "question \(id) needs settles: (the field it settles)") }
            questions.append(Question(id: id, settles: settles, fr: fr, en: en))
        }
        return questions
    }

    private mutating func readAliases(_ root: Node, natureCodes: Set<String>) -> [Alias] {
        var aliases: [Alias] = []
        var seen: [String: (nature: String, line: Int)] = [:]
        for node in items(root[field: "aliases"]) {
            let code = node[field: "nature"]?.string ?? ""
            if !natureCodes.contains(code) { problem(line(node[field: "nature"]) ?? line(node), "unknown nature \"\(code)\" in aliases") }
            let generic = node[field: "generic"]?.bool ?? false
            for name in strings(node[field: "names"], at: node) {
                // "Other" and "OTHER" are one call type; they may not map to two natures.
                let key = AliasKey.fold(name.value)
                if let first = seen[key], first.nature != code {
                    problem(name.line, "alias \"\(name.value)\" → \(code) contradicts line \(first.line) (\(first.nature))")
                }
                seen[key] = (code, name.line)
                aliases.append(Alias(name: name.value, nature: code, generic: generic))
                aliasKeys.append(key)
            }
        }
        return aliases
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

    private func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            return (context.map { "\($0.text), " } ?? "") + problem
        default: return "\(error)"
        }
    }

    /// The items of a sequence, none when absent. (`?.sequence ?? []` made an empty Node.Sequence
    /// with Yams' default tag, whose resolver compiles regular expressions: milliseconds at start-up.)
    private func items(_ node: Node?) -> [Node] {
        guard let sequence = node?.sequence else { return [] }
        return Array(sequence)
    }

    private func pairs(_ node: Node?) -> [(Node, Node)] {
        guard let mapping = node?.mapping else { return [] }
        return mapping.map { ($0.key, $0.value) }
    }

    /// A scalar or a list of scalars, each with its line.
    private mutating func strings(_ node: Node?, at parent: Node) -> [(value: String, line: Int)] {
        guard let node else { return [] }
        if let s = node.scalar { return s.string.isEmpty ? [] : [(s.string, line(node))] }
        guard let seq = node.sequence else {
            problem(line(node), "expected a list")
            return []
        }
        return seq.compactMap { item in
            guard let s = item.string else { return nil }
            return (s, line(item))
        }
    }

    private mutating func conditions(_ node: Node?, _ parent: Node, _ types: [String: FactType]) -> [Condition] {
        strings(node, at: parent).compactMap { condition($0, types) }
    }

    private mutating func condition(_ text: (value: String, line: Int), _ types: [String: FactType]) -> Condition? {
        switch Condition.parse(text.value, factTypes: types) {
        case .success(let c): return c
        case .failure(let reason):
            problems.append(ReferentielProblem(file: file, line: text.line, reason: reason))
            return nil
        }
    }
}

extension Node {
    /// A mapping's value by key, compared as plain text: Yams' own `node["key"]` builds a Node
    /// for the key and resolves its tag with regular expressions, which costs the start-up.
    subscript(field name: String) -> Node? {
        guard case .mapping(let mapping) = self else { return nil }
        for (key, value) in mapping where key.scalar?.string == name { return value }
        return nil
    }

    /// The same, but the last pair with that key wins, as with Yams' `node["key"]` (the engagement
    /// and notification readers' rule). Yams' subscript resolved every key's tag with the default
    /// resolver's regular expressions: most of the time of checking those files.
    subscript(key name: String) -> Node? {
        guard case .mapping(let mapping) = self else { return nil }
        var last: Node?  // (forward: `reversed()` copied the pairs into an array at every call)
        for (key, value) in mapping where key.scalar?.string == name { last = value }
        return last
    }
}
