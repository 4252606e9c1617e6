/// `{name}` substitution for notification texts; an unknown name is caught when the templates load.
public enum MessageTemplate {
    public static let placeholders: Set<String> = [
        "event", "nature", "nature_label", "priority", "address", "lat", "lon", "victims", "units", "talkgroup",
        "recipient", "why", "ask", "text", "unit", "exercise",
    ]

    /// The first `{name}` of `template` that is not a known placeholder, or nil.
    public static func unknownPlaceholder(in template: String) -> String? {
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { return nil }
            let name = String(after[..<close])
            if !placeholders.contains(name) { return name }
            rest = after[after.index(after: close)...]
        }
        return nil
    }

    /// Replaces every `{name}` with `values[name]` (empty when absent).
    ///
    /// On UTF-8 bytes (`{` and `}` never occur inside a multi-byte character): walking the
    /// template by Character was a fifth of deciding notifications (perf, ccas-bench notify).
    public static func render(_ template: String, _ values: [String: String]) -> String {
        var template = template
        return template.withUTF8 { t in
            var out: [UInt8] = []
            out.reserveCapacity(t.count + 128)
            var i = 0, literal = 0
            scan: while i < t.count {
                guard t[i] == UInt8(ascii: "{") else { i += 1; continue }
                var close = i + 1
                while close < t.count, t[close] != UInt8(ascii: "}") { close += 1 }
                if close == t.count { break scan }  // no closing brace: the rest is text
                out.append(contentsOf: UnsafeBufferPointer(rebasing: t[literal..<i]))
                if let value = values[String(decoding: UnsafeBufferPointer(rebasing: t[(i + 1)..<close]), as: UTF8.self)] {
                    out.append(contentsOf: value.utf8)
                }
                i = close + 1
                literal = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: t[literal..<t.count]))
            return String(decoding: out, as: UTF8.self)
        }
    }
}
