import ArgumentParser
import CCASCLI
import CCASCore
import CCASStore

extension Notify {
    enum ListFormat: String, ExpressibleByArgument, CaseIterable { case table, ndjson }

    struct Pending: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the notifications nobody acknowledged, with their age and deadline.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Output format (default: a table on a terminal, NDJSON in a pipe).")
        var format: ListFormat?

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-notify")
            let store = try global.openStore(diagnostics: diagnostics)
            let entries = try withStore(diagnostics) { try store.unacknowledgedNotifications() }
            let now = Courier.now()
            let output = RecordWriter(fd: 1)
            switch format ?? (Terminal.isTTY(1) ? .table : .ndjson) {
            case .ndjson:
                for e in entries { output.write(e.record(now: now)) }
            case .table:
                output.write(text: PendingTable.render(entries, now: now))
            }
            output.flush()
        }
    }
}

enum PendingTable {
    static func render(_ entries: [OutboxEntry], now: Int64) -> String {
        var rows = [["ID", "STATUS", "PRI", "EVENT", "RECIPIENT", "CHANNEL", "AGE", "DEADLINE", "TRIES", "LAST ERROR"]]
        for e in entries {
            let left = (e.deadlineAt - now) / 1000
            rows.append([
                e.displayID, e.status.rawValue, e.priority ?? "", e.event ?? "", e.recipient + (e.unit.map { " (\($0))" } ?? ""),
                e.channel, duration((now - e.queuedAt) / 1000), left >= 0 ? "in \(duration(left))" : "\(duration(-left)) OVERDUE",
                String(e.attempts), String((e.lastError ?? "").prefix(60)),
            ])
        }
        var widths = [Int](repeating: 0, count: rows[0].count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        var out = ""
        for r in rows {
            out += r.enumerated().map { i, c in i == r.count - 1 ? c : c + String(repeating: " ", count: widths[i] - c.count) }
                .joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        if entries.isEmpty { out += "(nothing waiting for acknowledgement)\n" }
        return out
    }

    static func duration(_ s: Int64) -> String {
        s < 120 ? "\(s)s" : s < 7200 ? "\(s / 60)m\(s % 60)s" : "\(s / 3600)h\(s / 60 % 60)m"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
