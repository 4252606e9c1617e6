import ArgumentParser
import CCASStore
import Foundation

/// The options every ccas program takes, defined once.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store (SQLite file).", discussion: "Default: $CCAS_DB, else $XDG_DATA_HOME/ccas/ccas.db.", valueName: "path"))
    public var db: String?

    @Option(name: .customLong("operator"), help: ArgumentHelp("Who is acting, recorded with every change.", discussion: "Default: $CCAS_OPERATOR, else the login name.", valueName: "name"))
    public var operatorName: String?

    @Flag(name: .shortAndLong, help: "No summary or progress on standard error.")
    public var quiet = false

    @Flag(name: .long, help: "Mark every record and stored row as an exercise (also CCAS_MODE=exercise).")
    public var exercise = false

    public init() {}

    public var environment: [String: String] { ProcessInfo.processInfo.environment }

    public var storePath: String { db ?? Store.defaultPath(environment: environment) }

    public var isExercise: Bool { exercise || environment["CCAS_MODE"]?.lowercased() == "exercise" }

    /// `--operator`, else `$CCAS_OPERATOR`, else the login name.
    public var resolvedOperator: String {
        if let operatorName, !operatorName.isEmpty { return operatorName }
        if let env = environment["CCAS_OPERATOR"], !env.isEmpty { return env }
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return environment["USER"] ?? "unknown"
    }

    /// Opens the store, turning failures into a clear error line and exit 75 or 74.
    public func openStore(diagnostics: Diagnostics, readOnly: Bool = false) throws -> Store {
        do {
            return try Store(path: storePath, readOnly: readOnly)
        } catch let error as StoreError {
            diagnostics.error("\(error)")
            switch error {
            case .busy, .unwritable: throw ExitCode.tryAgain
            default: throw ExitCode.ioError
            }
        }
    }
}

/// Options of programs that read records.
public struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Input files; none or '-' reads standard input.", valueName: "file"))
    public var files: [String] = []

    @Option(name: .long, help: ArgumentHelp("Append each rejected input line to this file.", valueName: "file"))
    public var rejects: String?

    @Flag(name: .long, help: "Stop at the first bad line (exit 65).")
    public var strict = false

    @Option(name: .long, help: ArgumentHelp("Longest accepted input line, in bytes.", valueName: "n"))
    public var maxLineBytes: Int = 1 << 20

    public init() {}

    public mutating func validate() throws {
        if maxLineBytes < 64 { throw ValidationError("--max-line-bytes must be at least 64") }
    }

    public var sources: [String] { files.isEmpty ? ["-"] : files }
}
