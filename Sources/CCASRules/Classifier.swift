import CCASCore

/// Characterises a call from what the caller said and what another system called it:
/// nature, priority, départ réflexe, competent services, what is still missing, and why.
public struct Classifier: Sendable {
    public let referentiel: Referentiel
    let matcher: PhraseMatcher
    private let aliasIndex: [String: Int]
    private let indeterminate: Nature
    /// Natures whose `when` conditions are evidence, so the others are not visited per call.
    private let naturesWithEvidence: [Int]
    /// For each pattern rule, the index of the nature it is evidence for (-1: a fact rule).
    private let ruleNature: [Int]
    /// For each nature, its questions resolved once.
    private let questionsOf: [[Question]]

    /// Compiles the référentiel's patterns once; classifying is then a single pass per text.
    public init(referentiel: Referentiel = .default) {
        self.referentiel = referentiel
        matcher = PhraseMatcher(referentiel: referentiel)
        var index: [String: Int] = [:]
        for (i, alias) in referentiel.aliases.enumerated() { index[AliasKey.fold(alias.name)] = i }
        aliasIndex = index
        naturesWithEvidence = referentiel.natures.indices.filter { !referentiel.natures[$0].when.isEmpty }
        ruleNature = referentiel.patterns.map { rule in
            if case .nature(let code, _) = rule.target { return referentiel.natureIndex[code] ?? -1 }
            return -1
        }
        questionsOf = referentiel.natures.map { n in n.questions.compactMap { referentiel.question($0) } }
        indeterminate = referentiel.nature("ADM.INDETERMINE")
            ?? Nature(code: "ADM.INDETERMINE", labelFR: "nature indéterminée", labelEN: "undetermined",
                      priority: .p1, reflex: false, reflexWhen: [], services: [], hubsante: "C11.06.00",
                      precedence: 0, when: [], priorityWhen: [], questions: [], escalating: [], deEscalating: [])
    }

    /// The alias a call type of another system maps to, if the référentiel knows it.
    public func alias(for callType: String) -> Alias? {
        if let i = aliasIndex[AliasKey.fold(callType)] { return referentiel.aliases[i] }
        if let key = AliasKey.withoutPrefix(callType), let i = aliasIndex[key] { return referentiel.aliases[i] }
        return nil
    }

    /// Adds `classification` to a call record, keeping every other field in place.
    /// A record of another kind (a `kind` other than `call`) is returned unchanged.
    public func classify(record: JSONObject) -> JSONObject {
        if let kind = record["kind"], kind != .string("call") { return record }
        var out = record
        out["classification"] = classify(text: record["text"]?.stringValue,
                                         natureHint: record["nature_hint"]?.stringValue).json
        return out
    }

    public func classify(text: String?, natureHint: String?) -> Classification {
        var because: [String] = []
        let words = Words(text ?? "", lexicon: matcher.lexicon)
        let matches = matcher.match(words).sorted { ($0.end, $0.start) < ($1.end, $1.start) }

        // Facts, in the order they were said: the last statement wins.
        var facts = Facts()
        var factReason: [String: String] = [:]
        var scores = [Double](repeating: 0, count: referentiel.natures.count)
        var firedRules: [Int32] = []
        for m in matches {
            let rule = referentiel.patterns[Int(m.rule)]
            let quote = words.quote(m.start, m.end)
            switch rule.target {
            case .facts(let settings):
                for (name, setting) in settings {
                    let value: FactValue
                    switch setting {
                    case .value(let v): value = v
                    case .matchedNumber:
                        guard m.number >= 0 else { continue }
                        value = .int(Int(m.number))
                    }
                    facts[name] = value
                    factReason[name] = "fact \(rule.id): '\(quote)' → \(name)=\(value)"
                }
            case .nature(let code, let weight):
                guard !firedRules.contains(m.rule) else { continue }
                firedRules.append(m.rule)
                let n = ruleNature[Int(m.rule)]
                if n >= 0 { scores[n] += weight }
                because.append("pattern \(rule.id): '\(quote)' → \(code)")
            }
        }
        if case .int(let age)? = facts["age"], age < referentiel.childAgeBelow, facts["children"] == nil {
            facts["children"] = .bool(true)
            factReason["children"] = "fact age=\(age) (<\(referentiel.childAgeBelow)) → children=true"
        }
        for name in facts.names { if let r = factReason[name] { because.append(r) } }

        // Facts that are evidence on their own ("breathing=false" → SAP.ACR).
        for index in naturesWithEvidence {
            let nature = referentiel.natures[index]
            for c in nature.when where c.holds(facts) {
                scores[index] += 1
                because.append("rule \(nature.code) when \(c) → \(nature.code)")
                break
            }
        }

        // The hint from another system goes through the aliases.
        var hinted: Alias? = nil
        if let hint = natureHint?.strippingSpaces(), !hint.isEmpty {
            if let alias = alias(for: hint) {
                hinted = alias
                if !alias.generic, let n = referentiel.natureIndex[alias.nature] {
                    scores[n] += 2
                    because.append("hint \"\(hint)\" → \(alias.nature) (alias)")
                }
            } else {
                because.append("hint \"\(hint)\" is not a known call type")
            }
        }

        var nature: Nature
        var confidence: Double
        let ranked = rank(scores)
        if let best = ranked.first {
            nature = best.nature
            confidence = min(0.99, 0.4 + 0.15 * best.score)
            if ranked.count > 1 {
                let others = ranked.dropFirst().prefix(3).map(\.nature.code).joined(separator: ", ")
                because.append("nature \(nature.code) over \(others): \(best.why)")
                if ranked[1].rank > best.rank - 0.5 { confidence -= 0.2 }
            }
            if let hinted, hinted.generic {
                because.append("text evidence for \(nature.code) wins over the generic hint \"\(hinted.name)\" (\(hinted.nature))")
            }
        } else if let hinted, let n = referentiel.nature(hinted.nature) {
            nature = n
            confidence = 0.5
            because.append("hint \"\(hinted.name)\" → \(n.code) (generic alias, no stronger evidence in the text)")
        } else {
            nature = indeterminate
            confidence = 0.2
            because.append("no rule recognised the call → \(nature.code), P1 until a human decides")
        }

        let (priority, reflex) = decidePriority(nature, facts, &because)
        let services = resolveServices(nature, facts, &because)

        // What is still missing, and the questions that settle it.
        let french = matcher.language(words) == 0
        var missing: [String] = []
        var questions: [(id: String, text: String)] = []
        for q in referentiel.natureIndex[nature.code].map({ questionsOf[$0] }) ?? [] {
            guard facts[q.settles] == nil, !missing.contains(q.settles) else { continue }
            missing.append(q.settles)
            questions.append((q.id, french ? q.fr : q.en))
        }

        var shown = Facts()
        for name in referentiel.shownFacts { if let v = facts[name] { shown[name] = v } }
        return Classification(
            nature: nature.code, label: french ? nature.labelFR : nature.labelEN, priority: priority,
            reflex: reflex, services: services, facts: shown, missing: missing, questions: questions,
            confidence: max(0.05, (confidence * 100).rounded() / 100), because: because,
            referentiel: referentiel.hash, language: french ? "fr" : "en")
    }

