import ArgumentParser
import CCASCLI
import CCASCore
import CCASRules
import CCASStore
import Foundation

/// Options shared by the commands that recommend.
struct DispatchOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Commune-to-zone table (CSV commune,zone,lat,lon; zone POLICE or GEND) for the police/gendarmerie check.", valueName: "file"))
    var zones: String?

    @OptionGroup var rules: RulesOptions

    /// The engagement rules (`--rules DIR`, else `$CCAS_RULES`, else the built-in ones) and the
    /// hash of the référentiel they belong to, which every dispatch record carries.
    func loadEngagement(diagnostics: Diagnostics) throws -> (rules: EngagementReferentiel, hash: String) {
        guard let dir = rules.directory else { return (.default, Referentiel.builtInHash) }
        do {
            return (try EngagementReferentiel.load(directory: dir), Referentiel.hash(partialFolder: dir))
        } catch let error as ReferentielError {
            for problem in error.problems { diagnostics.error("\(problem)", at: dir) }
            throw ExitCode(ExitStatus.dataError)
        } catch {
            diagnostics.error("cannot read the référentiel: \(error)", at: dir)
            throw ExitCode(ExitStatus.ioError)
        }
    }

    /// A dispatch engine on `store` with these options' rules and zones.
    func engine(store: Store, global: GlobalOptions, diagnostics: Diagnostics) throws -> DispatchEngine {
        let engagement = try loadEngagement(diagnostics: diagnostics)
        return DispatchEngine(store: store, referentiel: engagement.rules, referentielHash: engagement.hash,
                              zones: try loadZones(diagnostics: diagnostics),
                              operatorName: global.resolvedOperator, exercise: global.isExercise)
    }

    /// Reads the zone table, reporting bad rows (they are skipped).
    func loadZones(diagnostics: Diagnostics) throws -> ZoneTable? {
        guard let zones else { return nil }
        guard let text = try? String(contentsOfFile: zones, encoding: .utf8) else {
            diagnostics.error("cannot read \(zones)")
            throw ExitCode.ioError
        }
        let (table, errors) = ZoneTable.parse(csv: text)
        for e in errors { diagnostics.error(e.reason, at: "\(zones):\(e.line ?? 0)") }
        if !errors.isEmpty { throw ExitCode.dataError }
        return table
    }
}

/// Runs `body`, turning store failures into their exit codes with a clear line.
func withStore<T>(_ diagnostics: Diagnostics, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        diagnostics.error("\(error)")
        switch error {
        case .notFound, .refused: throw ExitCode.failure
        default: throw ExitCode.tryAgain
        }
    } catch let error as ExitCodeError {
        throw ExitCode(error.code)
    }
}
