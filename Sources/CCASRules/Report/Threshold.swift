import CCASCore

/// A `--fail-if` threshold: `INDICATOR[@GROUP].STAT OP NUMBER`, e.g. `response.p90>600`,
/// `answer.compliance<0.9`, `response@priority:P0.p90_s>=480`. Several are joined by commas.
public struct Threshold: Sendable, Equatable, CustomStringConvertible {
    public enum Comparison: String, Sendable, CaseIterable { case ge = ">=", le = "<=", ne = "!=", eq = "==", gt = ">", lt = "<" }
    public var indicator: String
    public var group: String
    public var stat: String
    public var comparison: Comparison
    public var value: Double
    public var text: String

    public var description: String { text }

    static let stats = ["count", "p50_s", "p90_s", "p95_s", "target_s", "compliance", "ratio", "busy_s"]

    /// Parses one expression or a comma-separated list; the error says what is wrong and where.
    public static func parseList(_ text: String) throws(ThresholdError) -> [Threshold] {
        try text.split(separator: ",").map { piece throws(ThresholdError) in try parse(String(piece)) }
    }

    public static func parse(_ raw: String) throws(ThresholdError) -> Threshold {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard let op = Comparison.allCases.compactMap({ c -> (Comparison, Range<String.Index>)? in
            text.range(of: c.rawValue).map { (c, $0) }
        }).min(by: { $0.1.lowerBound < $1.1.lowerBound || ($0.1.lowerBound == $1.1.lowerBound && $0.0.rawValue.count > $1.0.rawValue.count) })
        else { throw ThresholdError("\(text): no comparison (one of > >= < <= == !=)") }
        let left = String(text[..<op.1.lowerBound]).trimmingCharacters(in: .whitespaces)
        let right = String(text[op.1.upperBound...]).trimmingCharacters(in: .whitespaces)
        guard let value = Double(right), value.isFinite else { throw ThresholdError("\(text): \"\(right)\" is not a number") }
        guard let dot = left.lastIndex(of: ".") else { throw ThresholdError("\(text): expected INDICATOR.STAT, e.g. response.p90") }
        var stat = String(left[left.index(after: dot)...])
        if ["p50", "p90", "p95", "target"].contains(stat) { stat += "_s" }
        guard stats.contains(stat) else { throw ThresholdError("\(text): unknown statistic \"\(stat)\" (one of \(stats.joined(separator: ", ")))") }
        let head = String(left[..<dot])
        let parts = head.split(separator: "@", maxSplits: 1).map(String.init)
        guard let indicator = parts.first, !indicator.isEmpty, indicator.allSatisfy({ $0.isLetter || $0 == "_" }) else {
            throw ThresholdError("\(text): expected an indicator name before the statistic")
        }
        return Threshold(indicator: indicator, group: parts.count > 1 ? parts[1] : "all", stat: stat, comparison: op.0, value: value, text: text)
    }

    /// True when the report breaches this threshold; nil when the report has no such line or value.
    public func breached(by records: [JSONObject]) -> Bool? {
        guard let line = records.first(where: { $0["indicator"]?.stringValue == indicator && $0["group"]?.stringValue == group }),
              let actual = line[stat]?.doubleValue else { return nil }
        switch comparison {
        case .gt: return actual > value
        case .ge: return actual >= value
        case .lt: return actual < value
        case .le: return actual <= value
        case .eq: return actual == value
        case .ne: return actual != value
        }
    }
}

public struct ThresholdError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ d: String) { description = d }
}

import Foundation
