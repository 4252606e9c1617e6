import ArgumentParser
import CCASCLI
import CCASRules

extension Classify.ReferentielCommand {
    /// For scripts/embed-referentiel.py only: the built-in référentiel is shipped compiled.
    struct Compile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the compiled form of a référentiel folder as Swift (for scripts/embed-referentiel.py).",
            shouldDisplay: false)
        @Argument(help: "The folder.") var directory: String

        func run() throws {
            let referentiel = try RulesOptions.load(directory: directory, diagnostics: Diagnostics(program: "ccas-classify"))
            print(referentiel.compiledSwiftSource(), terminator: "")
        }
    }
}
