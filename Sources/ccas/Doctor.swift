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

        func run() throws {
            var doctor = StoreDoctor(storePath: global.storePath, rulesDirectory: rules.directory)
            doctor.exercise = global.isExercise
            doctor.staleAfterS = staleAfter
            doctor.eventOpenLimitS = openLimit
            // quick_check reads the whole store: once an hour per store file unless told otherwise
            // (CCAS_DOCTOR_QUICK_CHECK_EVERY=0 runs it every time).
            if let every = ProcessInfo.processInfo.environment["CCAS_DOCTOR_QUICK_CHECK_EVERY"].flatMap(Int.init), every >= 0 {
                doctor.quickCheckEveryS = every
            }
            let checks = doctor.run()
            let headers = ["status", "check", "detail", "advice"]
            let rows = checks.map { [$0.status.rawValue, $0.name, $0.detail, $0.advice] }
            emitListing(format, headers: headers, rows: rows, records: checks.map(\.record))
            if checks.contains(where: { $0.status == .fail }) { throw ExitCode.failure }
        }
    }
}
