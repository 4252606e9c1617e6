import ArgumentParser
import CCASCLI

@main
struct Notify: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ccas-notify", abstract: "(being built)", version: "0.1.0")
    func run() throws {
        writeStderr("ccas-notify: not available yet\n")
        throw ExitCode(ExitStatus.unavailable)
    }
}
