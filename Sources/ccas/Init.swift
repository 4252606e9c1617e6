import ArgumentParser
import CCASCLI
import CCASRules
import CCASStore
import Foundation

extension Front {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the store and write the default référentiel for editing (safe to run again).",
            discussion: """
                Creates the store (mode 0600) and migrates it, then writes every file of the built-in \
                référentiel that is not there yet to $XDG_CONFIG_HOME/ccas/referentiel/ (else \
                ~/.config/ccas/referentiel/). A file already there is never overwritten. Use the folder \
                with --rules or CCAS_RULES.
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("Where to write the référentiel (default: $XDG_CONFIG_HOME/ccas/referentiel).", valueName: "dir"))
        var rulesDir: String?

        func run() throws {
            let diagnostics = Diagnostics(program: "ccas")
            let path = global.storePath
            let existed = FileManager.default.fileExists(atPath: path)
            let store = try global.openStore(diagnostics: diagnostics)
            let migrations = try store.schemaVersion()
            try? store.pool.close()
            print(existed ? "store      \(path) already there (\(migrations.count) migrations, up to date)"
                          : "store      \(path) created (mode 0600, \(migrations.count) migrations)")

            let folder = rulesDir ?? FrontPaths.referentielFolder(global.environment)
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                diagnostics.error("cannot create \(folder): \(error.localizedDescription)")
                throw ExitCode.ioError
            }
            var files = Referentiel.default.files
            for (k, v) in EngagementReferentiel.files { files[k] = v }
            for (k, v) in NotificationFiles.files { files[k] = v }
            var written: [String] = [], same: [String] = [], kept: [String] = []
            for name in files.keys.sorted() {
                let file = (folder as NSString).appendingPathComponent(name)
                if let existing = FileManager.default.contents(atPath: file) {
                    if existing == Data(files[name]!.utf8) { same.append(name) } else { kept.append(name) }
                    continue
                }
                guard FileManager.default.createFile(atPath: file, contents: Data(files[name]!.utf8)) else {
                    diagnostics.error("cannot write \(file)")
                    throw ExitCode.ioError
                }
                written.append(name)
            }
            if !written.isEmpty { print("referentiel \(folder): wrote \(written.joined(separator: " "))") }
            if !same.isEmpty { print("referentiel \(folder): \(same.count) file(s) already there, same as the built-in") }
            if !kept.isEmpty { print("referentiel \(folder): kept your edited \(kept.joined(separator: " "))") }
            print("use it with --rules \(folder) or CCAS_RULES=\(folder); check everything with ccas doctor")
        }
    }
}

enum FrontPaths {
    static func referentielFolder(_ environment: [String: String]) -> String {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return config + "/ccas/referentiel"
    }
}
