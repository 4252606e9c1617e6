import ArgumentParser
import CCASCLI
import CCASCore
import CCASStore

extension Notify {
    struct Deliver: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deliver what is due in the outbox (retries included), once or continuously.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var notify: NotifyOptions

        @Flag(name: .long, help: "Keep delivering as notifications fall due, until interrupted.")
        var watch = false

        @Option(name: .long, help: ArgumentHelp("Seconds between rounds with --watch.", valueName: "s"))
        var interval: Double = 1

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-notify")
            let factory = try notify.makeFactory(diagnostics: diagnostics)
            let store = try global.openStore(diagnostics: diagnostics)
            let courier = Courier(store: store, factory: factory, operatorName: global.resolvedOperator, retry: notify.retryPolicy)
            let output = RecordWriter(fd: 1)
            var tally = Courier.Tally()
            if watch { WatchSignal.install() }
            repeat {
                let done = try withStore(diagnostics) { try courier.deliverDue(tally: &tally) }
                let now = Courier.now()
                for e in done { output.write(e.record(now: now)) }
                output.flush()
                if output.pipeClosed { return }
                if watch { WatchSignal.sleep(seconds: interval) }
            } while watch && WatchSignal.stop == 0
            if !global.quiet { diagnostics.note(tally.summary) }
        }
    }
}
