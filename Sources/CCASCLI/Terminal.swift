import Foundation
import Synchronization

/// The stop request (SIGINT or SIGTERM) that arrived while a batch was being finished, else 0;
/// and how many batches are being finished now (stored on one thread, printed on another: see
/// RecordStream). Globals, because a signal handler is a C function that captures nothing;
/// lock-free atomics are what a handler may safely touch.
private let pendingStop = Atomic<Int32>(0)
private let finishingDepth = Atomic<Int32>(0)

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
        // Initialised here, not first in the handler.
        _ = finishingDepth.load(ordering: .sequentiallyConsistent) + pendingStop.load(ordering: .sequentiallyConsistent)
        action.__sigaction_handler.sa_handler = { signal in
            if finishingDepth.load(ordering: .sequentiallyConsistent) > 0,
               pendingStop.compareExchange(expected: 0, desired: signal, ordering: .sequentiallyConsistent).exchanged {
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
        finishingDepth.wrappingAdd(1, ordering: .sequentiallyConsistent)
        defer { finishingDepth.wrappingSubtract(1, ordering: .sequentiallyConsistent) }
        return try body()
    }

    /// `finishing` begun here and ended by `endFinishing`, maybe on another thread (a batch
    /// stored on one thread and printed on the next). False, and nothing begun, when a stop was
    /// asked already: the batch is then not started.
    public static func beginFinishing() -> Bool {
        finishingDepth.wrappingAdd(1, ordering: .sequentiallyConsistent)
        if pendingStop.load(ordering: .sequentiallyConsistent) != 0 {
            finishingDepth.wrappingSubtract(1, ordering: .sequentiallyConsistent)
            return false
        }
        return true
    }

    public static func endFinishing() {
        finishingDepth.wrappingSubtract(1, ordering: .sequentiallyConsistent)
    }

    /// The signal that asked to stop while a batch was being finished, if any.
    public static var stopRequested: Int32? {
        let signal = pendingStop.load(ordering: .sequentiallyConsistent)
        return signal == 0 ? nil : signal
    }

    /// Ends the program with 130 / 143 when a stop was asked during `finishing`, after
    /// `beforeExit` (flush what was printed, say why).
    public static func stopIfAsked(_ beforeExit: (Int32) -> Void = { _ in }) {
        guard finishingDepth.load(ordering: .sequentiallyConsistent) == 0, let signal = stopRequested else { return }
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
