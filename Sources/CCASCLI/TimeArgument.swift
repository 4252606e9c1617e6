import CCASCore

/// A time given on the command line: ISO 8601 (any offset), epoch seconds, or a span back from
/// now — `90s`, `30m`, `24h`, `7d`, `2w`, `1y` (365 days).
public enum TimeArgument {
    public static func parse(_ text: String, now: Int64 = Timestamp.now.milliseconds) -> Int64? {
        if let span = span(text) { return now - span }
        return (try? Timestamp.parse(text))?.milliseconds
    }

    /// A span in milliseconds.
    public static func span(_ text: String) -> Int64? {
        guard let unit = text.last, let n = Double(text.dropLast()), n >= 0 else { return nil }
        let seconds: Double
        switch unit {
        case "s": seconds = n
        case "m": seconds = n * 60
        case "h": seconds = n * 3600
        case "d": seconds = n * 86400
        case "w": seconds = n * 7 * 86400
        case "y": seconds = n * 365 * 86400
        default: return nil
        }
        return Int64(seconds * 1000)
    }
}
