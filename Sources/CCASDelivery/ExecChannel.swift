import Foundation

/// `exec`: runs a command (a mailer, an SMS gateway's client) through `/bin/sh -c`, with the
/// message on standard input and its metadata in the environment (`CCAS_NOTIFICATION`,
/// `CCAS_KEY`, `CCAS_EVENT`, `CCAS_RECIPIENT`, `CCAS_PRIORITY`, `CCAS_SUBJECT`, `CCAS_CHANNEL`,
/// `CCAS_EXERCISE`). Exit 0 is a delivery; exit 75 (EX_TEMPFAIL) or a timeout is tried again;
/// any other exit is a failure, with the last line the command wrote on standard error.
///
/// The command runs in a process group of its own: on a timeout the whole group is killed, so a
/// gateway client that started children (a shell pipeline, a retry loop) leaves nothing running.
public struct ExecChannel: DeliveryChannel {
    public var command: String
    public var timeoutSeconds: Double
    public var environment: [String: String]

    public init(command: String, timeoutSeconds: Double = 30, environment: [String: String] = [:]) {
        self.command = command
        self.timeoutSeconds = timeoutSeconds
        self.environment = environment
    }

    /// After the command exits, how long its standard error may stay open (held by a child it
    /// left in the background) before we stop reading it.
    static let stderrGraceMillis: Int64 = 1_000

    public func deliver(_ message: DeliveryMessage) -> DeliveryOutcome {
        // A command that exits without reading its input must not kill this process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var env = environment.isEmpty ? ProcessInfo.processInfo.environment : environment
        env["CCAS_NOTIFICATION"] = message.id
        env["CCAS_KEY"] = message.key
        env["CCAS_EVENT"] = message.event ?? ""
        env["CCAS_RECIPIENT"] = message.recipient
        env["CCAS_PRIORITY"] = message.priority ?? ""
        env["CCAS_SUBJECT"] = message.subject
        env["CCAS_CHANNEL"] = message.channel.kind.rawValue
        env["CCAS_EXERCISE"] = message.exercise ? "1" : "0"
        let text = message.text.hasSuffix("\n") ? message.text : message.text + "\n"

        let child: SpawnedGroup
        do { child = try SpawnedGroup(arguments: ["/bin/sh", "-c", command], environment: env) } catch {
            return .failed("cannot run \(command): \(error)")
        }
        let run = child.communicate(input: Array(text.utf8), timeoutMillis: Int64(timeoutSeconds * 1000),
                                    stderrGraceMillis: Self.stderrGraceMillis)
        guard let status = run.exitStatus else {
            return .retry("command timed out after \(timeoutSeconds < 1 ? String(timeoutSeconds) : String(Int(timeoutSeconds))) s (its process group was killed)")
        }
        let stderr = String(decoding: run.stderr, as: UTF8.self)
        let last = stderr.split(separator: "\n").last.map { ": " + $0.prefix(200) } ?? ""
        switch status {
        case 0: return .delivered(acknowledgedBy: nil)
        case 75: return .retry("command exited 75 (try again)\(last)")
        case let code: return .failed("command exited \(code)\(last)")
        }
    }
}

/// A child started with posix_spawn as the leader of a new process group, its standard input
/// and error on pipes and its output to /dev/null, with default signal handling and no
/// blocked signal (this process may ignore SIGPIPE or block SIGTERM; the command must not inherit that).
struct SpawnedGroup {
    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    let pid: pid_t
    let stdinFD: Int32
    let stderrFD: Int32

    init(arguments: [String], environment: [String: String]) throws {
        var inPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        guard pipe(&inPipe) == 0 else { throw SpawnError(description: String(cString: strerror(errno))) }
        guard pipe(&errPipe) == 0 else {
            close(inPipe[0]); close(inPipe[1])
            throw SpawnError(description: String(cString: strerror(errno)))
        }
        // Only the child's copies (dup2'd to 0 and 2) may survive the exec.
        for fd in inPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attr, 0)
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attr, &none)
        sigemptyset(&defaults)
        for s in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attr, &defaults)

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, arguments[0], &actions, &attr, argv, envp)
        close(inPipe[0])
        close(errPipe[1])
        guard rc == 0 else {
            close(inPipe[1]); close(errPipe[0])
            throw SpawnError(description: String(cString: strerror(rc)))
        }
        // Also from this side, so the group exists before anything is killed (no race with the exec).
        setpgid(pid, pid)
        self.pid = pid
        stdinFD = inPipe[1]
        stderrFD = errPipe[0]
        _ = fcntl(stdinFD, F_SETFL, fcntl(stdinFD, F_GETFL) | O_NONBLOCK)
        _ = fcntl(stderrFD, F_SETFL, fcntl(stderrFD, F_GETFL) | O_NONBLOCK)
    }

    /// Feeds `input`, collects standard error, and waits for the exit; past `timeoutMillis` the
    /// whole process group is killed and `exitStatus` is nil. Closes both pipes.
    func communicate(input: [UInt8], timeoutMillis: Int64, stderrGraceMillis: Int64) -> (exitStatus: Int32?, stderr: [UInt8]) {
        var written = 0, inOpen = true, errOpen = true
        var stderr: [UInt8] = []
        var exitStatus: Int32?
        var exited = false
        let start = Self.millis()
        var exitedAt: Int64 = 0
        if input.isEmpty { close(stdinFD); inOpen = false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if !exited {
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid {
                    exited = true
                    exitedAt = Self.millis()
                    // WIFEXITED / WEXITSTATUS; a signal is reported as 128 + the signal, as shells do.
                    exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                }
            }
            let now = Self.millis()
            if exited, !errOpen || now - exitedAt >= stderrGraceMillis { break }
            if !exited, now - start >= timeoutMillis {
                kill(-pid, SIGKILL)
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0, errno == EINTR {}
                exitStatus = nil
                break
            }
            var fds: [pollfd] = []
            if inOpen { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
            if errOpen { fds.append(pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)) }
            _ = poll(&fds, nfds_t(fds.count), 10)
            if inOpen {
                let n = input.withUnsafeBytes { write(stdinFD, $0.baseAddress! + written, input.count - written) }
                if n > 0 { written += n }
                if written == input.count || (n < 0 && errno != EAGAIN && errno != EINTR) {
                    close(stdinFD)
                    inOpen = false
                }
            }
            if errOpen {
                let n = buffer.withUnsafeMutableBytes { read(stderrFD, $0.baseAddress!, $0.count) }
                if n > 0 {
                    stderr += buffer[0..<n]
                } else if n == 0 || (errno != EAGAIN && errno != EINTR) {
                    errOpen = false
                }
            }
        }
        if inOpen { close(stdinFD) }
        close(stderrFD)
        return (exitStatus, stderr)
    }

    static func millis() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}
