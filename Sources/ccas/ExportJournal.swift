import ArgumentParser
import CCASCLI
import CCASCore
import CCASStore
import Foundation

extension Front {
    struct ExportJournal: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-journal",
            abstract: "Write the log book (journal) as NDJSON, for archiving.",
            discussion: """
                One `journal` record per row, oldest first. Real rows only; with --exercise, exercise \
                rows only. --after SEQ continues an earlier export (each record has its seq).
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("Rows at or after this time (ISO 8601, or 24h, 7d, 1y ago).", valueName: "time"))
        var since: String?

        @Option(help: ArgumentHelp("Rows after this sequence number.", valueName: "seq"))
        var after: Int64 = 0

        func validate() throws {
            if let since, FrontTime.parse(since, now: Timestamp.now.milliseconds) == nil { throw ValidationError("--since \(since) is not a time (ISO 8601, or 24h, 7d, 1y)") }
        }

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas")
            let store = try global.openStore(diagnostics: diagnostics, readOnly: true)
            let from = since.flatMap { FrontTime.parse($0) } ?? Int64.min
            let output = RecordWriter(fd: 1)
            var seq = after
            var count = 0
            while true {
                let page = try store.journal(after: seq, limit: 5000)
                guard let last = page.last else { break }
                for entry in page where entry.at >= from && entry.exercise == global.isExercise {
                    if case .object(let record) = entry.json { output.write(record) }
                    count += 1
                }
                seq = last.seq
            }
            output.flush()
            if !global.quiet { diagnostics.note("\(count) journal rows exported (last seq \(seq))") }
        }
    }
}

enum FrontTime {
    /// ISO 8601, epoch seconds, or a span back from now: `30m`, `24h`, `7d`, `1y`.
    static func parse(_ text: String, now: Int64 = Timestamp.now.milliseconds) -> Int64? {
        if let span = span(text) { return now - span }
        return (try? Timestamp.parse(text))?.milliseconds
    }

    /// A span in milliseconds: `90s`, `30m`, `24h`, `7d`, `1y` (365 days).
    static func span(_ text: String) -> Int64? {
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
