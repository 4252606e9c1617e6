/// One thing wrong in a référentiel file, named as a compiler would: `natures.yaml:42: …`.
public struct ReferentielProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Error, Sendable, Equatable, CustomStringConvertible {
        case badCondition(String)
        case unknownFact(String)
        case other(String)

        public var description: String {
            switch self {
            case .badCondition(let c): return "bad condition \"\(c)\" (write fact, !fact, fact=value, fact!=value or fact>=n, joined by &)"
            case .unknownFact(let f): return "unknown fact \"\(f)\" (declare it under facts: in natures.yaml)"
            case .other(let s): return s
            }
        }
    }

    public let file: String
    /// 1-based; 0 when the problem concerns the whole file.
    public let line: Int
    public let reason: Reason

    public init(file: String, line: Int, _ message: String) {
        self.file = file
        self.line = line
        self.reason = .other(message)
    }

    init(file: String, line: Int, reason: Reason) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var message: String { reason.description }
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// A référentiel that cannot be used, with every problem found in it.
public struct ReferentielError: Error, Sendable, CustomStringConvertible {
    public let problems: [ReferentielProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
