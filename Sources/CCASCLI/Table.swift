import CCASCore

/// Renders rows for people (aligned columns) or for spreadsheets (CSV).
public enum Table {
    public static func text(headers: [String], rows: [[String]]) -> String {
        var widths = headers.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in i == cells.count - 1 ? c : c + String(repeating: " ", count: widths[i] - c.count) }
                .joined(separator: "  ")
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    public static func csv(headers: [String], rows: [[String]]) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        // LF, as the Unix tools that read it next (xsv, wc, grep) expect.
        return ([headers] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    public static func markdown(headers: [String], rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String { "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
        return ([line(headers), line(headers.map { _ in "---" })] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}

/// How a listing is printed: a table on a terminal, NDJSON in a pipe, unless `--format` says.
public enum ListingFormat: String, CaseIterable, Sendable {
    case table, ndjson, csv
    public static func resolve(_ asked: ListingFormat?) -> ListingFormat { asked ?? (Terminal.isTTY(1) ? .table : .ndjson) }
}

/// Prints a listing as the format says (a table on a terminal, NDJSON in a pipe).
public func emitListing(_ format: ListingFormat?, headers: [String], rows: [[String]], records: [JSONObject]) {
    let out = RecordWriter(fd: 1)
    switch ListingFormat.resolve(format) {
    case .table: out.write(text: Table.text(headers: headers, rows: rows))
    case .csv: out.write(text: Table.csv(headers: headers, rows: rows))
    case .ndjson: for r in records { out.write(r) }
    }
    out.flush()
}
