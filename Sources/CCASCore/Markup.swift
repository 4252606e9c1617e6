/// Text for XML and HTML (CAP alerts, EIDO locations and notes, the HTML report and maps):
/// the reserved characters escaped, and the control characters XML 1.0 forbids made spaces.
public enum Markup {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(c)
            case _ where c.value < 0x20: out += " "
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
