import ArgumentParser
import CCASCLI
import CCASCore
import CCASRules
import CCASStore

extension Notify {
    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Read dispatch/event records, decide and queue their notifications, deliver them (the default command).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var input: InputOptions
        @OptionGroup var notify: NotifyOptions

        @Flag(name: .long, help: "Queue only; `ccas-notify deliver` delivers later.")
        var noDeliver = false

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-notify", rejects: input.rejects)
            let engine = try notify.makeEngine(diagnostics: diagnostics)
            let factory = try notify.makeFactory(diagnostics: diagnostics)
            let store = try global.openStore(diagnostics: diagnostics)
            let op = global.resolvedOperator, exercise = global.isExercise
            let courier = Courier(store: store, factory: factory, operatorName: op, retry: notify.retryPolicy)
            let output = RecordWriter(fd: 1)
            let stream = RecordStream(input: input, diagnostics: diagnostics, output: output)
            var queuedCount = 0
            var tally = Courier.Tally()
            let deadline = notify.deadline
            let deliver = !noDeliver
            do {
                try stream.run(decoder: { NDJSONDecoder() }) { batch in
                    var items: [OutboxItem] = []
                    for input in batch {
                        var facts = EventFacts(record: input.record)
                        if exercise { facts.exercise = true }
                        if let problem = NotificationEngine.problem(with: facts) {
                            diagnostics.reject(problem, file: input.file, line: input.line,
                                               raw: Array(JSONWriter.string(.object(input.record)).utf8))
                            continue
                        }
                        items += engine.decide(facts).map { $0.outboxItem(deadline: deadline) }
                    }
                    let queued = try store.queueNotifications(items, at: Courier.now(), operator: op)
                    queuedCount += queued.count
                    var final: [Int64: OutboxEntry] = [:]
                    for e in queued { final[e.id] = e }
                    var order = queued.map(\.id)
                    if deliver {
                        for e in try courier.deliverDue(tally: &tally) {
                            if final[e.id] == nil { order.append(e.id) }
                            final[e.id] = e
                        }
                    }
                    let now = Courier.now()
                    return order.map { final[$0]!.record(now: now) }
                }
            } catch let error as StoreError {
                output.flush()
                diagnostics.error("\(error)")
                throw ExitCode.tryAgain
            } catch let error as ExitCodeError {
                throw ExitCode(error.code)
            }
            output.flush()
            if !global.quiet {
                diagnostics.note("\(stream.read) read, \(queuedCount) queued" + (deliver ? ", " + tally.summary : ""))
            }
            if diagnostics.rejected > 0 { throw ExitCode.dataError }
        }
    }
}
