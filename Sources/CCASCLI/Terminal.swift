import Foundation

/// The stop request (SIGINT or SIGTERM) that arrived while a batch was being finished, else 0;
/// and how many batches are being finished now. Globals, because a signal handler is a C
/// function that captures nothing; a word-sized store is what a handler may safely do.
nonisolated(unsafe) private var pendingStop: Int32 = 0
nonisolated(unsafe) private var finishingDepth: Int32 = 0

/// What the standard streams are connected to, as tools people trust decide it.
public enum Terminal {
    public static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Colour only on a terminal whose TERM is not dumb, and never when NO_COLOR is set.
    public static func colour(_ fd: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard isTTY(fd) else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// `| head` must end quietly: a write to a closed pipe becomes EPIPE, not a signal. And a
    /// parent may have left SIGINT, SIGTERM or SIGHUP blocked (test runners do): unblock them,
    /// so that an operator, a supervisor or a closed terminal can always stop the program.
    /// SIGINT and SIGTERM end the program with 130 / 143 (see `finishing`).
    public static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, s) }
        sigprocmask(SIG_UNBLOCK, &set, nil)
        stopCleanlyOnSignals()
    }

    /// SIGINT / SIGTERM: outside `finishing`, end at once with 128 + the signal (an open
    /// transaction rolls back, as after a crash: SQLite guarantees it). Inside, note the request
    /// and let the batch commit and print; `stopIfAsked` then ends the program. A second
    /// signal while the first waits ends at once: an operator can always stop a stuck program.
    public static func stopCleanlyOnSignals() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            if finishingDepth > 0, pendingStop == 0 {
                pendingStop = signal
                return
            }
            _exit(128 + signal)
        }
        sigemptyset(&action.sa_mask)
        // Interrupted reads and writes resume: SQLite and Foundation need not see EINTR.
        action.sa_flags = SA_RESTART
        for s in [SIGINT, SIGTERM] {
            // A signal the parent chose to ignore (a shell's background job ignores SIGINT,
            // so that Ctrl-C does not reach it) stays ignored.
            var old = sigaction()
            sigaction(s, nil, &old)
            if unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) == 1 { continue }
            sigaction(s, &action, nil)
        }
    }

    /// Runs `body` (store a batch and print it) to its end even if SIGINT or SIGTERM arrives.
    public static func finishing<T>(_ body: () throws -> T) rethrows -> T {
        finishingDepth += 1
        defer { finishingDepth -= 1 }
        return try body()
    }

    /// The signal that asked to stop while a batch was being finished, if any.
    public static var stopRequested: Int32? { pendingStop == 0 ? nil : pendingStop }

    /// Ends the program with 130 / 143 when a stop was asked during `finishing`, after
    /// `beforeExit` (flush what was printed, say why).
    public static func stopIfAsked(_ beforeExit: (Int32) -> Void = { _ in }) {
        guard finishingDepth == 0, let signal = stopRequested else { return }
        beforeExit(signal)
        exit(128 + signal)
    }

    /// `SIGINT`, `SIGTERM`…, for messages.
    public static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(signal)"
        }
    }
}
