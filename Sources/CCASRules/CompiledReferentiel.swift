/// The built-in référentiel already validated and compiled: every value the loader reads from the
/// YAML and the phrase matcher's tables, in `ByteCoding`'s format. `ccas-classify referentiel
/// compile DIR` writes it (scripts/embed-referentiel.py puts it in DefaultCompiled.swift), so a
/// program starting with the built-in référentiel parses no YAML, validates nothing and builds no
/// trie. ReferentielTests checks it is what compiling the embedded YAML gives, so it cannot drift.
/// A `--rules DIR` référentiel is always read from its YAML and fully validated.
enum CompiledReferentiel {
    /// Changes whenever the layout does; a blob of another format is not read (the YAML is).
    static let format = 1

    static func encode(_ r: Referentiel, matcher: PhraseMatcher) -> [UInt8] {
        var w = ByteWriter()
        w.int(format)
        w.string(r.hash)
        w.strings(Referentiel.allFileNames)
        let facts = r.factTypes.sorted { $0.key < $1.key }
        w.strings(facts.map(\.key))
        w.strings(facts.map(\.value.rawValue))
        w.strings(r.shownFacts)
        conditions(r.gendarmerieWhen, &w)
        w.int(r.childAgeBelow)
        w.int(r.natures.count)
        for n in r.natures {
            w.string(n.code); w.string(n.labelFR); w.string(n.labelEN)
            w.int(n.priority.rawValue); w.bool(n.reflex)
            conditions(n.reflexWhen, &w)
            w.strings(n.services); w.string(n.hubsante); w.int(n.precedence)
            conditions(n.when, &w)
            conditions(n.priorityWhen.map(\.condition), &w)
            for p in n.priorityWhen { w.int(p.priority.rawValue) }
            w.strings(n.questions)
            conditions(n.escalating, &w)
            conditions(n.deEscalating, &w)
        }
        w.int(r.patterns.count)
        for p in r.patterns {
            w.string(p.id)
            switch p.target {
            case .nature(let code, let weight):
                w.int(0); w.string(code); w.double(weight)
            case .facts(let settings):
                w.int(1); w.int(settings.count)
                for s in settings {
                    w.string(s.name)
                    switch s.value {
                    case .matchedNumber: w.int(-1)
                    case .value(let v): value(v, &w)
                    }
                }
            }
            w.strings(p.phrases.map(\.lang))
            w.strings(p.phrases.map(\.text))
        }
        let rewrites = r.rewrites.sorted { $0.key < $1.key }
        w.strings(rewrites.map(\.key))
        for (_, words) in rewrites { w.strings(words) }
        let numbers = r.numbers.sorted { $0.key < $1.key }
        w.strings(numbers.map(\.key))
        for (_, n) in numbers { w.int(n) }
        let languages = r.languageWords.sorted { $0.key < $1.key }
        w.strings(languages.map(\.key))
        for (_, words) in languages { w.strings(words) }
        w.int(r.questions.count)
        for q in r.questions { w.string(q.id); w.string(q.settles); w.string(q.fr); w.string(q.en) }
        w.int(r.aliases.count)
        for a in r.aliases { w.string(a.name); w.string(a.nature); w.bool(a.generic) }
        w.strings(r.aliasKeys)
        matcher.encode(into: &w)
        return w.bytes
    }

