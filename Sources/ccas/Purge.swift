import ArgumentParser
import CCASCLI
import CCASCore
import CCASStore
import Foundation

extension Front {
    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove callers' personal data from old closed events, or remove exercise rows.",
            discussion: """
                --older-than SPAN: for events closed or cancelled longer ago than SPAN (e.g. 1y, 180d), \
                removes callback numbers, callers' names, addresses, free text and every field of the \
                original call record but its times, channel, nature, priority and classification; \
                coordinates are rounded to 0.001° (about 100 m). The same fields go from the journal \
                rows of those events and calls, field messages lose their text. Statistics (ccas-track \
                report) give the same figures after. --exercise removes every exercise row instead. \
                --dry-run only counts.
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("Purge events closed longer ago than this: 1y, 180d, 12w …", valueName: "span"))
        var olderThan: String?

        @Flag(help: "Say what would be removed; change nothing.")
        var dryRun = false

        func validate() throws {
            if olderThan == nil, !global.exercise {
                throw ValidationError("say what to purge: --older-than SPAN (personal data) or --exercise (exercise rows)")
            }
            if olderThan != nil, global.exercise { throw ValidationError("--older-than and --exercise are separate purges: run them one at a time") }
            if let olderThan, TimeArgument.span(olderThan) == nil { throw ValidationError("--older-than \(olderThan) is not a span such as 1y, 180d, 12w") }
        }

        func run() throws {
            let diagnostics = Diagnostics(program: "ccas")
            let store = try global.openStore(diagnostics: diagnostics)
            let output = RecordWriter(fd: 1)
            let verb = dryRun ? "would purge" : "purged"
            do {
                if let olderThan, let span = TimeArgument.span(olderThan) {
                    let before = Timestamp.now.milliseconds - span
                    let s = try CCASStore.Purge.personalData(store: store, closedBefore: before, dryRun: dryRun, operator: global.resolvedOperator)
                    var record: JSONObject = ["kind": "purge", "v": 1, "what": "personal-data", "dry_run": .bool(dryRun),
                                              "closed_before": .string(Timestamp(milliseconds: before).iso8601)]
                    for (k, v) in s.json.fields { record[k] = v }
                    output.write(record)
                    if !global.quiet {
                        diagnostics.note("\(verb) personal data of \(s.events) events closed before \(Timestamp(milliseconds: before).iso8601): \(s.calls) calls, \(s.journalRows) journal rows, \(s.messages) messages, \(s.notifications) notifications")
                    }
                } else {
                    let counts = try CCASStore.Purge.exerciseRows(store: store, dryRun: dryRun, operator: global.resolvedOperator)
                    var record: JSONObject = ["kind": "purge", "v": 1, "what": "exercise", "dry_run": .bool(dryRun)]
                    for (t, n) in counts { record[t] = .int(n) }
                    output.write(record)
                    if !global.quiet {
                        let list = counts.filter { $0.rows > 0 }.map { "\($0.rows) \($0.table)" }.joined(separator: ", ")
                        diagnostics.note("\(verb) exercise rows: \(list.isEmpty ? "none" : list)")
                    }
                }
            } catch let error as StoreError {
                output.flush()
                diagnostics.error("\(error)")
                throw ExitCode.tryAgain
            }
            output.flush()
        }
    }
}
