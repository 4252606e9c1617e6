import ArgumentParser
import CCASCLI
import CCASCore

extension Intake {
    struct Call: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take one call typed by an operator.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var intake: IntakeOptions
        func run() throws { throw ValidationError("not yet") }
    }
    struct Guided: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a call by answering questions.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var intake: IntakeOptions
        func run() throws { throw ValidationError("not yet") }
    }
}
