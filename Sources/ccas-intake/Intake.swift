import ArgumentParser
import CCASCLI

@main
struct Intake: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccas-intake",
        abstract: "Take calls from any channel, normalise them, link them to events, store and print them.",
        discussion: """
            Reads NDJSON call records (default), logged calls from another system as CSV through a \
            column map, AML SMS payloads, eCall minimum sets of data or NENA EIDO incidents; writes \
            one `call` record per call (with `event_id` and `correlation`) and, for logged unit \
            times, `status` records.
            """,
        version: "0.1.0",
        subcommands: [Read.self, Call.self, Guided.self, Replay.self],
        defaultSubcommand: Read.self)
}
