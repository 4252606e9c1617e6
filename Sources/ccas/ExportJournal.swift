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
            if let since, TimeArgument.parse(since, now: Timestamp.now.milliseconds) == nil { throw ValidationError("--since \(since) is not a time (ISO 8601, or 24h, 7d, 1y)") }
        }

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas")
            let store = try global.openStore(diagnostics: diagnostics, readOnly: true)
            let from = since.flatMap { TimeArgument.parse($0) } ?? Int64.min
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
                // The reader is gone (`| head`): stop reading the journal, end quietly.
                if output.pipeClosed { return }
            }
            output.flush()
            if output.pipeClosed { return }
            if !global.quiet { diagnostics.note("\(count) journal rows exported (last seq \(seq))") }
        }
    }
}
