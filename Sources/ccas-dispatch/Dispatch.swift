import ArgumentParser
import CCASCLI

@main
struct Dispatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccas-dispatch",
        abstract: "Recommend and engage units for classified events; reinforcements; radio talkgroups.",
        discussion: """
            Reads classified call records (the output of ccas-classify) and writes one `dispatch` record \
            per event: the units recommended need by need (smallest ETA first, each with its reason), the \
            needs left unmet and why, the talkgroup and coherence warnings. --commit engages them in the \
            store (one transaction that re-checks every unit); --auto-reflex engages réflexe events only.
            """,
        version: "0.1.0",
        subcommands: [Recommend.self, Units.self, Stations.self, Engage.self, Release.self, Reinforce.self],
        defaultSubcommand: Recommend.self)
}
