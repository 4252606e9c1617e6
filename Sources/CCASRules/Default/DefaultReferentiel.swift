import CCASCore
import Yams

/// The default référentiel (DOMAIN.md made data), built into the programs.
enum DefaultReferentiel {
    /// The YAML files by name, exactly as `referentiel export` writes them.
    static let files: [String: String] = [
        "natures.yaml": natures,
        "patterns.yaml": patterns,
        "questions.yaml": questions,
        "aliases.yaml": aliases,
    ]

    /// Where the JSON trees (`trees`, read at start-up) differ from what Yams composes from the
    /// YAML files: empty when they are the same trees, key for key and scalar for scalar.
    static func treeDifferences() throws -> [String] {
        var differences: [String] = []
        for name in Referentiel.fileNames {
            guard let text = files[name], let json = trees[name] else {
                differences.append("\(name): missing")
                continue
            }
            guard let yaml = try Yams.compose(yaml: text, .basic) else {
                differences.append("\(name): empty YAML")
                continue
            }
            compare(yaml, Node(json: try JSONParser.parse(json)), at: name, &differences)
        }
        return differences
    }

    private static func compare(_ a: Node, _ b: Node, at path: String, _ differences: inout [String]) {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)):
            if x.string != y.string { differences.append("\(path): \"\(x.string)\" ≠ \"\(y.string)\"") }
        case (.sequence(let x), .sequence(let y)):
            guard x.count == y.count else { differences.append("\(path): \(x.count) ≠ \(y.count) items"); return }
            for (i, (p, q)) in zip(x, y).enumerated() { compare(p, q, at: "\(path)[\(i)]", &differences) }
        case (.mapping(let x), .mapping(let y)):
            let xs = Array(x), ys = Array(y)
            guard xs.count == ys.count else { differences.append("\(path): \(xs.count) ≠ \(ys.count) keys"); return }
            for (p, q) in zip(xs, ys) {
                compare(p.key, q.key, at: "\(path) key", &differences)
                compare(p.value, q.value, at: "\(path).\(p.key.string ?? "?")", &differences)
            }
        default: differences.append("\(path): not the same kind of node")
        }
    }
}
