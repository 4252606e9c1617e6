import ArgumentParser
import CCASCLI

@main
struct Notify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccas-notify",
        abstract: "Alert units and people by rules, on real channels; track acknowledgements; escalate.",
        discussion: """
            Reads `dispatch` or `event` records, decides by the notification rules who must be told \
            (units' stations, room supervisor, duty officer, authorities, partners), writes each \
            notification to the store's outbox with a journal row, delivers it (stdout, file spool, \
            signed webhook, command, CAP 1.2) and prints one `notification` record per notification. \
            What could not be delivered stays in the outbox: `deliver` tries again, `pending` lists \
            what nobody acknowledged, `escalate` tells the escalation recipient of what is overdue.
            """,
        version: "0.1.0",
        subcommands: [Decide.self, Deliver.self, Ack.self, Pending.self, Escalate.self, Send.self],
        defaultSubcommand: Decide.self)
}
