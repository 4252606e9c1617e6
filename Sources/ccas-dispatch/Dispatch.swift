import ArgumentParser
import CCASCLI

@main
struct Dispatch: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ccas-dispatch", abstract: "(being built)", version: "0.1.0")
    func run() throws {
        writeStderr("ccas-dispatch: not available yet\n")
        throw ExitCode(ExitStatus.unavailable)
    }
}