    /// The référentiel `encode` wrote, with `files` as its YAML (for export) and its matcher ready.
    static func decode(_ bytes: [UInt8], files: [String: String]) throws -> Referentiel {
        try bytes.withUnsafeBytes { buffer in
            var r = ByteReader(buffer)
            guard try r.int() == format else { throw ByteReader.Truncated() }
            let hash = try r.string()
            guard try r.strings() == Referentiel.allFileNames else { throw ByteReader.Truncated() }
            let factNames = try r.strings(), factTypeNames = try r.strings()
            var factTypes: [String: FactType] = [:]
            for (name, type) in zip(factNames, factTypeNames) { factTypes[name] = FactType(rawValue: type) }
            let shown = try r.strings()
            let gendarmerie = try conditions(&r)
            let childAge = try r.int()
            var natures: [Nature] = []
            for _ in 0..<(try r.count()) {
                let code = try r.string(), fr = try r.string(), en = try r.string()
                let priority = try priorityValue(&r), reflex = try r.bool()
                let reflexWhen = try conditions(&r)
                let services = try r.strings(), hubsante = try r.string(), precedence = try r.int()
                let when = try conditions(&r)
                let priorityConditions = try conditions(&r)
                var priorityWhen: [(condition: Condition, priority: Priority)] = []
                for c in priorityConditions { priorityWhen.append((c, try priorityValue(&r))) }
                let questions = try r.strings()
                let escalating = try conditions(&r), deEscalating = try conditions(&r)
                natures.append(Nature(code: code, labelFR: fr, labelEN: en, priority: priority, reflex: reflex, reflexWhen: reflexWhen,
                                      services: services, hubsante: hubsante, precedence: precedence, when: when,
                                      priorityWhen: priorityWhen, questions: questions, escalating: escalating,
                                      deEscalating: deEscalating))
            }
            var patterns: [PatternRule] = []
            for _ in 0..<(try r.count()) {
                let id = try r.string()
                let target: PatternRule.Target
                switch try r.int() {
                case 0: target = .nature(try r.string(), weight: try r.double())
                case 1:
                    var settings: [(name: String, value: FactSetting)] = []
                    for _ in 0..<(try r.count()) {
                        let name = try r.string()
                        let kind = try r.int()
                        settings.append((name, kind == -1 ? .matchedNumber : .value(try value(kind, &r))))
                    }
                    target = .facts(settings)
                default: throw ByteReader.Truncated()
                }
                let langs = try r.strings(), texts = try r.strings()
                // No elements: they only serve to build the matcher, which comes compiled.
                patterns.append(PatternRule(id: id, target: target, phrases: Array(zip(langs, texts)).map { (lang: $0, text: $1) },
                                            elements: []))
            }
            var rewrites: [String: [String]] = [:]
            for key in try r.strings() { rewrites[key] = try r.strings() }
            var numbers: [String: Int] = [:]
            for key in try r.strings() { numbers[key] = try r.int() }
            var languageWords: [String: [String]] = [:]
            for key in try r.strings() { languageWords[key] = try r.strings() }
            var questions: [Question] = []
            for _ in 0..<(try r.count()) {
                questions.append(Question(id: try r.string(), settles: try r.string(), fr: try r.string(), en: try r.string()))
            }
            var aliases: [Alias] = []
            let aliasCount = try r.count()
            aliases.reserveCapacity(aliasCount)
            for _ in 0..<aliasCount { aliases.append(Alias(name: try r.string(), nature: try r.string(), generic: try r.bool())) }
            let aliasKeys = try r.strings()
            let matcher = try PhraseMatcher(from: &r)
            guard r.isAtEnd, aliasKeys.count == aliases.count else { throw ByteReader.Truncated() }
            return Referentiel(
                files: files, natures: natures, factTypes: factTypes, shownFacts: shown, gendarmerieWhen: gendarmerie,
                childAgeBelow: childAge, patterns: patterns, rewrites: rewrites, numbers: numbers, languageWords: languageWords,
                questions: questions, aliases: aliases, aliasKeys: aliasKeys, hash: hash, matcher: matcher)
        }
    }

    /// The Swift source of DefaultCompiled.swift for a référentiel.
    static func swiftSource(_ r: Referentiel) -> String {
        let text = Base64.encode(encode(r, matcher: r.matcher))
        return """
            // The built-in référentiel validated and compiled (CompiledReferentiel's format \(format)), so start-up
            // parses no YAML and builds no matcher. Generated by scripts/embed-referentiel.py
            // (`ccas-classify referentiel compile DIR`); ReferentielTests checks it against the YAML.

            extension DefaultReferentiel {
                /// `Referentiel.hash(of: files)`, computed when the files were compiled.
                static let hash = "\(r.hash)"

                static let compiled = "\(text)"
            }

            """
    }

    // MARK: pieces

    private static func conditions(_ list: [Condition], _ w: inout ByteWriter) {
        w.int(list.count)
        for c in list {
            w.string(c.description)
            w.int(c.clauses.count)
            for clause in c.clauses {
                w.string(clause.fact)
                switch clause.test {
                case .isTrue: w.int(0)
                case .isNotTrue: w.int(1)
                case .equals(let v): w.int(2); value(v, &w)
                case .differs(let v): w.int(3); value(v, &w)
                case .atLeast(let n): w.int(4); w.int(n)
                }
            }
        }
    }

    private static func conditions(_ r: inout ByteReader) throws -> [Condition] {
        var out: [Condition] = []
        for _ in 0..<(try r.count()) {
            let description = try r.string()
            var clauses: [Condition.Clause] = []
            for _ in 0..<(try r.count()) {
                let fact = try r.string()
                let test: Condition.Test
                switch try r.int() {
                case 0: test = .isTrue
                case 1: test = .isNotTrue
                case 2: test = .equals(try value(try r.int(), &r))
                case 3: test = .differs(try value(try r.int(), &r))
                case 4: test = .atLeast(try r.int())
                default: throw ByteReader.Truncated()
                }
                clauses.append(Condition.Clause(fact: fact, test: test))
            }
            out.append(Condition(clauses: clauses, description: description))
        }
        return out
    }

    private static func value(_ v: FactValue, _ w: inout ByteWriter) {
        switch v {
        case .int(let i): w.int(0); w.int(i)
        case .bool(let b): w.int(1); w.bool(b)
        case .string(let s): w.int(2); w.string(s)
        }
    }

    private static func value(_ kind: Int, _ r: inout ByteReader) throws -> FactValue {
        switch kind {
        case 0: return .int(try r.int())
        case 1: return .bool(try r.bool())
        case 2: return .string(try r.string())
        default: throw ByteReader.Truncated()
        }
    }

    private static func priorityValue(_ r: inout ByteReader) throws -> Priority {
        guard let p = Priority(rawValue: try r.int()) else { throw ByteReader.Truncated() }
        return p
    }
}

extension Referentiel {
    /// DefaultCompiled.swift for this référentiel: what `referentiel compile` prints for
    /// scripts/embed-referentiel.py.
    public func compiledSwiftSource() -> String { CompiledReferentiel.swiftSource(self) }
}
