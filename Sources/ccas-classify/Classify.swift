import ArgumentParser
import CCASCLI

@main
struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccas-classify",
        abstract: "Characterise each call: nature, priority, départ réflexe, services, missing information, with the reasons.",
        version: "0.1.0")

    func run() throws {
        writeStderr("ccas-classify: not available yet\n")
        throw ExitCode(ExitStatus.unavailable)
    }
}
