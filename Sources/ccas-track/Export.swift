import ArgumentParser
import CCASCLI
import CCASCore
import CCASRules
import CCASStore
import Foundation

extension Track {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "One event as a document for another centre: a NENA EIDO (JSON) or a French EMSI message (15-18).",
            discussion: """
                Prints one JSON document. EIDO is read back by `ccas-intake --from eido`; EMSI follows the \
                Hub Santé schema (EMSI.schema.json). The sending agency defaults to $CCAS_AGENCY, else ccas.local.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable { case eido, emsi }

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event number.") var event: String
        @Option(help: "eido or emsi.") var format: Format
        @Option(help: "The sending agency or organisation id (EIDO agency, EMSI ORG_ID).") var agency: String?

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-track")
            let store = try global.openStore(diagnostics: diagnostics)
            var detail = try perform(diagnostics) { try store.eventDetail(event) }
            // Units as entered, with their types: the exports agree with the unit table.
            if let units = try perform(diagnostics, { try store.exportUnits(event: event) }) {
                detail["units"] = .array(units.statuses)
                detail["unit_types"] = .object(JSONObject(units.types.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) }))
            }
            let org = agency ?? global.environment["CCAS_AGENCY"].flatMap { $0.isEmpty ? nil : $0 } ?? "ccas.local"
            let now = Timestamp.now
            let document: JSONObject
            switch format {
            case .eido:
                document = EIDOExport.document(detail, options: .init(
                    agency: org, agent: global.resolvedOperator, at: now,
                    natureLabel: { Referentiel.default.nature($0)?.labelFR }))
            case .emsi:
                document = EMSIExport.message(detail, options: .init(
                    organisation: org, user: global.resolvedOperator, at: now, exercise: global.isExercise,
                    nature: { code in Referentiel.default.nature(code).map { ($0.hubsante, $0.labelFR) } }))
            }
            let out = RecordWriter(fd: 1)
            out.write(document)
            out.flush()
        }
    }
}
