import ArgumentParser
import CCASCLI
import CCASStore
import Foundation

extension Front {
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a backup back as the store, keeping the current store beside it.",
            discussion: """
                Checks FILE first (quick_check, a ccas schema no newer than this program). Refuses \
                (exit 75) while another program holds a write transaction on the store. The current \
                store is kept as <store>.before-restore-<time>.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The backup to restore.", valueName: "file"))
        var file: String

        func run() throws {
            let diagnostics = Diagnostics(program: "ccas")
            do {
                let (kept, verified) = try StoreBackup.restore(from: file, into: global.storePath)
                if !global.quiet {
                    let aside = kept.map { "; the previous store is kept as \($0)" } ?? ""
                    diagnostics.note("restored \(file) into \(global.storePath) (\(verified.migrations.count) migrations)\(aside)")
                }
            } catch let error as StoreError {
                switch error {
                case .busy:
                    diagnostics.error("another program is writing to \(global.storePath): stop the programs, then restore again")
                    throw ExitCode.tryAgain
                case .refused:
                    diagnostics.error("\(error)")
                    throw ExitCode.dataError
                case .unwritable:
                    diagnostics.error("\(error)")
                    throw ExitCode.tryAgain
                default:
                    diagnostics.error("\(error)")
                    throw ExitCode.ioError
                }
            }
        }
    }
}
