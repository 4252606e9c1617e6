import ArgumentParser
import CCASCLI
import CCASCore
import CCASRules
import CCASStore
import Foundation

@main
struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccas-classify",
        abstract: "Characterise each call: nature, priority, départ réflexe, services, facts, missing information, with the reasons.",
        discussion: """
            Reads call records (any record with a `text` and/or a `nature_hint`; a record with no `kind` is a \
            call) and writes them back with a `classification`: nature, label, priority (P0–P3), reflex, \
            services, facts, missing, questions, confidence, because (each rule and the words that fired it) \
            and referentiel (the hash of the rules that decided). With the store, the classification is kept \
            on the call, the event takes the highest priority of its calls, and both go in the journal.
            """,
        version: "0.1.0",
        subcommands: [Run.self, Natures.self, ReferentielCommand.self],
        defaultSubcommand: Run.self)

    static func main() {
        if let one = OneText.request(CommandLine.arguments.dropFirst(), environment: ProcessInfo.processInfo.environment) {
            OneText.run(one)
            return
        }
        main(nil)
    }
}

extension Classify {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "Classify call records from files or standard input, or one text (the default command).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: InputOptions
        @OptionGroup var rules: RulesOptions
        @Flag(help: "Only classify and print; store nothing.") var noStore = false
        @Option(help: ArgumentHelp("Classify this one text (readable on a terminal).", valueName: "text")) var text: String?
        @Option(help: ArgumentHelp("A call type from another system, with --text.", valueName: "type")) var natureHint: String?

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-classify", rejects: input.rejects)
            let classifier = Classifier(referentiel: try rules.load(diagnostics: diagnostics))
            if text != nil || natureHint != nil {
                OneText.print(classifier.classify(text: text, natureHint: natureHint))
                return
            }
            let store = noStore ? nil : try global.openStore(diagnostics: diagnostics)
            let output = RecordWriter(fd: 1)
            let stream = RecordStream(input: input, diagnostics: diagnostics, output: output)
            let session = ClassificationSession(classifier: classifier, store: store, operatorName: global.resolvedOperator,
                                                exercise: global.isExercise)
            var read = 0
            do {
                if store == nil {
                    read = try session.passThrough(input: input, diagnostics: diagnostics, output: output)
                } else {
                    try stream.run(decoder: { NDJSONDecoder() }, process: session.process)
                    read = stream.read
                }
            } catch let error as StoreError {
                diagnostics.error("\(error)")
                throw ExitCode.tryAgain
            } catch let error as ExitCodeError {
                throw ExitCode(error.code)
            }
            if !global.quiet {
                var line = "\(read) read, \(session.classified) classified, \(diagnostics.rejected) rejected"
                if session.notStored > 0 { line += ", \(session.notStored) not in the store (printed only)" }
                diagnostics.note(line)
            }
            if diagnostics.rejected > 0 { throw ExitCode.dataError }
        }
    }
}
