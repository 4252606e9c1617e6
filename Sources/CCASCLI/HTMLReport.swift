import CCASCore

/// The report as one self-contained HTML page, readable offline: inline CSS and SVG charts
/// (volumes by hour, response-time distribution, compliance), no script, no external file.
public enum HTMLReport {
    public static func render(title: String, records: [JSONObject], samples: ReportSamples, generatedAt: String) -> String {
        let events = samples.events
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(Markup.escape(title))</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:1100px}
            h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
            table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}
            th{background:#f2f2f2}td:first-child,td:nth-child(2){text-align:left}
            .bad{color:#b00020;font-weight:600}.good{color:#0a7d32}
            svg text{font-size:11px;fill:#333}
            </style></head><body>
            <h1>\(Markup.escape(title))</h1>
            <p>Generated \(Markup.escape(generatedAt)). \(events.count) events.</p>

            """
        html += "<h2>Volumes by hour (UTC)</h2>\n" + volumesByHour(events)
        html += "<h2>Response time distribution (received → first unit on scene)</h2>\n" + responseHistogram(events)
        html += "<h2>Compliance with the standards</h2>\n" + complianceBars(records)
        html += "<h2>Indicators</h2>\n" + indicatorTable(records)
        html += "</body></html>\n"
        return html
    }


    static func bars(_ values: [Double], labels: [String], width: Int = 960, height: Int = 200, colour: String = "#3b6ea8", title: String) -> String {
        let maxValue = max(values.max() ?? 1, 1)
        let n = max(values.count, 1)
        let barWidth = Double(width - 40) / Double(n)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height + 30)\" role=\"img\" aria-label=\"\(Markup.escape(title))\">\n"
        for (i, v) in values.enumerated() {
            let h = Double(height - 10) * v / maxValue
            let x = 30 + Double(i) * barWidth
            svg += "<rect x=\"\(f(x))\" y=\"\(f(Double(height) - h))\" width=\"\(f(max(barWidth - 2, 1)))\" height=\"\(f(h))\" fill=\"\(colour)\"><title>\(Markup.escape(labels[i])): \(Int(v))</title></rect>\n"
            if n <= 48 || i % max(n / 24, 1) == 0 {
                svg += "<text x=\"\(f(x + barWidth / 2))\" y=\"\(height + 14)\" text-anchor=\"middle\">\(Markup.escape(labels[i]))</text>\n"
            }
        }
        svg += "<text x=\"2\" y=\"12\">\(Int(maxValue))</text><line x1=\"28\" y1=\"\(height)\" x2=\"\(width)\" y2=\"\(height)\" stroke=\"#999\"/>\n</svg>\n"
        return svg
    }

    static func f(_ d: Double) -> String { String(Double(Int((d * 10).rounded())) / 10) }

    static func volumesByHour(_ events: [ReportSamples.Event]) -> String {
        var counts = [Double](repeating: 0, count: 24)
        for e in events { counts[Int((e.receivedAt / 3_600_000) % 24 + 24) % 24] += 1 }
        return bars(counts, labels: (0..<24).map { String(format2($0)) + "h" }, title: "events by hour of day")
    }

    static func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func responseHistogram(_ events: [ReportSamples.Event]) -> String {
        var bins = [Double](repeating: 0, count: 31)  // one-minute bins, the last is 30 min and more
        for e in events {
            guard e.firstOnSceneAt != ReportSamples.missing else { continue }
            let o = e.firstOnSceneAt
            bins[min(Int(max(0, o - e.receivedAt) / 60_000), 30)] += 1
        }
        return bars(bins, labels: (0...30).map { $0 == 30 ? "30+" : "\($0)" }, colour: "#c0602b", title: "events by response time in minutes")
    }

    static func complianceBars(_ records: [JSONObject]) -> String {
        let lines = records.filter { $0["group"]?.stringValue == "all" && $0["compliance"]?.doubleValue != nil }
        let width = 960, rowHeight = 26
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(lines.count * rowHeight + 10)\" role=\"img\" aria-label=\"compliance\">\n"
        for (i, r) in lines.enumerated() {
            let c = r["compliance"]!.doubleValue!
            let y = i * rowHeight + 4
            let w = Double(width - 260) * c
            svg += "<text x=\"0\" y=\"\(y + 15)\">\(Markup.escape(r["indicator"]?.stringValue ?? ""))</text>"
            svg += "<rect x=\"140\" y=\"\(y)\" width=\"\(width - 260)\" height=\"18\" fill=\"#eee\"/>"
            svg += "<rect x=\"140\" y=\"\(y)\" width=\"\(f(w))\" height=\"18\" fill=\"\(c >= 0.9 ? "#0a7d32" : "#b00020")\"/>"
            svg += "<line x1=\"\(f(140 + Double(width - 260) * 0.9))\" y1=\"\(y - 2)\" x2=\"\(f(140 + Double(width - 260) * 0.9))\" y2=\"\(y + 20)\" stroke=\"#222\" stroke-dasharray=\"3,2\"/>"
            svg += "<text x=\"\(width - 110)\" y=\"\(y + 15)\">\(f(c * 100)) %</text>\n"
        }
        return svg + "</svg>\n<p>Dashed line: 90 %.</p>\n"
    }

    static func indicatorTable(_ records: [JSONObject]) -> String {
        var t = "<table><tr>" + ReportRendering.headers.map { "<th>\($0)</th>" }.joined() + "</tr>\n"
        for row in ReportRendering.rows(records) {
            t += "<tr>" + row.enumerated().map { i, c in
                let cls = (i == 7 && Double(c).map { $0 < 0.9 } == true) ? " class=\"bad\"" : ""
                return "<td\(cls)>\(Markup.escape(c))</td>"
            }.joined() + "</tr>\n"
        }
        return t + "</table>\n"
    }
}
