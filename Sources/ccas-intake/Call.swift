import ArgumentParser
import CCASCLI
import CCASCore
import CCASStore
import Foundation

extension Intake {
    /// One call typed by an operator.
    struct Call: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take one call typed by an operator.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var intake: IntakeOptions

        @Option(help: "Channel: phone, sms, aml, ecall, web, radio, alarm, transfer.")
        var channel = "phone"
        @Option(help: ArgumentHelp("Callback number (any usual form; stored in E.164).", valueName: "number"))
        var phone: String?
        @Option(help: ArgumentHelp("Caller's name.", valueName: "name"))
        var name: String?
        @Option(help: ArgumentHelp("Where it happens.", valueName: "text"))
        var address: String?
        @Option(help: ArgumentHelp("Latitude (WGS84 decimal degrees).", valueName: "deg"))
        var lat: Double?
        @Option(help: ArgumentHelp("Longitude (WGS84 decimal degrees).", valueName: "deg"))
        var lon: Double?
        @Option(help: ArgumentHelp("What the caller says is happening.", valueName: "text"))
        var text: String?
        @Option(help: ArgumentHelp("A call type from another system, for the classifier.", valueName: "type"))
        var natureHint: String?
        @Option(help: ArgumentHelp("When the call was received (ISO 8601; default now).", valueName: "time"))
        var at: String?
        @Option(help: ArgumentHelp("The call's id (default: made from the time and the operator).", valueName: "id"))
        var id: String?

        func validate() throws {
            if (lat == nil) != (lon == nil) { throw ValidationError("--lat and --lon go together") }
            if let at, (try? Timestamp.parse(at)) == nil { throw ValidationError("--at \(at) is not an ISO 8601 time") }
            if text == nil, address == nil, phone == nil, lat == nil {
                throw ValidationError("say something about the call: --text, --address, --phone or --lat/--lon")
            }
        }

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-intake")
            let record = OperatorCall(
                id: id, channel: channel, phone: phone, name: name, address: address, lat: lat, lon: lon,
                text: text, natureHint: natureHint, receivedAt: at.flatMap { try? Timestamp.parse($0) },
                operatorName: global.resolvedOperator
            ).record
            try takeOne(record, global: global, intake: intake, diagnostics: diagnostics)
        }
    }
}

/// Normalises, stores and prints one call made here (typed or guided); exit 65 when it is refused.
/// When the store cannot be written the call is printed and spooled (degraded mode, exit 75), as
/// the batch path does: a call an operator just typed is never lost.
func takeOne(_ record: JSONObject, global: GlobalOptions, intake options: IntakeOptions, diagnostics: Diagnostics) throws {
    let intake = try options.makeDegradableIntake(global: global, diagnostics: diagnostics)
    let output = RecordWriter(fd: 1)
    let input = InputRecord(record: record, file: "<command line>", line: 1)
    guard let prepared = intake.prepare(input) else { throw ExitCode.dataError }
    for record in try intake.process([prepared]) { output.write(record) }
    output.flush()
    if let degraded = intake.summary {
        diagnostics.error(degraded)
        throw ExitCode.tryAgain
    }
}
