import ArgumentParser
import CCASCLI

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
}

/// A time given on the command line: ISO 8601, or relative to now (`24h`, `30m`, `7d`).
func parseTime(_ text: String, now: Int64 = nowMillis()) -> Int64? {
    if let t = try? CCASCore.Timestamp.parse(text) { return t.milliseconds }
    guard let unit = text.last, let n = Double(text.dropLast()), n >= 0 else { return nil }
    let seconds: Double
    switch unit {
    case "s": seconds = n
    case "m": seconds = n * 60
    case "h": seconds = n * 3600
    case "d": seconds = n * 86400
    case "y": seconds = n * 365 * 86400
    default: return nil
    }
    return now - Int64(seconds * 1000)
}

func nowMillis() -> Int64 { Timestamp.now.milliseconds }

import CCASCore
import Foundation
