import ArgumentParser
import CCASCLI
import CCASStore
import Foundation

extension Front {
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the store to FILE while the programs go on writing; verify the copy.",
            discussion: """
                Uses SQLite's online backup API: the copy is one consistent snapshot. It is written \
                beside FILE, checked (quick_check and schema), made mode 0600, then renamed to FILE. \
                With --keep N, an earlier FILE becomes FILE.1, FILE.1 becomes FILE.2, … up to FILE.N.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The backup file.", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("Keep this many earlier backups as FILE.1 … FILE.N.", valueName: "n"))
        var keep: Int = 0

        func validate() throws {
            if keep < 0 { throw ValidationError("--keep is 0 or more") }
        }

        func run() throws {
            let diagnostics = Diagnostics(program: "ccas")
            let started = Date()
            do {
                let partial = file + ".new"
                let verified = try StoreBackup.backup(from: global.storePath, to: partial)
                if keep > 0 {
                    try StoreBackup.rotate(file, keep: keep)
                } else {
                    unlink(file)
                }
                guard rename(partial, file) == 0 else {
                    diagnostics.error("cannot rename \(partial) to \(file): \(String(cString: strerror(errno)))")
                    throw ExitCode.ioError
                }
                if !global.quiet {
                    let ms = Int(Date().timeIntervalSince(started) * 1000)
                    diagnostics.note("backed up \(global.storePath) to \(file) (\(verified.bytes) bytes, \(verified.migrations.count) migrations, verified, \(ms) ms)")
                }
            } catch let error as StoreError {
                diagnostics.error("\(error)")
                switch error {
                case .busy, .unwritable: throw ExitCode.tryAgain
                default: throw ExitCode.ioError
                }
            }
        }
    }
}
