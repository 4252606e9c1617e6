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
