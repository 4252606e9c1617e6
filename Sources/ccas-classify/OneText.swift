import CCASCLI
import CCASCore
import CCASRules

/// `ccas-classify [--no-store] --text "…" [--nature-hint TYPE]`, the operator's one-call question,
/// answered before ArgumentParser runs: its reflection over every option of every subcommand
/// (protocol conformance scans) costs more at start-up than decoding the référentiel and
/// classifying together. Only exactly these arguments take this path, with no `$CCAS_RULES`;
/// anything else (help, a typo, a missing value, --rules) goes through the full parser.
enum OneText {
    struct Request: Equatable {
        var text: String?
        var natureHint: String?
    }

    static func request(_ arguments: ArraySlice<String>, environment: [String: String]) -> Request? {
        if let rules = environment["CCAS_RULES"], !rules.isEmpty { return nil }
        var request = Request()
        var noStore = false
        var i = arguments.startIndex
        while i < arguments.endIndex {
            var name = arguments[i]
            var value: String? = nil
            if let eq = name.firstIndex(of: "=") {
                value = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            i += 1
            switch name {
            case "--no-store" where value == nil && !noStore:
                noStore = true
                continue
            case "--text" where request.text == nil, "--nature-hint" where request.natureHint == nil:
                if value == nil {
                    // A value that looks like an option is the parser's to judge.
                    guard i < arguments.endIndex, !arguments[i].hasPrefix("-") else { return nil }
                    value = arguments[i]
                    i += 1
                }
                if name == "--text" { request.text = value } else { request.natureHint = value }
            default:
                return nil
            }
        }
        return request.text != nil || request.natureHint != nil ? request : nil
    }

    /// Classifies with the built-in référentiel and prints as `ccas-classify run --text` does.
    static func run(_ request: Request) {
        Terminal.ignoreBrokenPipe()
        let classifier = Classifier(referentiel: .default)
        print(classifier.classify(text: request.text, natureHint: request.natureHint))
    }

    /// One classification: a sheet on a terminal, else its JSON line.
    static func print(_ c: Classification) {
        let out = RecordWriter(fd: 1)
        if Terminal.isTTY(1) { out.write(text: ClassificationSheet.render(c, colour: Terminal.colour(1))) } else { out.write(c.json) }
        out.flush()
    }
}
