import ArgumentParser
import CCASCLI
import CCASCore
import CCASStore

extension Notify {
    struct Ack: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that a notification was acknowledged (a unit's alert moves the unit to ACKNOWLEDGED).")

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The notification: N-42, 42 or its idempotency key.", valueName: "id"))
        var id: String

        @Option(name: .long, help: ArgumentHelp("Who acknowledged (default: the operator).", valueName: "who"))
        var by: String?

        func run() throws {
            let diagnostics = Diagnostics(program: "ccas-notify")
            let store = try global.openStore(diagnostics: diagnostics)
            let now = Courier.now()
            let (entry, changed) = try withStore(diagnostics) {
                try store.acknowledgeNotification(id, by: by ?? global.resolvedOperator, at: now, operator: global.resolvedOperator)
            }
            let output = RecordWriter(fd: 1)
            output.write(entry.record(now: now))
            output.flush()
            if !changed, !global.quiet {
                diagnostics.note("\(entry.displayID) was already acknowledged by \(entry.acknowledgedBy ?? "?"); nothing changed")
            }
        }
    }
}
