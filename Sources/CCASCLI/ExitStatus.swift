import ArgumentParser

/// The exit codes every ccas program uses (sysexits.h), as DESIGN.md lists them.
public enum ExitStatus {
    public static let ok: Int32 = 0
    /// A threshold breached (`--fail-if`), a check failed (`doctor`), a refused command.
    public static let failure: Int32 = 1
    public static let usage: Int32 = 64
    public static let dataError: Int32 = 65
    public static let unavailable: Int32 = 69
    public static let ioError: Int32 = 74
    /// The store stayed busy past the timeout, or could not be written: try again.
    public static let tryAgain: Int32 = 75
}

extension ExitCode {
    public static let dataError = ExitCode(ExitStatus.dataError)
    public static let tryAgain = ExitCode(ExitStatus.tryAgain)
    public static let ioError = ExitCode(ExitStatus.ioError)
    public static let unavailable = ExitCode(ExitStatus.unavailable)
}
