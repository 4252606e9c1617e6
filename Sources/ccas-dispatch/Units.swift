import ArgumentParser
import CCASCLI
import CCASCore
import CCASRules
import CCASStore
import Foundation

enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, ndjson, csv
}

extension Dispatch {
    struct Units: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "units", abstract: "The unit register: import, list.",
            subcommands: [Import.self, List.self])

        struct Import: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "import",
                abstract: "Add or update units from a CSV file (header id,type,station,lat,lon[,status,capabilities]) or NDJSON.",
                discussion: "Idempotent: importing the same file again changes nothing. A unit already in the store keeps its live status.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: ArgumentHelp("The unit file ('-' for standard input).", valueName: "file")) var file: String
            @Option(name: .long, help: ArgumentHelp("Append each rejected row to this file.", valueName: "file")) var rejects: String?

            func run() throws {
                let diagnostics = Diagnostics(program: "ccas-dispatch", rejects: rejects)
                let text = try readInput(file, diagnostics)
                let (units, bad) = RegisterFile.units(text, referentiel: .default)
                report(bad, file: file, diagnostics)
                let store = try global.openStore(diagnostics: diagnostics)
                let counts = try withStore(diagnostics) { try store.importUnits(units, operator: global.resolvedOperator, exercise: global.isExercise) }
                if !global.quiet { diagnostics.note("units: \(counts.summary), \(bad.count) rejected") }
                if !bad.isEmpty { throw ExitCode.dataError }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the units with their status.")
            @OptionGroup var global: GlobalOptions
            @Option(name: .long, help: "Output format (default: table on a terminal, ndjson otherwise).") var format: ListFormat?
            @Option(name: .long, help: ArgumentHelp("Only units with this status.", valueName: "status")) var status: String?

            func run() throws {
                Terminal.ignoreBrokenPipe()
                let diagnostics = Diagnostics(program: "ccas-dispatch")
                let wanted: UnitStatus?
                if let status {
                    guard let s = UnitStatus(text: status) else { throw ValidationError("unknown status \(status)") }
                    wanted = s
                } else { wanted = nil }
                let store = try global.openStore(diagnostics: diagnostics, readOnly: false)
                let units = try withStore(diagnostics) { try store.units() }.filter { wanted == nil || $0.status == wanted }
                let format = self.format ?? (Terminal.isTTY(1) ? .table : .ndjson)
                let columns = ["id", "type", "station", "status", "event_id", "lat", "lon", "capabilities"]
                let rows: [[String]] = units.map { u in
                    [u.id, u.type, u.station ?? "", u.status.rawValue, u.event ?? "",
                     u.homeLat.map { String($0) } ?? "", u.homeLon.map { String($0) } ?? "", u.capabilities.joined(separator: ";")]
                }
                printRows(format: format, columns: columns, rows: rows, records: units.map(\.json))
            }
        }
    }

    struct Stations: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stations", abstract: "The stations: import, list.",
            subcommands: [Import.self, List.self])

        struct Import: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "import", abstract: "Add or update stations from a CSV file (header id,name,lat,lon[,sector]) or NDJSON.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: ArgumentHelp("The station file ('-' for standard input).", valueName: "file")) var file: String
            @Option(name: .long, help: ArgumentHelp("Append each rejected row to this file.", valueName: "file")) var rejects: String?

            func run() throws {
                let diagnostics = Diagnostics(program: "ccas-dispatch", rejects: rejects)
                let text = try readInput(file, diagnostics)
                let (stations, bad) = RegisterFile.stations(text)
                report(bad, file: file, diagnostics)
                let store = try global.openStore(diagnostics: diagnostics)
                let counts = try withStore(diagnostics) { try store.importStations(stations, operator: global.resolvedOperator, exercise: global.isExercise) }
                if !global.quiet { diagnostics.note("stations: \(counts.summary), \(bad.count) rejected") }
                if !bad.isEmpty { throw ExitCode.dataError }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the stations.")
            @OptionGroup var global: GlobalOptions
            @Option(name: .long, help: "Output format (default: table on a terminal, ndjson otherwise).") var format: ListFormat?

            func run() throws {
                Terminal.ignoreBrokenPipe()
                let diagnostics = Diagnostics(program: "ccas-dispatch")
                let store = try global.openStore(diagnostics: diagnostics)
                let stations = try withStore(diagnostics) { try store.stations() }
                let rows = stations.map { [$0.id, $0.name, $0.lat.map { String($0) } ?? "", $0.lon.map { String($0) } ?? "", $0.sector ?? ""] }
                printRows(format: format ?? (Terminal.isTTY(1) ? .table : .ndjson), columns: ["id", "name", "lat", "lon", "sector"],
                          rows: rows, records: stations.map(\.json))
            }
        }
    }
}

func readInput(_ file: String, _ diagnostics: Diagnostics) throws -> String {
    let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file)
    guard let data else {
        diagnostics.error("cannot read \(file)")
        throw ExitCode.ioError
    }
    return String(decoding: data, as: UTF8.self)
}

func report(_ bad: [RegisterFile.Bad], file: String, _ diagnostics: Diagnostics) {
    for b in bad { diagnostics.reject(b.reason, file: file, line: b.line, raw: Array(b.raw.utf8)) }
}

func printRows(format: ListFormat, columns: [String], rows: [[String]], records: [JSONObject]) {
    switch format {
    case .ndjson:
        let out = RecordWriter(fd: 1)
        for r in records { out.write(r) }
        out.flush()
    case .csv:
        var text = columns.joined(separator: ",") + "\n"
        for r in rows { text += r.map(csvField).joined(separator: ",") + "\n" }
        print(text, terminator: "")
    case .table:
        var widths = columns.map(\.count)
        for r in rows { for (i, f) in r.enumerated() { widths[i] = max(widths[i], f.count) } }
        func line(_ r: [String]) -> String {
            r.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        var text = line(columns) + "\n"
        for r in rows { text += line(r) + "\n" }
        print(text, terminator: "")
    }
}

func csvField(_ s: String) -> String {
    s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
}
