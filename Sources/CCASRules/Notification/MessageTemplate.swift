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
    public static func render(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        out.reserveCapacity(template.utf8.count + 64)
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else {
                out += rest[open...]
                return out
            }
            out += values[String(after[..<close])] ?? ""
            rest = after[after.index(after: close)...]
        }
        out += rest
        return out
    }
}
