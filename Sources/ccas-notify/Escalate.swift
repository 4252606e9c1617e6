import ArgumentParser
import CCASCLI
import CCASCore
import CCASRules
import CCASStore

extension Notify {
    struct Escalate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tell the escalation recipient of every notification not acknowledged by its deadline (from cron, or --watch).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var notify: NotifyOptions

        @Flag(name: .long, help: "Queue the escalations only; do not deliver them now.")
        var noDeliver = false

        @Flag(name: .long, help: "Keep escalating and delivering, until interrupted.")
        var watch = false

        @Option(name: .long, help: ArgumentHelp("Seconds between rounds with --watch.", valueName: "s"))
        var interval: Double = 1

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-notify")
            let engine = try notify.makeEngine(diagnostics: diagnostics)
            let factory = try notify.makeFactory(diagnostics: diagnostics)
            let store = try global.openStore(diagnostics: diagnostics)
            let op = global.resolvedOperator
            let courier = Courier(store: store, factory: factory, operatorName: op, retry: notify.retryPolicy)
            let output = RecordWriter(fd: 1)
            var escalated = 0, nobody = 0
            var tally = Courier.Tally()
            if watch { WatchSignal.install() }
            repeat {
                let now = Courier.now()
                for entry in try withStore(diagnostics, { try store.overdueNotifications(now: now) }) {
                    let facts = EventFacts(record: entry.payload["event"]?.objectValue ?? JSONObject())
                    let deadline = notify.deadline ?? entry.payload["deadline_s"]?.intValue ?? engine.config.deadline(priority: entry.priority)
                    let plan = engine.escalation(of: entry.key, recipient: entry.recipient, facts: facts, deadline: deadline)
                    let items = (plan?.notifications ?? []).map { $0.outboxItem(deadline: notify.deadline) }
                    guard let queued = try withStore(diagnostics, {
                        try store.escalateNotification(id: entry.id, to: plan?.to.id, items: items, at: Courier.now(), operator: op)
                    }) else { continue }
                    if plan == nil { nobody += 1 } else { escalated += 1 }
                    if let updated = try withStore(diagnostics, { try store.notification(String(entry.id)) }) {
                        output.write(updated.record(now: Courier.now()))
                    }
                    if noDeliver { for q in queued { output.write(q.record(now: Courier.now())) } }
                }
                if !noDeliver {
                    for e in try withStore(diagnostics, { try courier.deliverDue(tally: &tally) }) { output.write(e.record(now: Courier.now())) }
                }
                output.flush()
                if output.pipeClosed { return }
                if watch { WatchSignal.sleep(seconds: interval) }
            } while watch && WatchSignal.stop == 0
            if !global.quiet {
                diagnostics.note("\(escalated) escalated, \(nobody) overdue with nobody to escalate to" + (noDeliver ? "" : "; " + tally.summary))
            }
        }
    }
}
