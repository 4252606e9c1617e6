import CCASCore

/// Report records as a table, CSV or Markdown: one line per indicator and group.
public enum ReportRendering {
    static let headers = ["indicator", "group", "count", "p50_s", "p90_s", "p95_s", "target_s", "compliance"]

    static func cell(_ v: JSON?) -> String {
        switch v {
        case .none, .some(.null): ""
        case .some(.string(let s)): s
        case .some(let other): "\(other)"
        }
    }

    public static func rows(_ records: [JSONObject]) -> [[String]] {
        records.filter { $0["indicator"]?.stringValue != "utilisation" || $0["group"]?.stringValue == "all" }.map { r in
            if r["indicator"]?.stringValue == "utilisation" {
                return ["utilisation", "all", cell(r["units"]), "", "", "", "", cell(r["ratio"])]
            }
            return headers.map { cell(r[$0]) }
        }
    }

    public static func table(_ records: [JSONObject]) -> String { Table.text(headers: headers, rows: rows(records)) }
    public static func csv(_ records: [JSONObject]) -> String { Table.csv(headers: headers, rows: rows(records)) }
    public static func markdown(_ records: [JSONObject], title: String) -> String {
        "# \(title)\n\n" + Table.markdown(headers: headers, rows: rows(records))
    }
}
