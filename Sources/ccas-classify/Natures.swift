import ArgumentParser
import CCASCLI
import CCASCore
import CCASRules

extension Classify {
    struct Natures: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the natures of the référentiel with their defaults.")
        @OptionGroup var rules: RulesOptions
        @Option(help: "table, ndjson or csv (default: table on a terminal, else ndjson).") var format: ListingFormat?

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let referentiel = try rules.load(diagnostics: Diagnostics(program: "ccas-classify"))
            let rows = referentiel.natures.map { n in
                [n.code, n.priority.code, n.reflex ? "yes" : "no", n.services.joined(separator: " "), n.hubsante, n.labelFR, n.labelEN]
            }
            let records: [JSONObject] = referentiel.natures.map { n in
                ["kind": "nature", "v": 1, "code": .string(n.code), "label_fr": .string(n.labelFR), "label_en": .string(n.labelEN),
                 "priority": .string(n.priority.code), "reflex": .bool(n.reflex), "services": .strings(n.services),
                 "hubsante": .string(n.hubsante), "questions": .strings(n.questions)]
            }
            emitListing(format, headers: ["code", "priority", "reflex", "services", "hubsante", "label_fr", "label_en"], rows: rows, records: records)
        }
    }

    struct ReferentielCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "referentiel", abstract: "Export the built-in référentiel for editing, or check one.",
            subcommands: [Export.self, Check.self, Compile.self])

        struct Export: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Write the built-in référentiel's YAML files to a folder.")
            @Argument(help: "The folder (created if needed).") var directory: String
            func run() throws {
                let diagnostics = Diagnostics(program: "ccas-classify")
                do { try Referentiel.default.export(to: directory) } catch {
                    diagnostics.error("cannot write \(directory): \(error)")
                    throw ExitCode(ExitStatus.ioError)
                }
                diagnostics.note("référentiel \(Referentiel.default.hash) written to \(directory)")
            }
        }

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Validate a référentiel folder: every problem with its file and line; exit 65 if any.")
            @Argument(help: "The folder.") var directory: String
            func run() throws {
                let diagnostics = Diagnostics(program: "ccas-classify")
                let problems = Referentiel.check(directory: directory)
                for p in problems { diagnostics.error("\(p)", at: directory) }
                if !problems.isEmpty { throw ExitCode(ExitStatus.dataError) }
                let r = try Referentiel.load(directory: directory)
                print("ok \(r.hash) (\(r.natures.count) natures, \(r.patterns.count) patterns, \(r.aliases.count) aliases, \(Referentiel.allFileNames.count) files)")
            }
        }
    }
}
