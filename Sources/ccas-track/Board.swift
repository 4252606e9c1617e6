import ArgumentParser
import CCASCLI
import CCASCore
import CCASStore
import Foundation

/// Set by SIGINT/SIGTERM so the board can restore the terminal before leaving.
nonisolated(unsafe) private var boardStop: Int32 = 0

extension Track {
    struct Board: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "board",
            abstract: "A live full-screen board for the room: open events by priority, units by station, stale units; redraws on every journal change.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print one frame and exit (for scripts and tests).") var once = false
        @Option(help: "Minutes after which an engaged unit with no status or position is flagged.") var staleMinutes = 30

        func run() throws {
            Terminal.ignoreBrokenPipe()
            let diagnostics = Diagnostics(program: "ccas-track")
            let store = try global.openStore(diagnostics: diagnostics)
            let colour = Terminal.colour(1)
            func frame() throws -> String {
                let events = try store.eventLines(openOnly: true, since: nil)
                return BoardFrame.render(events: events, units: try store.units(), now: nowMillis(), staleAfterMs: Int64(staleMinutes) * 60_000,
                                         width: Board.width(), colour: colour)
            }
            let out = RecordWriter(fd: 1)
            if once || !Terminal.isTTY(1) {
                out.write(text: try perform(diagnostics) { try frame() })
                out.flush()
                return
            }
            signal(SIGINT) { _ in boardStop = SIGINT }
            signal(SIGTERM) { _ in boardStop = SIGTERM }
            out.write(text: "\u{1B}[?1049h\u{1B}[?25l")  // alternate screen, no cursor
            defer {
                out.write(text: "\u{1B}[?25h\u{1B}[?1049l")
                out.flush()
            }
            var lastSeq: Int64 = -1
            var lastDraw = Date.distantPast
            while boardStop == 0 {
                let seq = try perform(diagnostics) { try store.lastJournalSeq() }
                // Redraw on every change, and each second for the ages.
                if seq != lastSeq || Date().timeIntervalSince(lastDraw) >= 1 {
                    out.write(text: "\u{1B}[H\u{1B}[2J" + (try perform(diagnostics) { try frame() }))
                    out.flush()
                    if out.closed { return }  // the terminal went away
                    lastSeq = seq
                    lastDraw = Date()
                }
                usleep(100_000)
            }
        }

        static func width() -> Int {
            var size = winsize()
            return ioctl(1, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 100
        }
    }
}
