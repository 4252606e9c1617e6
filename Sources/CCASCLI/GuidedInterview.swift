import CCASCore

/// Where the classifier plugs into `ccas-intake guided`: after each answer it says what it now
/// thinks (nature, priority, réflexe) and which questions would settle what is missing.
public protocol FollowUpQuestions {
    /// What the classifier thinks of the call so far; the record's `answers` are its answers.
    func assess(_ record: JSONObject, language: String) -> FollowUp
    /// Whether an answer adds to the description: a bare "non" to "Respire-t-elle ?" states a fact
    /// (through `answers`) and means nothing appended to the text.
    func answerJoinsText(question: String, answer: String) -> Bool
}

extension FollowUpQuestions {
    public func answerJoinsText(question: String, answer: String) -> Bool { true }
}

public struct FollowUp {
    /// One line for the operator, e.g. `SAP.ACR P0 réflexe — cardiac arrest`.
    public var summary: String?
    public var questions: [(id: String, text: String)]
    public init(summary: String?, questions: [(id: String, text: String)]) {
        self.summary = summary
        self.questions = questions
    }
}

/// The guided prompt: where, a callback number, what is happening, then the follow-up
/// questions until none is left. Works on a terminal and with answers piped in, one a line;
/// prompts go to standard error so standard output stays NDJSON.
public struct GuidedInterview {
    public var language: String
    public var followUp: FollowUpQuestions?
    public var maxQuestions = 8
    public var readAnswer: () -> String? = { readLine(strippingNewline: true) }
    public var prompt: (String) -> Void = { writeStderr($0) }

    public init(language: String, followUp: FollowUpQuestions?) {
        self.language = language
        self.followUp = followUp
    }

    private func say(_ fr: String, _ en: String) -> String { language == "en" ? en : fr }

    /// Runs the interview; nil when the input ended before anything was said.
    public func run(operatorName: String, channel: String) -> JSONObject? {
        prompt(say("Où ? (adresse, ou lat,lon) ", "Where? (address, or lat,lon) "))
        guard let whereAnswer = readAnswer() else { return nil }
        prompt(say("Numéro de rappel ? ", "Callback number? "))
        let phone = readAnswer()
        prompt(say("Que se passe-t-il ? ", "What is happening? "))
        let what = readAnswer()
        if whereAnswer.isEmpty, (phone ?? "").isEmpty, (what ?? "").isEmpty { return nil }

        var call = OperatorCall(channel: channel, operatorName: operatorName)
        if let pair = GuidedInterview.coordinates(whereAnswer) {
            call.lat = pair.lat
            call.lon = pair.lon
        } else if !whereAnswer.isEmpty {
            call.address = whereAnswer
        }
        if let phone, !phone.isEmpty { call.phone = phone }
        if let what, !what.isEmpty { call.text = what }
        var record = call.record
        var answers: [JSON] = []
        var asked = Set<String>()
        while let followUp, asked.count < maxQuestions {
            let assessment = followUp.assess(record, language: language)
            if let summary = assessment.summary { prompt("→ \(summary)\n") }
            guard let question = assessment.questions.first(where: { !asked.contains($0.id) }) else { break }
            asked.insert(question.id)
            prompt(question.text + " ")
            guard let answer = readAnswer() else { break }
            if answer.isEmpty { continue }
            answers.append(["question": .string(question.id), "text": .string(question.text), "answer": .string(answer)])
            record["answers"] = .array(answers)
            // A longer answer joins the description the classifier reads ("il a 80 ans, il saigne").
            if followUp.answerJoinsText(question: question.id, answer: answer) {
                let before = record["text"]?.stringValue ?? ""
                record["text"] = .string(before.isEmpty ? answer : before + ". " + answer)
            }
        }
        return record
    }

    /// `48.85, 2.35` or `48.85 2.35` as coordinates.
    static func coordinates(_ text: String) -> (lat: Double, lon: Double)? {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
        guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]),
              case .success = Geo.coordinate(lat: lat, lon: lon) else { return nil }
        return (lat, lon)
    }
}
