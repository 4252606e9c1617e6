import Foundation

/// `exec`: runs a command (a mailer, an SMS gateway's client) through `/bin/sh -c`, with the
/// message on standard input and its metadata in the environment (`CCAS_NOTIFICATION`,
/// `CCAS_KEY`, `CCAS_EVENT`, `CCAS_RECIPIENT`, `CCAS_PRIORITY`, `CCAS_SUBJECT`, `CCAS_CHANNEL`,
/// `CCAS_EXERCISE`). Exit 0 is a delivery; exit 75 (EX_TEMPFAIL) or a timeout is tried again;
/// any other exit is a failure, with the last line the command wrote on standard error.
public struct ExecChannel: DeliveryChannel {
    public var command: String
    public var timeoutSeconds: Double
    public var environment: [String: String]

    public init(command: String, timeoutSeconds: Double = 30, environment: [String: String] = [:]) {
        self.command = command
        self.timeoutSeconds = timeoutSeconds
        self.environment = environment
    }

    public func deliver(_ message: DeliveryMessage) -> DeliveryOutcome {
        // A command that exits without reading its input must not kill this process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var env = environment.isEmpty ? ProcessInfo.processInfo.environment : environment
        env["CCAS_NOTIFICATION"] = message.id
        env["CCAS_KEY"] = message.key
        env["CCAS_EVENT"] = message.event ?? ""
        env["CCAS_RECIPIENT"] = message.recipient
        env["CCAS_PRIORITY"] = message.priority ?? ""
        env["CCAS_SUBJECT"] = message.subject
        env["CCAS_CHANNEL"] = message.channel.kind.rawValue
        env["CCAS_EXERCISE"] = message.exercise ? "1" : "0"
        process.environment = env
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch { return .failed("cannot run \(command): \(error.localizedDescription)") }
        let text = message.text.hasSuffix("\n") ? message.text : message.text + "\n"
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try? input.fileHandleForWriting.close()
        if finished.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            // SIGKILL: the command may have inherited a signal mask that blocks SIGTERM.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return .retry("command timed out after \(Int(timeoutSeconds)) s")
        }
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let last = stderr.split(separator: "\n").last.map { ": " + $0.prefix(200) } ?? ""
        switch process.terminationStatus {
        case 0: return .delivered(acknowledgedBy: nil)
        case 75: return .retry("command exited 75 (try again)\(last)")
        case let code: return .failed("command exited \(code)\(last)")
        }
    }
}