    // MARK: choosing the nature

    private struct Ranked {
        let nature: Nature
        let score: Double
        let rank: Double
        let why: String
    }

    /// Natures with enough evidence, best first. A more urgent default priority counts as
    /// evidence (the most serious event decides); between P0 natures the circumstance beats
    /// the bodily state (`precedence`).
    private func rank(_ scores: [Double]) -> [Ranked] {
        var list: [Ranked] = []
        for (index, score) in scores.enumerated() where score >= 1 {
            let n = referentiel.natures[index]
            let bonus = n.code == indeterminate.code ? 0 : [0.9, 0.6, 0.3, 0.0][n.priority.rawValue]
            list.append(Ranked(nature: n, score: score, rank: score + bonus, why: ""))
        }
        list.sort {
            if $0.rank != $1.rank { return $0.rank > $1.rank }
            if $0.nature.precedence != $1.nature.precedence { return $0.nature.precedence > $1.nature.precedence }
            return $0.nature.code < $1.nature.code
        }
        guard let top = list.first else { return [] }
        if top.nature.priority == .p0 {
            let p0 = list.filter { $0.nature.priority == .p0 }
            if let circumstance = p0.max(by: { ($0.nature.precedence, $0.rank) < ($1.nature.precedence, $1.rank) }),
                circumstance.nature.code != top.nature.code
            {
                let rest = list.filter { $0.nature.code != circumstance.nature.code }
                return [Ranked(nature: circumstance.nature, score: circumstance.score, rank: top.rank,
                               why: "between P0 natures the circumstance decides (precedence \(circumstance.nature.precedence))")] + rest
            }
        }
        let why = "default \(top.nature.priority.code), evidence \(formatScore(top.score))"
        return [Ranked(nature: top.nature, score: top.score, rank: top.rank, why: why)] + list.dropFirst()
    }

    private func formatScore(_ s: Double) -> String {
        s == s.rounded() ? String(Int(s)) : String(s)
    }

    // MARK: priority, réflexe, services

    private func decidePriority(_ nature: Nature, _ facts: Facts, _ because: inout [String]) -> (Priority, Bool) {
        var priority = nature.priority
        if let rule = nature.priorityWhen.first(where: { $0.condition.holds(facts) }) {
            because.append("priority when \(rule.condition) → \(rule.priority.code)")
            priority = rule.priority
        } else {
            let up = nature.escalating.first { $0.holds(facts) }
            let down = nature.deEscalating.first { $0.holds(facts) }
            if let up, down == nil, priority != .p0 {
                because.append("escalating \(up) → priority \(priority.code) → \(priority.raised.code)")
                priority = priority.raised
            } else if let down, up == nil, priority != .p3 {
                because.append("de-escalating \(down) → priority \(priority.code) → \(priority.lowered.code)")
                priority = priority.lowered
            } else if let up, let down {
                because.append("escalating \(up) and de-escalating \(down) cancel out")
            }
        }
        if let c = nature.reflexWhen.first(where: { $0.holds(facts) }) {
            because.append("réflexe when \(c) → P0")
            return (.p0, true)
        }
        if nature.reflex && priority == .p0 {
            because.append("\(nature.code) is a départ réflexe")
            return (.p0, true)
        }
        return (priority, false)
    }

    private func resolveServices(_ nature: Nature, _ facts: Facts, _ because: inout [String]) -> [String] {
        guard nature.services.contains("POLICE_OR_GEND") else { return nature.services }
        let gend = referentiel.gendarmerieWhen.first { $0.holds(facts) }
        if let gend { because.append("place \(gend) → GEND rather than POLICE") }
        return nature.services.map { $0 == "POLICE_OR_GEND" ? (gend == nil ? "POLICE" : "GEND") : $0 }
    }
}
