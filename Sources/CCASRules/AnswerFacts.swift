/// What a short answer to a question states: "non" to "Respire-t-elle normalement ?" (a question
/// that settles `breathing`) is breathing=false; "3" to "Combien de personnes ?" is victims=3.
/// Only an answer that is nothing but yes, no or a number counts: anything longer is read as text,
/// where negation and time scope are understood.
enum AnswerFacts {
    static func value(_ answer: String, as type: FactType) -> FactValue? {
        let folded = TextFolding.fold(answer)
        var words: [String] = []
        var current: [UInt8] = []
        for b in folded + [0x20] {
            if Words.isWordByte(b) {
                current.append(b)
            } else if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current = []
            }
        }
        guard words.count == 1, let word = words.first else { return nil }
        switch type {
        case .bool:
            if yes.contains(word) { return .bool(true) }
            if no.contains(word) { return .bool(false) }
            return nil
        case .int:
            guard word.utf8.count <= 6, let n = Int(word) else { return nil }
            return .int(n)
        case .string: return nil
        }
    }

    static let yes: Set<String> = ["oui", "ouais", "ouai", "oue", "si", "yes", "yeah", "yep", "y", "o", "affirmatif"]
    static let no: Set<String> = ["non", "nan", "no", "nope", "n", "negatif"]
}
