import Foundation

/// Runs one of scripts/stress/*.sh, short, on the programs of this build: the same checks as
/// `make test-stress`, with sizes that take seconds. The script fails (exit 1, its reason on
/// standard error) when a guarantee does not hold.
enum StressScript {
    static func run(_ name: String, _ env: [String: String] = [:]) throws -> Shell.Result {
        var env = env
        env["CCAS_BIN"] = Shell.binDir
        return try Shell.run("scripts/stress/\(name)", env: env)
    }

    /// The figures line the script prints last on standard output.
    static func figures(_ result: Shell.Result) -> [String: Any] { result.records.last ?? [:] }
}
