import CCASCore

/// Scores the classifier against labelled calls (corpus/dev-calls.ndjson): one line per call
/// with `id`, `text`, `nature`, `priority`, `reflex`.
public struct ScoreReport: Sendable {
    public struct Miss: Sendable {
        public let id: String
        public let text: String
        public let expected: (nature: String, priority: String, reflex: Bool)
        public let got: (nature: String, priority: String, reflex: Bool)
        public let because: [String]
    }

    public internal(set) var total = 0
    public internal(set) var natureCorrect = 0
    public internal(set) var priorityCorrect = 0
    public internal(set) var reflexExpected = 0
    public internal(set) var reflexFound = 0
    /// Ids of P0 calls classified P2 or P3: the one mistake that must never happen.
    public internal(set) var p0ClassifiedLow: [String] = []
    /// (expected nature, classified nature) → count, for the wrong natures.
    public internal(set) var confusion: [String: Int] = [:]
    public internal(set) var misses: [Miss] = []
    public internal(set) var badLines: [String] = []

    public var natureAccuracy: Double { total == 0 ? 0 : Double(natureCorrect) / Double(total) }
    public var priorityExact: Double { total == 0 ? 0 : Double(priorityCorrect) / Double(total) }
    public var reflexRecall: Double { reflexExpected == 0 ? 1 : Double(reflexFound) / Double(reflexExpected) }

    /// The figures, the confusion summary and every miss, for a person to read.
    public var summary: String {
        func pct(_ x: Double) -> String { String(Double(Int(x * 1000)) / 10) + " %" }
        var lines = [
            "calls: \(total)",
            "nature accuracy: \(pct(natureAccuracy)) (\(natureCorrect)/\(total))",
            "priority exact: \(pct(priorityExact)) (\(priorityCorrect)/\(total))",
            "réflexe recall: \(pct(reflexRecall)) (\(reflexFound)/\(reflexExpected))",
            "P0 classified P2/P3: \(p0ClassifiedLow.count)" + (p0ClassifiedLow.isEmpty ? "" : " (\(p0ClassifiedLow.joined(separator: ", ")))"),
        ]
        if !confusion.isEmpty {
            lines.append("confusion (expected → classified):")
            for (pair, n) in confusion.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                lines.append("  \(n) × \(pair)")
            }
        }
        for m in misses {
            lines.append("miss \(m.id): want \(m.expected.nature) \(m.expected.priority)\(m.expected.reflex ? " réflexe" : ""), got \(m.got.nature) \(m.got.priority)\(m.got.reflex ? " réflexe" : "") — \(m.text)")
            for b in m.because { lines.append("    \(b)") }
        }
        for b in badLines { lines.append("bad line: \(b)") }
        return lines.joined(separator: "\n")
    }
}

public enum Scorer {
    public static func score(ndjson: String, classifier: Classifier) -> ScoreReport {
        var report = ScoreReport()
        for (n, line) in ndjson.split(separator: "\n").enumerated() where !line.isEmpty {
            guard let record = try? JSONParser.parse(String(line)), let id = record["id"]?.stringValue,
                let want = record["nature"]?.stringValue, let wantPriority = record["priority"]?.stringValue
            else {
                report.badLines.append("line \(n + 1)")
                continue
            }
            let text = record["text"]?.stringValue ?? ""
            let wantReflex = record["reflex"]?.boolValue ?? false
            let c = classifier.classify(text: text, natureHint: record["nature_hint"]?.stringValue)
            report.total += 1
            let natureOK = c.nature == want
            let priorityOK = c.priority.code == wantPriority
            if natureOK { report.natureCorrect += 1 } else { report.confusion["\(want) → \(c.nature)", default: 0] += 1 }
            if priorityOK { report.priorityCorrect += 1 }
            if wantReflex {
                report.reflexExpected += 1
                if c.reflex { report.reflexFound += 1 }
            }
            if wantPriority == "P0", c.priority >= .p2 { report.p0ClassifiedLow.append(id) }
            if !natureOK || !priorityOK || wantReflex != c.reflex {
                report.misses.append(.init(id: id, text: text, expected: (want, wantPriority, wantReflex),
                                           got: (c.nature, c.priority.code, c.reflex), because: c.because))
            }
        }
        return report
    }
}
