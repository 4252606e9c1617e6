import ArgumentParser
import CCASRules
import Foundation

/// `--rules DIR` (else `$CCAS_RULES`, else the built-in référentiel).
public struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A référentiel folder to use instead of the built-in one.",
                                            discussion: "Default: $CCAS_RULES, else the built-in référentiel.", valueName: "dir"))
    public var rules: String?

    public init() {}

    public var directory: String? {
        if let rules { return rules }
        if let env = ProcessInfo.processInfo.environment["CCAS_RULES"], !env.isEmpty { return env }
        return nil
    }

    /// Loads the chosen référentiel; a bad one is reported (file, line, problem) and exits 65.
    public func load(diagnostics: Diagnostics) throws -> Referentiel {
        guard let directory else { return Referentiel.default }
        return try RulesOptions.load(directory: directory, diagnostics: diagnostics)
    }

    /// The référentiel of `directory`, fully validated; a bad one is reported and exits 65.
    public static func load(directory: String, diagnostics: Diagnostics) throws -> Referentiel {
        do {
            return try Referentiel.load(directory: directory)
        } catch let error as ReferentielError {
            for problem in error.problems { diagnostics.error("\(problem)", at: directory) }
            throw ExitCode(ExitStatus.dataError)
        } catch {
            diagnostics.error("cannot read the référentiel: \(error)", at: directory)
            throw ExitCode(ExitStatus.ioError)
        }
    }
}
