import CCASCore
import Foundation

/// Characterises a call from what the caller said and what another system called it:
/// nature, priority, départ réflexe, competent services, what is still missing, and why.
///
/// Everything that does not depend on the text (condition texts, services, question objects,
/// the reasons' fixed parts) is prepared once here; a call reuses buffers from a small pool, so
/// classifying allocates little more than the `because` strings and the result.
public struct Classifier: Sendable {
    public let referentiel: Referentiel
    let matcher: PhraseMatcher
    private let tables: Tables
    private let pool = ScratchPool()

    /// Compiles the référentiel's patterns once; classifying is then a single pass per text.
    public init(referentiel: Referentiel = .default) {
        self.referentiel = referentiel
        matcher = referentiel.matcher
        tables = Tables(referentiel)
    }

    /// The alias a call type of another system maps to, if the référentiel knows it.
    public func alias(for callType: String) -> Alias? {
        if let i = tables.aliasIndex[AliasKey.fold(callType)] { return referentiel.aliases[i] }
        if let key = AliasKey.withoutPrefix(callType), let i = tables.aliasIndex[key] { return referentiel.aliases[i] }
        return nil
    }

    /// Adds `classification` to a call record, keeping every other field in place.
    /// A record of another kind (a `kind` other than `call`) is returned unchanged.
    public func classify(record: JSONObject) -> JSONObject {
        if let kind = record["kind"], kind != .string("call") { return record }
        var out = record
        let box = pool.take(tables)
        out["classification"] = box.use { s in
            json(decide(record["text"]?.stringValue, record["nature_hint"]?.stringValue, Classifier.answers(of: record), &s), s)
        }
        pool.give(box)
        return out
    }

    /// `answers`: the operator's questions (by id) and what the caller answered; a bare yes, no
    /// or number states the fact the question settles, after what the text said.
    public func classify(text: String?, natureHint: String?, answers: [QuestionAnswer] = []) -> Classification {
        let box = pool.take(tables)
        let result = box.use { scratch -> Classification in
            let o = decide(text, natureHint, answers, &scratch)
            var facts = Facts()
            for (name, value) in shownFacts(scratch) { facts[name] = value }
            let qs = questions(o, scratch)
            let because = strings(scratch.because, scratch.words)
            return Classification(
                nature: o.nature.code, label: o.french ? o.nature.labelFR : o.nature.labelEN, priority: o.priority,
                reflex: o.reflex, services: services(o), facts: facts, missing: qs.map { referentiel.questions[$0].settles },
                questions: qs.map { q in (referentiel.questions[q].id, o.french ? referentiel.questions[q].fr : referentiel.questions[q].en) },
                confidence: o.confidence, because: because, referentiel: referentiel.hash, language: o.french ? "fr" : "en")
        }
        pool.give(box)
        return result
    }

    /// Writes the `classification` of a call whose text is `text` (valid UTF-8, as read from
    /// the line) straight as JSON bytes: the same fields, order and text as `classify(record:)`
    /// gives, without building a JSON value and serialising it again. The parts that only depend
    /// on the nature (code, label, services, questions, référentiel) are rendered once.
    public func writeClassification(utf8 text: UnsafeBufferPointer<UInt8>, natureHint: String?, to out: inout ByteSink) {
        let box = pool.take(tables)
        box.use { s in render(decide(utf8: text, natureHint, [], &s), s, to: &out) }
        pool.give(box)
    }

    // MARK: the decision

    /// What was decided about one call; the facts and questions stay in the scratch.
    private struct Outcome {
        var nature: Nature
        /// Index of `nature` in the référentiel, -1 for the built-in indeterminate nature.
        var index: Int
        var priority: Priority
        var reflex: Bool
        var gendarmerie: Bool
        var french: Bool
        var confidence: Double
    }

    /// One line of `because`, kept as its parts until it is written: most quote the words of
    /// the text, which a record line writes straight from the folded text, with no String.
    enum Reason {
        case text(String)
        /// `pattern ID: 'words' → CODE`.
        case pattern(rule: Int32, start: Int32, end: Int32)
        /// `fact ID: 'words' → name=value`.
        case fact(rule: Int32, start: Int32, end: Int32, fact: Int32, value: FactValue)
        /// `nature CODE over A, B, C: ` and why (the circumstance, or the default priority and the
        /// evidence): natures by index, -1 for none; written without building a String.
        case over(nature: Int32, others: (Int32, Int32, Int32), swapped: Bool, score: Double)
    }

    /// The natures an `over` reason names after the winner.
    private static func others(_ o: (Int32, Int32, Int32)) -> [Int] { [o.0, o.1, o.2].filter { $0 >= 0 }.map { Int($0) } }

    private func string(_ reason: Reason, _ words: Words) -> String {
        let t = tables
        switch reason {
        case .text(let text): return text
        case .pattern(let r, let start, let end):
            return quoted(t.rulePrefix[Int(r)], words.span(start, end), t.ruleSuffix[Int(r)], words)
        case .fact(let r, let start, let end, let fact, let value):
            return quoted(t.factPrefix[Int(r)], words.span(start, end), "' → " + t.factNames[Int(fact)] + "=" + value.description, words)
        case .over(let n, let others, let swapped, let score):
            let nature = referentiel.natures[Int(n)]
            var line = "nature " + nature.code + " over "
            line += Classifier.others(others).map { referentiel.natures[$0].code }.joined(separator: ", ")
            line += ": "
            if swapped { line += t.circumstanceWhy[Int(n)] } else {
                line += "default " + nature.priority.code + ", evidence " + formatScore(score)
            }
            return line
        }
    }

