import ArgumentParser
import CCASCLI
import CCASCore
import CCASStore

extension Intake {
    /// Puts calls spooled in degraded mode back into the store.
    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put the calls spooled in degraded mode back into the store (safe to run again).",
            discussion: """
                Reads the spool written when the store could not be written (default \
                $XDG_STATE_HOME/ccas/spool.ndjson) and takes every call as `read` does. Calls keep the \
                ids they were spooled with, so a call already in the store is counted as a duplicate \
                and changes nothing: replaying twice adds nothing. Exercise calls stay exercise calls. \
                Prints the stored records (with their events). The spool is left in place; remove it \
                once the replay has ended with 0.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var intake: IntakeOptions

        @Argument(help: ArgumentHelp("The spool file.", valueName: "spool"))
        var spoolFile: String?

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-intake")
            let output = RecordWriter(fd: 1)
            let input = try InputOptions.parse([spoolFile ?? intake.spool ?? Spool.defaultPath()])
            // A failure now is not spooled again (into the file being read): exit 75 and try later.
            let calls = try intake.makeIntake(global: global, diagnostics: diagnostics)
            let stream = RecordStream(input: input, diagnostics: diagnostics, output: output)
            try runStream(stream, decoder: { NDJSONDecoder() }, intake: calls)
            output.flush()
            if !global.quiet { diagnostics.note("replayed \(input.files[0]): \(calls.summary)") }
            if diagnostics.rejected > 0 { throw ExitCode.dataError }
        }
    }
}
