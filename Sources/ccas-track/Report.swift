import ArgumentParser
import CCASCLI
import CCASCore
import CCASRules
import CCASStore

extension Track {
    struct Report: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable { case table, ndjson, csv, md, html }

        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Volumes and performance indicators with percentiles and compliance, for supervisors and cron.",
            discussion: """
                Indicators, in seconds: answer = call received → answered (first call of the event); \
                processing = answered → first unit alerted; turnout = alerted → en route, per unit and call; \
                travel = en route → on scene of the first unit on scene; response = received → first unit on \
                scene, per event. Percentiles p50/p90/p95 by linear interpolation (numpy's default); compliance \
                = share of samples within the standard of indicators.yaml (NENA 15 s answer, NFPA 64 s \
                processing, NFPA 60 s EMS / 80 s fire turnout, 240 s travel, the centre's response target per \
                priority). One NDJSON line per indicator and group. Exercise events are left out unless \
                --include-exercise.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "Events opened since (ISO 8601, or 24h, 7d…).") var since: String?
        @Option(help: "Events opened before (ISO 8601, or relative).") var until: String?
        @Option(help: "table, ndjson, csv, md or html (default: table on a terminal, else ndjson).") var format: Format?
        @Option(help: ArgumentHelp("Exit 1 when a threshold is breached, e.g. response.p90>600 (repeatable, or comma-separated).", valueName: "expr"))
        var failIf: [String] = []
        @Flag(help: "Count exercise events too.") var includeExercise = false

        func validate() throws {
            if let since, TimeArgument.parse(since) == nil { throw ValidationError("--since \(since) is not a time") }
            if let until, TimeArgument.parse(until) == nil { throw ValidationError("--until \(until) is not a time") }
            for expr in failIf {
                do { _ = try Threshold.parseList(expr) } catch { throw ValidationError("--fail-if \(error)") }
            }
        }

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-track")
            let store = try global.openStore(diagnostics: diagnostics, readOnly: false)
            let from = since.flatMap { TimeArgument.parse($0) }, to = until.flatMap { TimeArgument.parse($0) }
            let samples = try perform(diagnostics) { try store.reportSampleColumns(since: from, until: to, includeExercise: includeExercise) }
            let records = ReportBuilder().build(samples, since: from, until: to)
            let out = RecordWriter(fd: 1)
            let title = "ccas report" + (from.map { " since " + Timestamp(milliseconds: $0).iso8601 } ?? "")
                + (to.map { " until " + Timestamp(milliseconds: $0).iso8601 } ?? "")
            switch format ?? (Terminal.isTTY(1) ? .table : .ndjson) {
            case .ndjson: for r in records { out.write(r) }
            case .table: out.write(text: ReportRendering.table(records))
            case .csv: out.write(text: ReportRendering.csv(records))
            case .md: out.write(text: ReportRendering.markdown(records, title: title))
            case .html:
                out.write(text: HTMLReport.render(title: title, records: records, samples: samples,
                                                  generatedAt: Timestamp(milliseconds: nowMillis()).iso8601))
            }
            out.flush()
            let thresholds = failIf.flatMap { (try? Threshold.parseList($0)) ?? [] }
            var breached = false
            for t in thresholds {
                switch t.breached(by: records) {
                case .some(true):
                    diagnostics.warning("threshold breached: \(t)")
                    breached = true
                case .none: diagnostics.warning("threshold \(t): the report has no such value")
                case .some(false): break
                }
            }
            if breached { throw ExitCode.failure }
        }
    }
}