    private func strings(_ because: [Reason], _ words: Words) -> [String] { because.map { string($0, words) } }

    /// A reason as a JSON string: fixed parts rendered once, the quoted words copied as they are
    /// (folded text is letters, digits, `'`, `.` and spaces: nothing to escape).
    private func write(_ reason: Reason, _ words: Words, to out: inout ByteSink) {
        let r = tables.rendered
        switch reason {
        case .text(let text): JSONWriter.writeString(text, to: &out)
        case .pattern(let rule, let start, let end):
            r.rulePrefix.write(Int(rule), to: &out)
            words.withSpan(start, end) { out.append($0) }
            r.ruleSuffix.write(Int(rule), to: &out)
        case .fact(let rule, let start, let end, let fact, let value):
            r.factPrefix.write(Int(rule), to: &out)
            words.withSpan(start, end) { out.append($0) }
            r.factSuffix.write(Int(fact), to: &out)
            switch value {
            case .bool(let b): b ? out.append(literal: "true\"") : out.append(literal: "false\"")
            case .int(let i):
                out.append(String(i))
                out.append(UInt8(ascii: "\""))
            case .string(let str):
                var quoted: [UInt8] = []
                JSONWriter.write(.string(str), to: &quoted)
                quoted.withUnsafeBytes { out.append(UnsafeRawBufferPointer(rebasing: $0[1...])) }
            }
        case .over(let n, let others, let swapped, let score):
            out.append(literal: "\"nature ")
            r.code.write(Int(n), to: &out)
            out.append(literal: " over ")
            r.code.write(Int(others.0), to: &out)
            for other in [others.1, others.2] where other >= 0 {
                out.append(literal: ", ")
                r.code.write(Int(other), to: &out)
            }
            out.append(literal: ": ")
            if swapped {
                r.circumstanceWhy.write(Int(n), to: &out)
            } else {
                out.append(literal: "default ")
                r.priorityCode.write(referentiel.natures[Int(n)].priority.rawValue, to: &out)
                out.append(literal: ", evidence ")
                out.append(formatScore(score))  // digits, a point, perhaps an exponent: nothing to escape
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    /// The fact a short answer to a question states, if it is one: "non" to q.breathing is
    /// breathing=false. Nil for an answer to read as text, or a question that settles no fact.
    public func fact(answering question: String, _ answer: String) -> (name: String, value: FactValue)? {
        guard let q = referentiel.questionIndex[question] else { return nil }
        let fact = tables.questionFact[q]
        guard fact >= 0, let type = tables.factTypes[fact], let value = AnswerFacts.value(answer, as: type) else { return nil }
        return (tables.factNames[fact], value)
    }

    /// "oui", "non", "yes", "no" and the like, alone: an answer that only makes sense with its question.
    public static func isBareYesOrNo(_ answer: String) -> Bool { AnswerFacts.value(answer, as: .bool) != nil }

    /// The `answers` of a record written by `ccas-intake guided`: [{question, answer}, …].
    public static func answers(of record: JSONObject) -> [QuestionAnswer] {
        guard case .array(let items)? = record["answers"] else { return [] }
        return items.compactMap { item in
            guard let q = item["question"]?.stringValue, let a = item["answer"]?.stringValue else { return nil }
            return QuestionAnswer(question: q, answer: a)
        }
    }

    private func decide(_ text: String?, _ natureHint: String?, _ answers: [QuestionAnswer], _ s: inout Scratch) -> Outcome {
        var text = text ?? ""
        return text.withUTF8 { decide(utf8: $0, natureHint, answers, &s) }
    }

    private func decide(utf8 text: UnsafeBufferPointer<UInt8>, _ natureHint: String?, _ answers: [QuestionAnswer],
                        _ s: inout Scratch) -> Outcome {
        let t = tables
        // The reasons go in the scratch's buffer, kept from call to call.
        var because = s.because
        s.because = []
        because.removeAll(keepingCapacity: true)
        defer { s.because = because }
        s.words.load(utf8: text, lexicon: matcher.lexicon)
        matcher.match(s.words, into: &s.match)
        s.match.matches.sort { ($0.end, $0.start) < ($1.end, $1.start) }

        // Facts, in the order they were said: the last statement wins.
        for m in s.match.matches {
            let r = Int(m.rule)
            if t.isFactRule[r] {
                for setting in t.ruleFacts[r] {
                    let value: FactValue
                    switch setting.setting {
                    case .value(let v): value = v
                    case .matchedNumber:
                        guard m.number >= 0 else { continue }
                        value = .int(Int(m.number))
                    }
                    s.setFact(setting.fact, value)
                    s.factReason[setting.fact] = FactReason(rule: m.rule, start: m.start, end: m.end)
                }
            } else {
                guard !s.fired[r] else { continue }
                s.fired[r] = true
                s.firedList.append(m.rule)
                let n = t.ruleNature[r]
                if n >= 0 { s.scores[n] += t.ruleWeight[r] }
                because.append(.pattern(rule: m.rule, start: m.start, end: m.end))
            }
        }
        // Answers come after the description: what they state replaces what the text said.
        for (k, a) in answers.enumerated() {
            guard let stated = fact(answering: a.question, a.answer), let f = t.factIndex[stated.name] else { continue }
            s.setFact(f, stated.value)
            s.factReason[f] = FactReason(rule: -2, start: Int32(k), end: 0)
        }
        if t.ageFact >= 0, case .int(let age)? = s.facts[t.ageFact], age < referentiel.childAgeBelow, s.facts[t.childrenFact] == nil {
            s.setFact(t.childrenFact, .bool(true))
            s.factReason[t.childrenFact] = FactReason(rule: -1, start: Int32(age), end: 0)
        }
        for f in s.factOrder {
            let fact = Int(f)
            let reason = s.factReason[fact]
            let value = s.facts[fact]!
            if reason.rule == -2 {
                let a = answers[Int(reason.start)]
                because.append(.text("answer \(a.question) '\(a.answer)' → \(t.factNames[fact])=\(value.description)"))
            } else if reason.rule < 0 {
                because.append(.text("fact age=\(reason.start) (<\(referentiel.childAgeBelow)) → \(t.factNames[fact])=\(value.description)"))
            } else {
                because.append(.fact(rule: reason.rule, start: reason.start, end: reason.end, fact: Int32(fact), value: value))
            }
        }

        // Facts that are evidence on their own ("breathing=false" → SAP.ACR).
        for (index, conditions) in t.natureWhen {
            for (k, c) in conditions.enumerated() where c.holds(s.facts) {
                s.scores[index] += 1
                because.append(.text(t.natureWhenText[index][k]))
                break
            }
        }

        // The hint from another system goes through the aliases.
        var hinted: Alias? = nil
        if let hint = natureHint?.strippingSpaces(), !hint.isEmpty {
            if let alias = alias(for: hint) {
                hinted = alias
                if !alias.generic, let n = referentiel.natureIndex[alias.nature] {
                    s.scores[n] += 2
                    because.append(.text("hint \"\(hint)\" → \(alias.nature) (alias)"))
                }
            } else {
                because.append(.text("hint \"\(hint)\" is not a known call type"))
            }
        }

        var nature: Nature
        var index: Int
        var confidence: Double
        rank(&s)
        if let best = s.ranked.first {
            index = best.index
            nature = referentiel.natures[index]
            confidence = min(0.99, 0.4 + 0.15 * best.score)
            if s.ranked.count > 1 {
                let r = s.ranked
                let others = (Int32(r[1].index), r.count > 2 ? Int32(r[2].index) : -1, r.count > 3 ? Int32(r[3].index) : -1)
                because.append(.over(nature: Int32(index), others: others, swapped: best.swapped, score: best.score))
                if s.ranked[1].rank > best.rank - 0.5 { confidence -= 0.2 }
            }
            if let hinted, hinted.generic {
                because.append(.text("text evidence for \(nature.code) wins over the generic hint \"\(hinted.name)\" (\(hinted.nature))"))
            }
        } else if let hinted, let n = referentiel.natureIndex[hinted.nature] {
            index = n
            nature = referentiel.natures[n]
            confidence = 0.5
            because.append(.text("hint \"\(hinted.name)\" → \(nature.code) (generic alias, no stronger evidence in the text)"))
        } else {
            index = t.indeterminateIndex
            nature = t.indeterminate
            confidence = 0.2
            because.append(.text(t.noRuleText))
        }

        let (priority, reflex) = decidePriority(index, nature, s, &because)
        var gendarmerie = false
        if index >= 0, t.policeOrGend[index] {
            for (k, c) in t.gendarmerieWhen.enumerated() where c.holds(s.facts) {
                because.append(.text(t.gendarmerieText[k]))
                gendarmerie = true
                break
            }
        }
        let french = matcher.language(s.words) == 0
        return Outcome(nature: nature, index: index, priority: priority, reflex: reflex, gendarmerie: gendarmerie,
                       french: french, confidence: max(0.05, (confidence * 100).rounded() / 100))
    }

    /// `prefix`, the folded words at `span`, `suffix`: one allocation.
    private func quoted(_ prefix: String, _ span: Range<Int>, _ suffix: String, _ words: Words) -> String {
        var prefix = prefix, suffix = suffix
        return prefix.withUTF8 { p in
            suffix.withUTF8 { q in
                words.folded.withUnsafeBufferPointer { f in
                    let total = p.count + span.count + q.count
                    return String(unsafeUninitializedCapacity: total) { out in
                        var o = 0
                        for b in p { out[o] = b; o += 1 }
                        for i in span { out[o] = f[i]; o += 1 }
                        for b in q { out[o] = b; o += 1 }
                        return o
                    }
                }
            }
        }
    }

    /// The questions still to ask, as indices into `referentiel.questions`: one per missing field.
    private func questions(_ o: Outcome, _ s: Scratch) -> [Int] {
        guard o.index >= 0 else { return [] }
        var out: [Int] = []
        for q in tables.questionsOf[o.index] {
            let fact = tables.questionFact[q]
            guard fact < 0 || s.facts[fact] == nil else { continue }
            let settles = referentiel.questions[q].settles
            guard !out.contains(where: { referentiel.questions[$0].settles == settles }) else { continue }
            out.append(q)
        }
        return out
    }

    private func services(_ o: Outcome) -> [String] {
        guard o.index >= 0 else { return o.nature.services }
        return o.gendarmerie ? tables.servicesGend[o.index] : tables.servicesPolice[o.index]
    }

    private func shownFacts(_ s: Scratch) -> [(String, FactValue)] {
        var out: [(String, FactValue)] = []
        for (name, fact) in tables.shownFacts { if fact >= 0, let v = s.facts[fact] { out.append((name, v)) } }
        return out
    }

    /// The classification as the record path writes it, built from the prepared pieces; the same
    /// fields and text as `Classification.json`.
    private func json(_ o: Outcome, _ s: Scratch) -> JSON {
        let t = tables
        var facts = JSONObject()
        for (name, fact) in t.shownFacts where fact >= 0 {
            guard let v = s.facts[fact] else { continue }
            switch v {
            case .int(let i): facts[name] = .int(i)
            case .bool(let b): facts[name] = .bool(b)
            case .string(let str): facts[name] = .string(str)
            }
        }
        let qs = questions(o, s)
        var missing: [JSON] = []
        var questionObjects: [JSON] = []
        missing.reserveCapacity(qs.count)
        questionObjects.reserveCapacity(qs.count)
        for q in qs {
            missing.append(t.questionSettles[q])
            questionObjects.append(o.french ? t.questionFR[q] : t.questionEN[q])
        }
        let servicesJSON: JSON = o.index < 0 ? .strings(o.nature.services)
            : o.gendarmerie ? t.servicesGendJSON[o.index] : t.servicesPoliceJSON[o.index]
        let k = Int((o.confidence * 100).rounded())
        let confidence = k >= 0 && k < t.confidenceJSON.count ? t.confidenceJSON[k] : JSON.double(o.confidence, places: 2)
        var because: [JSON] = []
        because.reserveCapacity(s.because.count)
        for b in s.because { because.append(.string(string(b, s.words))) }
        return [
            "nature": .string(o.nature.code),
            "label": .string(o.french ? o.nature.labelFR : o.nature.labelEN),
            "priority": t.priorityJSON[o.priority.rawValue],
            "reflex": .bool(o.reflex),
            "services": servicesJSON,
            "facts": .object(facts),
            "missing": .array(missing),
            "questions": .array(questionObjects),
            "confidence": confidence,
            "because": .array(because),
            "referentiel": t.hashJSON,
        ]
    }

    /// `json(o, s)` as bytes, from the fragments of `Tables.Rendered`.
    private func render(_ o: Outcome, _ s: Scratch, to out: inout ByteSink) {
        let r = tables.rendered
        if o.index >= 0 {
            if o.french { r.headFR.write(o.index, to: &out) } else { r.headEN.write(o.index, to: &out) }
        } else {
            out.append(bytes: r.head(o.nature, french: o.french))
        }
        r.priority.write(o.priority.rawValue, to: &out)
        if o.reflex { out.append(literal: #","reflex":true,"services":"#) } else { out.append(literal: #","reflex":false,"services":"#) }
        if o.index >= 0 {
            if o.gendarmerie { r.servicesGend.write(o.index, to: &out) } else { r.servicesPolice.write(o.index, to: &out) }
        } else {
            JSONWriter.write(.strings(o.nature.services), to: &out)
        }
        out.append(literal: ",\"facts\":{")
        var first = true
        for (_, fact) in tables.shownFacts where fact >= 0 {
            guard let v = s.facts[fact] else { continue }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            r.factKey.write(fact, to: &out)
            switch v {
            case .int(let i): out.append(String(i))
            case .bool(let b): b ? out.append(literal: "true") : out.append(literal: "false")
            case .string(let str): JSONWriter.writeString(str, to: &out)
            }
        }
        let qs = questions(o, s)
        out.append(literal: "},\"missing\":[")
        for (k, q) in qs.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            r.settles.write(q, to: &out)
        }
        out.append(literal: "],\"questions\":[")
        for (k, q) in qs.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            if o.french { r.questionFR.write(q, to: &out) } else { r.questionEN.write(q, to: &out) }
        }
        out.append(literal: "],\"confidence\":")
        let k = Int((o.confidence * 100).rounded())
        if k >= 0 && k < r.confidence.count {
            r.confidence.write(k, to: &out)
        } else {
            JSONWriter.write(JSON.double(o.confidence, places: 2), to: &out)
        }
        out.append(literal: ",\"because\":[")
        for (k, b) in s.because.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            write(b, s.words, to: &out)
        }
        out.append(bytes: r.tail)
    }

    // MARK: choosing the nature

    struct Ranked {
        var index: Int
        var score: Double
        var rank: Double
        /// The circumstance took the place of a more ranked P0 nature (`precedence`).
        var swapped = false
    }

    /// Natures with enough evidence, best first, into `s.ranked`. A more urgent default priority
    /// counts as evidence (the most serious event decides); between P0 natures the circumstance
    /// beats the bodily state (`precedence`).
    private func rank(_ s: inout Scratch) {
        let natures = referentiel.natures
        let t = tables
        var list = s.ranked
        s.ranked = []
        list.removeAll(keepingCapacity: true)
        for index in 0..<s.scores.count where s.scores[index] >= 1 {
            let score = s.scores[index]
            list.append(Ranked(index: index, score: score, rank: score + t.rankBonus[index]))
        }
        if list.count > 1 {
            list.sort {
                if $0.rank != $1.rank { return $0.rank > $1.rank }
                let a = natures[$0.index], b = natures[$1.index]
                if a.precedence != b.precedence { return a.precedence > b.precedence }
                return a.code < b.code
            }
        }
        if let top = list.first, natures[top.index].priority == .p0 {
            var best: Ranked? = nil
            for r in list where natures[r.index].priority == .p0 {
                // As `max(by:)`: the first of equal elements wins.
                if let b = best, !((natures[b.index].precedence, b.rank) < (natures[r.index].precedence, r.rank)) { continue }
                best = r
            }
            if let circumstance = best, natures[circumstance.index].code != natures[top.index].code {
                var reordered: [Ranked] = []
                reordered.reserveCapacity(list.count)
                reordered.append(Ranked(index: circumstance.index, score: circumstance.score, rank: top.rank, swapped: true))
                for r in list where natures[r.index].code != natures[circumstance.index].code { reordered.append(r) }
                list = reordered
            }
        }
        s.ranked = list
    }

    private func formatScore(_ s: Double) -> String {
        s == s.rounded() ? String(Int(s)) : String(s)
    }

    // MARK: priority, réflexe

    private func decidePriority(_ index: Int, _ nature: Nature, _ s: Scratch, _ because: inout [Reason]) -> (Priority, Bool) {
        guard index >= 0 else {
            // The built-in indeterminate nature: no rules.
            if nature.reflex && nature.priority == .p0 {
                because.append(.text("\(nature.code) is a départ réflexe"))
                return (.p0, true)
            }
            return (nature.priority, false)
        }
        let r = tables.natureRules[index]
        let facts = s.facts
        do {
            var priority = nature.priority
            if let k = r.priorityWhen.firstIndex(where: { $0.condition.holds(facts) }) {
                because.append(.text(r.priorityWhenText[k]))
                priority = r.priorityWhen[k].priority
            } else {
                let up = r.escalating.firstIndex { $0.holds(facts) }
                let down = r.deEscalating.firstIndex { $0.holds(facts) }
                if let up, down == nil, priority != .p0 {
                    because.append(.text(r.escalatingText[up]))
                    priority = priority.raised
                } else if let down, up == nil, priority != .p3 {
                    because.append(.text(r.deEscalatingText[down]))
                    priority = priority.lowered
                } else if let up, let down {
                    because.append(.text("escalating \(r.escalating[up].text) and de-escalating \(r.deEscalating[down].text) cancel out"))
                }
            }
            if let k = r.reflexWhen.firstIndex(where: { $0.holds(facts) }) {
                because.append(.text(r.reflexWhenText[k]))
                return (.p0, true)
            }
            if nature.reflex && priority == .p0 {
                because.append(.text(r.reflexText))
                return (.p0, true)
            }
            return (priority, false)
        }
    }
}

// MARK: what is prepared once per référentiel

extension Classifier {
    /// Per nature: its conditions resolved to fact indices, and the reasons they give. A class:
    /// a call reads one nature's rules through one reference, not a copy of nine arrays.
    final class NatureRules: Sendable {
        let priorityWhen: [(condition: IndexedCondition, priority: Priority)]
        let priorityWhenText: [String]
        let escalating: [IndexedCondition]
        let escalatingText: [String]
        let deEscalating: [IndexedCondition]
        let deEscalatingText: [String]
        let reflexWhen: [IndexedCondition]
        let reflexWhenText: [String]
        let reflexText: String

        init(_ n: Nature, factIndex: [String: Int]) {
            priorityWhen = n.priorityWhen.map { (condition: IndexedCondition($0.condition, factIndex: factIndex), priority: $0.priority) }
            priorityWhenText = n.priorityWhen.map { "priority when \($0.condition) → \($0.priority.code)" }
            escalating = n.escalating.map { IndexedCondition($0, factIndex: factIndex) }
            escalatingText = n.escalating.map {
                "escalating \($0) → priority \(n.priority.code) → \(n.priority.raised.code)"
            }
            deEscalating = n.deEscalating.map { IndexedCondition($0, factIndex: factIndex) }
            deEscalatingText = n.deEscalating.map {
                "de-escalating \($0) → priority \(n.priority.code) → \(n.priority.lowered.code)"
            }
            reflexWhen = n.reflexWhen.map { IndexedCondition($0, factIndex: factIndex) }
            reflexWhenText = n.reflexWhen.map { "réflexe when \($0) → P0" }
            reflexText = "\(n.code) is a départ réflexe"
        }
    }

    final class Tables: Sendable {
        let aliasIndex: [String: Int]
        let indeterminate: Nature
        let indeterminateIndex: Int
        let noRuleText: String
        /// Fact names by index; `facts` of the scratch is indexed the same way.
        let factNames: [String]
        let factIndex: [String: Int]
        /// By fact index; nil for the built-in `age` and `children` when the référentiel lacks them.
        let factTypes: [FactType?]
        let ageFact: Int
        let childrenFact: Int
        let shownFacts: [(name: String, fact: Int)]
        let isFactRule: [Bool]
        /// For each pattern rule, the index of the nature it is evidence for (-1: a fact rule).
        let ruleNature: [Int]
        let ruleWeight: [Double]
        let ruleFacts: [[(fact: Int, setting: FactSetting)]]
        /// `pattern ID: '` and `' → CODE` around the quoted words.
        let rulePrefix: [String]
        let ruleSuffix: [String]
        /// `fact ID: '`.
        let factPrefix: [String]
        /// Natures whose `when` conditions are evidence, so the others are not visited per call.
        let natureWhen: [(Int, [IndexedCondition])]
        let natureWhenText: [[String]]
        let natureRules: [NatureRules]
        let rankBonus: [Double]
        let circumstanceWhy: [String]
        let policeOrGend: [Bool]
        let servicesPolice: [[String]]
        let servicesGend: [[String]]
        let servicesPoliceJSON: [JSON]
        let servicesGendJSON: [JSON]
        let gendarmerieWhen: [IndexedCondition]
        let gendarmerieText: [String]
        /// For each nature, its questions resolved once (indices into `referentiel.questions`).
        let questionsOf: [[Int]]
        let questionFact: [Int]
        let questionSettles: [JSON]
        let questionFR: [JSON]
        let questionEN: [JSON]
        let priorityJSON: [JSON]
        /// `JSON.double(max(0.05, k / 100), places: 2)` for k = 0…100.
        let confidenceJSON: [JSON]
        let hashJSON: JSON
        let natureCount: Int
        let ruleCount: Int
        let rendered: Rendered

        init(_ r: Referentiel) {
            var aliases: [String: Int] = [:]
            for (i, key) in r.aliasKeys.enumerated() { aliases[key] = i }
            aliasIndex = aliases
            let indeterminateIndex = r.natureIndex["ADM.INDETERMINE"] ?? -1
            self.indeterminateIndex = indeterminateIndex
            indeterminate = indeterminateIndex >= 0 ? r.natures[indeterminateIndex]
                : Nature(code: "ADM.INDETERMINE", labelFR: "nature indéterminée", labelEN: "undetermined",
                         priority: .p1, reflex: false, reflexWhen: [], services: [], hubsante: "C11.06.00",
                         precedence: 0, when: [], priorityWhen: [], questions: [], escalating: [], deEscalating: [])
            noRuleText = "no rule recognised the call → \(indeterminate.code), P1 until a human decides"

            var names = r.factTypes.keys.sorted()
            for extra in ["age", "children"] where !names.contains(extra) { names.append(extra) }
            var factIndex: [String: Int] = [:]
            for (i, n) in names.enumerated() { factIndex[n] = i }
            factNames = names
            self.factIndex = factIndex
            factTypes = names.map { r.factTypes[$0] }
            ageFact = r.factTypes["age"] != nil ? factIndex["age"]! : -1
            childrenFact = factIndex["children"]!
            shownFacts = r.shownFacts.map { ($0, factIndex[$0] ?? -1) }

            isFactRule = r.patterns.map { if case .facts = $0.target { true } else { false } }
            ruleNature = r.patterns.map { rule -> Int in
                if case .nature(let code, _) = rule.target { return r.natureIndex[code] ?? -1 }
                return -1
            }
            ruleWeight = r.patterns.map { rule -> Double in
                if case .nature(_, let w) = rule.target { return w }
                return 0
            }
            ruleFacts = r.patterns.map { rule -> [(fact: Int, setting: FactSetting)] in
                guard case .facts(let settings) = rule.target else { return [] }
                return settings.map { (fact: factIndex[$0.name]!, setting: $0.value) }
            }
            rulePrefix = r.patterns.map { "pattern \($0.id): '" }
            ruleSuffix = r.patterns.map { rule -> String in
                if case .nature(let code, _) = rule.target { return "' → \(code)" }
                return ""
            }
            factPrefix = r.patterns.map { "fact \($0.id): '" }

            natureWhen = r.natures.indices.filter { !r.natures[$0].when.isEmpty }.map { i in
                (i, r.natures[i].when.map { IndexedCondition($0, factIndex: factIndex) })
            }
            natureWhenText = r.natures.map { n in n.when.map { "rule \(n.code) when \($0) → \(n.code)" } }
            natureRules = r.natures.map { NatureRules($0, factIndex: factIndex) }
            rankBonus = r.natures.map { n -> Double in n.code == "ADM.INDETERMINE" ? 0 : [0.9, 0.6, 0.3, 0.0][n.priority.rawValue] }
            circumstanceWhy = r.natures.map { "between P0 natures the circumstance decides (precedence \($0.precedence))" }
            policeOrGend = r.natures.map { $0.services.contains("POLICE_OR_GEND") }
            servicesPolice = r.natures.map { n in n.services.map { $0 == "POLICE_OR_GEND" ? "POLICE" : $0 } }
            servicesGend = r.natures.map { n in n.services.map { $0 == "POLICE_OR_GEND" ? "GEND" : $0 } }
            servicesPoliceJSON = servicesPolice.map(JSON.strings)
            servicesGendJSON = servicesGend.map(JSON.strings)
            gendarmerieWhen = r.gendarmerieWhen.map { IndexedCondition($0, factIndex: factIndex) }
            gendarmerieText = r.gendarmerieWhen.map { "place \($0) → GEND rather than POLICE" }
            questionsOf = r.natures.map { n in n.questions.compactMap { r.questionIndex[$0] } }
            questionFact = r.questions.map { factIndex[$0.settles] ?? -1 }
            questionSettles = r.questions.map { .string($0.settles) }
            questionFR = r.questions.map { q -> JSON in ["id": .string(q.id), "text": .string(q.fr)] }
            questionEN = r.questions.map { q -> JSON in ["id": .string(q.id), "text": .string(q.en)] }
            priorityJSON = Priority.allCases.map { JSON.string($0.code) }
            confidenceJSON = (0...100).map { JSON.double(max(0.05, Double($0) / 100), places: 2) }
            hashJSON = .string(r.hash)
            natureCount = r.natures.count
            ruleCount = r.patterns.count
            rendered = Rendered(r, factNames: names, servicesPolice: servicesPolice, servicesGend: servicesGend,
                                rulePrefix: rulePrefix, ruleSuffix: ruleSuffix, factPrefix: factPrefix,
                                circumstanceWhy: circumstanceWhy)
        }
    }

    /// The constant parts of a classification, already JSON text: a call's classification is
    /// these fragments with the few parts that vary (priority, facts, because) in between.
    /// A class: a call reads the fragments through one reference, not a copy of every table.
    final class Rendered: Sendable {
        /// `{"nature":"CODE","label":"LABEL","priority":` in French and English, by nature.
        let headFR: Pieces
        let headEN: Pieces
        /// `"P0"`…`"P3"`.
        let priority: Pieces
        /// By nature, as JSON string content (no quotes): its code and why the circumstance won.
        let code: Pieces
        let circumstanceWhy: Pieces
        /// `P0`…`P3` without quotes.
        let priorityCode: Pieces
        let servicesPolice: Pieces
        let servicesGend: Pieces
        /// `"name":` by fact index.
        let factKey: Pieces
        let settles: Pieces
        let questionFR: Pieces
        let questionEN: Pieces
        /// The text of `JSON.double(max(0.05, k / 100), places: 2)` for k = 0…100.
        let confidence: Pieces
        /// `],"referentiel":"HASH"}`.
        let tail: [UInt8]
        /// The parts of the reasons around the quoted words: `"pattern ID: '`, `' → CODE"`,
        /// `"fact ID: '`, `' → name=` (JSON text, each piece escaped on its own).
        let rulePrefix: Pieces
        let ruleSuffix: Pieces
        let factPrefix: Pieces
        let factSuffix: Pieces

        init(_ r: Referentiel, factNames: [String], servicesPolice: [[String]], servicesGend: [[String]],
             rulePrefix: [String], ruleSuffix: [String], factPrefix: [String], circumstanceWhy: [String]) {
            func bytes(_ value: JSON) -> [UInt8] {
                var out: [UInt8] = []
                JSONWriter.write(value, to: &out)
                return out
            }
            /// The JSON text of `s` without its opening (`open` false) or closing (`close` false) quote.
            func piece(_ s: String, open: Bool, close: Bool) -> [UInt8] {
                var out = bytes(.string(s))
                if !close { out.removeLast() }
                if !open { out.removeFirst() }
                return out
            }
            self.rulePrefix = Pieces(rulePrefix.map { piece($0, open: true, close: false) })
            self.ruleSuffix = Pieces(ruleSuffix.map { piece($0, open: false, close: true) })
            self.factPrefix = Pieces(factPrefix.map { piece($0, open: true, close: false) })
            factSuffix = Pieces(factNames.map { piece("' → " + $0 + "=", open: false, close: false) })
            headFR = Pieces(r.natures.map { Rendered.head($0, french: true) })
            headEN = Pieces(r.natures.map { Rendered.head($0, french: false) })
            priority = Pieces(Priority.allCases.map { bytes(.string($0.code)) })
            code = Pieces(r.natures.map { piece($0.code, open: false, close: false) })
            self.circumstanceWhy = Pieces(circumstanceWhy.map { piece($0, open: false, close: false) })
            priorityCode = Pieces(Priority.allCases.map { piece($0.code, open: false, close: false) })
            self.servicesPolice = Pieces(servicesPolice.map { bytes(.strings($0)) })
            self.servicesGend = Pieces(servicesGend.map { bytes(.strings($0)) })
            factKey = Pieces(factNames.map { bytes(.string($0)) + [UInt8(ascii: ":")] })
            settles = Pieces(r.questions.map { bytes(.string($0.settles)) })
            questionFR = Pieces(r.questions.map { bytes(["id": .string($0.id), "text": .string($0.fr)]) })
            questionEN = Pieces(r.questions.map { bytes(["id": .string($0.id), "text": .string($0.en)]) })
            confidence = Pieces((0...100).map { bytes(JSON.double(max(0.05, Double($0) / 100), places: 2)) })
            tail = Array(#"],"referentiel":"#.utf8) + bytes(.string(r.hash)) + [UInt8(ascii: "}")]
        }

        static func head(_ n: Nature, french: Bool) -> [UInt8] {
            var out: [UInt8] = Array(#"{"nature":"#.utf8)
            JSONWriter.write(.string(n.code), to: &out)
            out += Array(#","label":"#.utf8)
            JSONWriter.write(.string(french ? n.labelFR : n.labelEN), to: &out)
            out += Array(#","priority":"#.utf8)
            return out
        }

        func head(_ n: Nature, french: Bool) -> [UInt8] { Rendered.head(n, french: french) }
    }

    /// Why a fact has its value: the rule and the words (`rule` -1: the age rule, `start` the age;
    /// -2: an answer, `start` its index).
    struct FactReason {
        var rule: Int32
        var start: Int32
        var end: Int32
    }

    /// The buffers of one classification, reused from call to call.
    struct Scratch {
        var words = Words()
        var match = PhraseMatcher.Scratch()
        /// Fact values by fact index, and the facts in the order they were first stated.
        var facts: [FactValue?]
        var factOrder: [Int32] = []
        var factReason: [FactReason]
        var scores: [Double]
        var fired: [Bool]
        var firedList: [Int32] = []
        var ranked: [Ranked] = []
        /// The reasons of the last decision.
        var because: [Reason] = []

        init(_ t: Tables) {
            facts = [FactValue?](repeating: nil, count: t.factNames.count)
            factReason = [FactReason](repeating: FactReason(rule: -1, start: 0, end: 0), count: t.factNames.count)
            scores = [Double](repeating: 0, count: t.natureCount)
            fired = [Bool](repeating: false, count: t.ruleCount)
            factOrder.reserveCapacity(16)
            firedList.reserveCapacity(32)
            ranked.reserveCapacity(16)
            because.reserveCapacity(16)
        }

        @inline(__always) mutating func setFact(_ fact: Int, _ value: FactValue) {
            if facts[fact] == nil { factOrder.append(Int32(fact)) }
            facts[fact] = value
        }

        /// Back to empty, keeping the buffers.
        mutating func reset() {
            for f in factOrder { facts[Int(f)] = nil }
            factOrder.removeAll(keepingCapacity: true)
            for r in firedList { fired[Int(r)] = false }
            firedList.removeAll(keepingCapacity: true)
            scores.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            ranked.removeAll(keepingCapacity: true)
            because.removeAll(keepingCapacity: true)
        }
    }

    /// One classification's buffers, boxed: taking them from the pool and giving them back
    /// moves one reference, not the fourteen arrays of a `Scratch`.
    final class ScratchBox: @unchecked Sendable {
        /// One user at a time (the pool hands a box to one caller): no run-time exclusivity check.
        @exclusivity(unchecked) var scratch: Scratch
        init(_ tables: Tables) { scratch = Scratch(tables) }

        /// The buffers lent in place (a class property passed on would be copied first).
        @inline(__always) func use<R>(_ body: (inout Scratch) -> R) -> R { body(&scratch) }
    }

    /// A few scratches, so that a classifier shared between threads stays correct.
    final class ScratchPool: @unchecked Sendable {
        private let lock = NSLock()
        /// Guarded by `lock`.
        @exclusivity(unchecked) private var free: [ScratchBox] = []

        func take(_ tables: Tables) -> ScratchBox {
            lock.lock()
            let s = free.popLast()
            lock.unlock()
            return s ?? ScratchBox(tables)
        }

        func give(_ box: ScratchBox) {
            box.scratch.reset()
            lock.lock()
            if free.count < 4 { free.append(box) }
            lock.unlock()
        }
    }
}

/// A question the operator asked (its id in questions.yaml) and what the caller answered.
public struct QuestionAnswer: Sendable, Equatable {
    public var question: String
    public var answer: String
    public init(question: String, answer: String) {
        self.question = question
        self.answer = answer
    }
}

/// Fragments rendered once, end to end in one buffer: writing one copies it from where it lies,
/// with no inner array to retain and release as `[[UInt8]]` would for every fragment written.
struct Pieces: Sendable {
    private let bytes: [UInt8]
    /// Fragment `i` is `bytes[ends[i - 1]..<ends[i]]` (from 0 for the first).
    private let ends: [Int]

    init(_ pieces: [[UInt8]]) {
        bytes = pieces.flatMap { $0 }
        var end = 0
        ends = pieces.map { end += $0.count; return end }
    }

    var count: Int { ends.count }

    @inline(__always) func write(_ i: Int, to out: inout ByteSink) {
        let start = i == 0 ? 0 : ends[i - 1]
        let end = ends[i]
        bytes.withUnsafeBytes { out.append(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }
}
