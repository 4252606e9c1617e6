import Foundation

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
    public static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, s) }
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }
}
