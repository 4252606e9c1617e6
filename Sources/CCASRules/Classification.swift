import CCASCore

/// What the classifier decided about one call, with every reason.
public struct Classification: Sendable {
    public let nature: String
    public let label: String
    public let priority: Priority
    public let reflex: Bool
    public let services: [String]
    /// The stated facts the référentiel shows (`shown_facts`), in that order.
    public let facts: Facts
    /// Fields still unknown, each settled by one of `questions`.
    public let missing: [String]
    public let questions: [(id: String, text: String)]
    public let confidence: Double
    public let because: [String]
    public let referentiel: String
    /// "fr" or "en": the language the questions are in.
    public let language: String

    public var json: JSON {
        var factsObject = JSONObject()
        for (name, value) in facts.values {
            switch value {
            case .int(let i): factsObject[name] = .int(i)
            case .bool(let b): factsObject[name] = .bool(b)
            case .string(let s): factsObject[name] = .string(s)
            }
        }
        return [
            "nature": .string(nature),
            "label": .string(label),
            "priority": .string(priority.code),
            "reflex": .bool(reflex),
            "services": .strings(services),
            "facts": .object(factsObject),
            "missing": .strings(missing),
            "questions": .array(questions.map { ["id": .string($0.id), "text": .string($0.text)] }),
            "confidence": .double(confidence, places: 2),
            "because": .strings(because),
            "referentiel": .string(referentiel),
        ]
    }
}
