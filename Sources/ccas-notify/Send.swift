import ArgumentParser
import CCASCLI
import CCASCore
import CCASRules
import CCASStore
import Foundation

extension Notify {
    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send an operator's own message to a recipient, with the same guarantees (outbox, retries, acknowledgement).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var notify: NotifyOptions

        @Option(name: .long, help: ArgumentHelp("Recipient id (supervisor, duty_officer, prefect, sncf, station:NAME…).", valueName: "recipient"))
        var to: String

        @Option(name: .long, help: ArgumentHelp("The event it concerns (YYYY-NNNNNN).", valueName: "event"))
        var event: String?

        @Option(name: .long, help: ArgumentHelp("The message.", valueName: "text"))
        var text: String

        @Flag(name: .long, help: "Queue only; `ccas-notify deliver` delivers later.")
        var noDeliver = false

        func run() throws {
            let diagnostics = Diagnostics(program: "ccas-notify")
            let engine = try notify.makeEngine(diagnostics: diagnostics)
            let factory = try notify.makeFactory(diagnostics: diagnostics)
            let store = try global.openStore(diagnostics: diagnostics)
            let op = global.resolvedOperator
            // The event's summary from its latest notification, when there is one.
            var facts = EventFacts(event: event)
            if let event, let last = try withStore(diagnostics, { try store.notifications(event: event) }).last,
                let summary = last.payload["event"]?.objectValue
            {
                facts = EventFacts(record: summary)
            }
            if global.isExercise { facts.exercise = true }
            let now = Courier.now()
            let key = "msg:\(event ?? "-"):\(now):\(UInt32.random(in: 0...UInt32.max))"
            guard let planned = engine.message(to: to, text: text, facts: facts, key: key) else {
                let known = engine.config.recipients.map(\.id).joined(separator: ", ")
                diagnostics.error("unknown recipient \"\(to)\" (known: \(known), or station:NAME)")
                throw ExitCode(ExitStatus.usage)
            }
            let queued = try withStore(diagnostics) {
                try store.queueNotifications(planned.map { $0.outboxItem(deadline: notify.deadline) }, at: now, operator: op)
            }
            var final = Dictionary(uniqueKeysWithValues: queued.map { ($0.id, $0) })
            if !noDeliver {
                let courier = Courier(store: store, factory: factory, operatorName: op, retry: notify.retryPolicy)
                var tally = Courier.Tally()
                for e in try withStore(diagnostics, { try courier.deliverDue(tally: &tally) }) where final[e.id] != nil { final[e.id] = e }
            }
            let output = RecordWriter(fd: 1)
            for q in queued { output.write(final[q.id]!.record(now: Courier.now())) }
            output.flush()
        }
    }
}
