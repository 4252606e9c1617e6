import ArgumentParser
import CCASCLI
import CCASCore
import Foundation

extension Front {
    struct Doctor: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the store, the référentiel, units, notifications, events and the clock.",
            discussion: """
                One line per check with ok, warn or fail and what to do. Exits 0 when no check fails, \
                1 when one does: fit for cron every minute or a monitoring probe (--format ndjson). \
                Reads only (never creates or migrates the store).
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var rules: RulesOptions

        @Option(help: "Output: table or ndjson (default: a table on a terminal, NDJSON in a pipe).")
        var format: ListingFormat?

        @Option(help: ArgumentHelp("An engaged unit silent longer than this is stale (seconds; default: the référentiel's stale_after_s).", valueName: "s"))
        var staleAfter: Int?

        @Option(help: ArgumentHelp("Warn about events open longer than this (seconds).", valueName: "s"))
        var openLimit: Int = 24 * 3600

        @Option(help: ArgumentHelp("Run SQLite's quick_check (it reads the whole store) when the last passing one is older than this; 0: every run (seconds).", valueName: "s"))
        var quickCheckEvery: Int = 3600

        func validate() throws {
            if quickCheckEvery < 0 { throw ValidationError("--quick-check-every is 0 or more seconds") }
        }

        func run() throws {
            var doctor = StoreDoctor(storePath: global.storePath, rulesDirectory: rules.directory)
            doctor.exercise = global.isExercise
            doctor.staleAfterS = staleAfter
            doctor.eventOpenLimitS = openLimit
            doctor.quickCheckEveryS = quickCheckEvery
            let checks = doctor.run()
            let headers = ["status", "check", "detail", "advice"]
            let rows = checks.map { [$0.status.rawValue, $0.name, $0.detail, $0.advice] }
            emitListing(format, headers: headers, rows: rows, records: checks.map(\.record))
            if checks.contains(where: { $0.status == .fail }) { throw ExitCode.failure }
        }
    }
}
