import ArgumentParser
import CCASCLI

/// Every subcommand names itself (`commandName:`): otherwise ArgumentParser derives each name
/// with String(describing:), whose dynamic casts were a quarter of `ccas-track status`'s start
/// (perf record, release build).
@main
struct Track: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccas-track",
        abstract: "Follow every event and unit live, keep the log book, and report what happened.",
        discussion: """
            Unit statuses follow DOMAIN.md: AVAILABLE → ALERTED → ACKNOWLEDGED → EN_ROUTE → ON_SCENE → \
            (TRANSPORTING → AT_HOSPITAL) → RETURNING → AVAILABLE; UNAVAILABLE and OUT_OF_SERVICE from any \
            state. An illegal change is refused unless forced with a reason, which goes in the journal.
            """,
        version: "0.1.0",
        subcommands: [Status.self, Feed.self, Close.self, Cancel.self, Reopen.self, Message.self,
                      Events.self, Show.self, Units.self, Journal.self, Report.self, Map.self, Board.self, Export.self])

    static func main() {
        // A status change in its plain form skips the parser's start-up (PlainStatus).
        if let plain = PlainStatus.request(CommandLine.arguments.dropFirst()) {
            PlainStatus.run(plain)
            return
        }
        main(nil)
    }
}

func nowMillis() -> Int64 { Timestamp.now.milliseconds }

import CCASCore
import Foundation
