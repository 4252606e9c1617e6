/// A condition on stated facts, as written in natures.yaml:
/// `people_inside`, `!safe`, `breathing=false`, `breathing!=false`, `victims>=3`, joined by ` & `.
/// A fact nobody stated is neither true nor false: `breathing!=false` holds when it is unknown.
public struct Condition: Sendable, Equatable, CustomStringConvertible {
    enum Test: Sendable, Equatable {
        case isTrue, isNotTrue
        case equals(FactValue), differs(FactValue)
        case atLeast(Int)
    }
    struct Clause: Sendable, Equatable {
        let fact: String
        let test: Test
    }
    let clauses: [Clause]
    public let description: String

    /// Parses a condition; returns the problem when it cannot.
    static func parse(_ text: String, factTypes: [String: FactType]) -> Result<Condition, ReferentielProblem.Reason> {
        var clauses: [Clause] = []
        for raw in text.split(separator: "&") {
            let part = raw.strippingSpaces()
            guard !part.isEmpty else { return .failure(.badCondition(text)) }
            let clause: Clause
            // Plain character search: `range(of:)` would bring Foundation into start-up.
            let chars = Array(part)
            if let i = chars.firstIndex(of: ">"), i + 1 < chars.count, chars[i + 1] == "=" {
                let fact = String(chars[..<i]).strippingSpaces()
                guard let n = Int(String(chars[(i + 2)...]).strippingSpaces()) else { return .failure(.badCondition(text)) }
                clause = Clause(fact: fact, test: .atLeast(n))
            } else if let i = chars.firstIndex(of: "=") {
                let negated = i > 0 && chars[i - 1] == "!"
                let fact = String(chars[..<(negated ? i - 1 : i)]).strippingSpaces()
                let valueText = String(chars[(i + 1)...]).strippingSpaces()
                guard let type = factTypes[fact] else { return .failure(.unknownFact(fact)) }
                guard let value = FactValue.parse(valueText, as: type) else { return .failure(.badCondition(text)) }
                clause = Clause(fact: fact, test: negated ? .differs(value) : .equals(value))
            } else if part.hasPrefix("!") {
                clause = Clause(fact: String(part.dropFirst()).strippingSpaces(), test: .isNotTrue)
            } else {
                clause = Clause(fact: part, test: .isTrue)
            }
            guard factTypes[clause.fact] != nil else { return .failure(.unknownFact(clause.fact)) }
            clauses.append(clause)
        }
        guard !clauses.isEmpty else { return .failure(.badCondition(text)) }
        return .success(Condition(clauses: clauses, description: text))
    }

    func holds(_ facts: Facts) -> Bool {
        for clause in clauses {
            let value = facts[clause.fact]
            switch clause.test {
            case .isTrue:
                switch value {
                case .bool(true)?: break
                case .int(let i)? where i > 0: break
                case .string(let s)? where !s.isEmpty: break
                default: return false
                }
            case .isNotTrue:
                if case .bool(true)? = value { return false }
            case .equals(let v): if value != v { return false }
            case .differs(let v): if value == v { return false }
            case .atLeast(let n):
                guard case .int(let i)? = value, i >= n else { return false }
            }
        }
        return true
    }
}

extension FactValue {
    static func parse(_ text: String, as type: FactType) -> FactValue? {
        switch type {
        case .int: return Int(text).map(FactValue.int)
        case .bool: return text == "true" ? .bool(true) : text == "false" ? .bool(false) : nil
        case .string: return .string(text)
        }
    }
}

extension StringProtocol {
    func strippingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

/// A condition with its facts resolved to indices, for the classifier's fact table: no name is
/// compared while classifying.
struct IndexedCondition: Sendable {
    let clauses: [(fact: Int, test: Condition.Test)]
    /// The condition as written, for `because`.
    let text: String

    init(_ condition: Condition, factIndex: [String: Int]) {
        clauses = condition.clauses.map { (fact: factIndex[$0.fact] ?? -1, test: $0.test) }
        text = condition.description
    }

    /// `Condition.holds` on facts stored by index.
    func holds(_ values: [FactValue?]) -> Bool {
        for clause in clauses {
            let value = clause.fact >= 0 ? values[clause.fact] : nil
            switch clause.test {
            case .isTrue:
                switch value {
                case .bool(true)?: break
                case .int(let i)? where i > 0: break
                case .string(let s)? where !s.isEmpty: break
                default: return false
                }
            case .isNotTrue:
                if case .bool(true)? = value { return false }
            case .equals(let v): if value != v { return false }
            case .differs(let v): if value == v { return false }
            case .atLeast(let n):
                guard case .int(let i)? = value, i >= n else { return false }
            }
        }
        return true
    }
}
