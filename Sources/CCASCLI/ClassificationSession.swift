import CCASCore
import CCASRules
import CCASStore

/// What `ccas-classify` does with a batch: classify each call, keep the results on the stored
/// calls and their events in one transaction, and return the records to print.
public final class ClassificationSession {
    public let classifier: Classifier
    public let store: Store?
    public let operatorName: String
    public let exercise: Bool
    public private(set) var classified = 0
    public private(set) var notStored = 0

    public init(classifier: Classifier, store: Store?, operatorName: String, exercise: Bool) {
        self.classifier = classifier
        self.store = store
        self.operatorName = operatorName
        self.exercise = exercise
    }

    public func process(_ batch: [InputRecord]) throws -> [JSONObject] {
        var out: [JSONObject] = []
        var updates: [CallClassificationUpdate] = []
        out.reserveCapacity(batch.count)
        let now = Timestamp.now.milliseconds
        for input in batch {
            let record = classifier.classify(record: input.record)
            out.append(record)
            guard let c = record["classification"], input.record["classification"] != c || input.record["classification"] == nil,
                  (input.record["kind"]?.stringValue ?? "call") == "call" else { continue }
            classified += 1
            if store != nil, let id = record["id"]?.stringValue, let nature = c["nature"]?.stringValue, let priority = c["priority"]?.stringValue {
                updates.append(CallClassificationUpdate(callID: id, nature: nature, priority: priority, classification: c, at: now,
                                                        exercise: exercise || record["exercise"]?.boolValue == true))
            }
        }
        if let store, !updates.isEmpty {
            let events = try store.saveClassifications(updates, operator: operatorName)
            notStored += events.count { $0 == nil }
        }
        return out
    }
}

/// One classification for a person on a terminal.
public enum ClassificationSheet {
    public static func render(_ c: Classification, colour: Bool) -> String {
        let p = c.priority.code
        let painted = colour ? (p == "P0" ? "\u{1B}[1;31m\(p)\u{1B}[0m" : p == "P1" ? "\u{1B}[1;33m\(p)\u{1B}[0m" : p) : p
        var s = "\(painted)  \(c.nature)  \(c.label)\(c.reflex ? "  — départ réflexe" : "")\n"
        s += "services: \(c.services.isEmpty ? "—" : c.services.joined(separator: ", "))   confidence: \(Int((c.confidence * 100).rounded())) %\n"
        if let facts = c.json["facts"]?.objectValue, !facts.isEmpty {
            s += "facts: " + facts.fields.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "\n"
        }
        for b in c.because { s += "because: \(b)\n" }
        if !c.missing.isEmpty { s += "missing: \(c.missing.joined(separator: ", "))\n" }
        for q in c.questions { s += "ask: \(q.text)\n" }
        s += "référentiel: \(c.referentiel)\n"
        return s
    }
}

/// The classifier behind `ccas-intake guided`: after each answer, what it now thinks and the
/// questions that would settle what is still missing.
public struct ClassifierFollowUp: FollowUpQuestions {
    public let classifier: Classifier
    public init(classifier: Classifier) { self.classifier = classifier }

    public func assess(_ record: JSONObject, language: String) -> FollowUp {
        let c = classifier.classify(text: record["text"]?.stringValue, natureHint: record["nature_hint"]?.stringValue,
                                    answers: Classifier.answers(of: record))
        let reflex = c.reflex ? (language == "en" ? " immediate departure" : " départ réflexe") : ""
        return FollowUp(summary: "\(c.nature) \(c.priority.code)\(reflex) — \(c.label)", questions: c.questions)
    }

    /// A bare yes, no or number is the answer to the question, not words of the description.
    public func answerJoinsText(question: String, answer: String) -> Bool {
        classifier.fact(answering: question, answer) == nil && !Classifier.isBareYesOrNo(answer)
    }
}
