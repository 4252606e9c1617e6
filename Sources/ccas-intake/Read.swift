import ArgumentParser
import CCASCLI
import CCASCore
import CCASStore

extension Intake {
    /// The input formats `ccas-intake` reads.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case ndjson, csv, aml, ecall, eido
    }

    struct Read: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "read",
            abstract: "Read calls from files or standard input (the default command).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: InputOptions
        @OptionGroup var intake: IntakeOptions

        @Option(name: .long, help: "Input format.")
        var from: Format = .ndjson

        @Option(name: .long, help: ArgumentHelp("Column map for --from csv (JSON).", valueName: "file"))
        var map: String?

        func validate() throws {
            if from == .csv, map == nil { throw ValidationError("--from csv needs --map MAP.json (see examples/maps/)") }
            if map != nil, from != .csv { throw ValidationError("--map goes with --from csv") }
        }

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-intake", rejects: input.rejects)
            let output = RecordWriter(fd: 1)
            let degradable = try self.intake.makeDegradableIntake(global: global, diagnostics: diagnostics)
            let stream = RecordStream(input: input, diagnostics: diagnostics, output: output)
            // Storing a batch overlaps reading the next (two cores: ~1.4× on a large file).
            stream.pipelined = true
            // And checkpoints and waits for the disk overlap both: each batch is synced, on a thread
            // of its own, before it is printed (Store.beginBulkIntake). If bulk mode cannot begin,
            // each commit is synced as usual.
            let store = degradable.intake.store
            if (try? store?.beginBulkIntake()) != nil { stream.beforePrinting = { try store?.syncCommitted() } }
            defer { store?.endBulkIntake() }
            let decoder = try IntakeDecoders.make(from, map: map, country: self.intake.country, diagnostics: diagnostics)
            try runStream(stream, decoder: decoder, intake: degradable, quiet: global.quiet)
        }
    }
}

/// Runs a stream into the intake, turning store failures into their exit codes.
func runStream(_ stream: RecordStream, decoder: @escaping () -> any RecordDecoder, intake: CallIntake) throws {
    do {
        try stream.run(decoder: decoder, prepare: intake.prepare, printing: intake.process)
    } catch let error as StoreError {
        stream.output.flush()
        stream.diagnostics.error("\(error)")
        throw ExitCode.tryAgain
    } catch let error as ExitCodeError {
        throw ExitCode(error.code)
    }
}

/// Runs a stream into an intake that spools what the store cannot take; exit 75 when it did.
func runStream(_ stream: RecordStream, decoder: @escaping () -> any RecordDecoder, intake: DegradedIntake, quiet: Bool = false) throws {
    do {
        try stream.run(decoder: decoder, prepare: intake.prepare, printing: intake.process)
    } catch let error as ExitCodeError {
        stream.output.flush()
        throw ExitCode(error.code)
    } catch let error as StoreError {
        // A commit that could not be synced: what followed it was not printed.
        stream.output.flush()
        stream.diagnostics.error("\(error)")
        throw ExitCode.tryAgain
    }
    stream.output.flush()
    if let degraded = intake.summary {
        stream.diagnostics.error(degraded)
        throw ExitCode.tryAgain
    }
    if !quiet { stream.diagnostics.note(intake.intake.summary) }
    if stream.diagnostics.rejected > 0 { throw ExitCode.dataError }
}
