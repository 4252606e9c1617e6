import ArgumentParser
import CCASCLI
import CCASCore
import CCASRules

extension Intake {
    /// The operator's prompt: where, a callback number, what is happening, then the nature's questions.
    struct Guided: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take a call by answering questions (on a terminal, or with answers piped in).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var intake: IntakeOptions
        @OptionGroup var rules: RulesOptions

        @Option(help: "Channel of the call.")
        var channel = "phone"
        @Option(help: "Language of the prompts: fr or en.")
        var lang = "fr"

        func validate() throws {
            if lang != "fr", lang != "en" { throw ValidationError("--lang is fr or en") }
        }

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-intake")
            let classifier = Classifier(referentiel: try rules.load(diagnostics: diagnostics))
            let interview = GuidedInterview(language: lang, followUp: ClassifierFollowUp(classifier: classifier))
            guard let record = interview.run(operatorName: global.resolvedOperator, channel: channel) else {
                diagnostics.error("no answers: nothing was taken")
                throw ExitCode.dataError
            }
            try takeOne(record, global: global, intake: intake, diagnostics: diagnostics)
        }
    }
}
