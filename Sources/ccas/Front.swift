import ArgumentParser
import CCASCLI
import Foundation

/// `ccas`: the front door. Its own subcommands keep the store safe; `ccas X …` runs `ccas-X …`.
@main
struct Front: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccas",
        abstract: "The front door of the ccas toolkit: set up, check and keep the store safe; run the programs.",
        discussion: """
            `ccas X …` runs `ccas-X …` found next to `ccas` or on PATH, as git does, and exits with \
            its status. The programs:
            \(ProgramDirectory.known.map { "  \($0.name.padding(toLength: 9, withPad: " ", startingAt: 0)) \($0.summary)" }.joined(separator: "\n"))
            and its own subcommands below.
            """,
        version: "0.1.0",
        subcommands: [Init.self, Doctor.self, Backup.self, Restore.self, ExportJournal.self, Purge.self])

    static let builtIn: Set<String> = ["init", "doctor", "backup", "restore", "export-journal", "purge", "help"]

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, !first.hasPrefix("-"), !builtIn.contains(first) {
            ProgramDirectory.run(first, arguments: Array(arguments.dropFirst()))
        }
        Self.main(arguments)
    }
}

/// Where the `ccas-*` programs are, and running one in place of this process.
enum ProgramDirectory {
    static let known: [(name: String, summary: String)] = [
        ("intake", "take calls from any channel, link them to events, store them"),
        ("classify", "nature, priority, départ réflexe, services, with the reasons"),
        ("dispatch", "recommend and engage units by capability and ETA"),
        ("notify", "alert people by rules on real channels, escalate"),
        ("track", "unit statuses, field messages, log book, board, reports"),
    ]

    /// The folder of the running binary (/proc/self/exe), so a `ccas` beside its programs
    /// finds them whatever PATH says.
    static var ownFolder: String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return (String(cString: buffer) as NSString).deletingLastPathComponent
    }

    /// The full path of `ccas-name`: beside `ccas` first, then on PATH.
    static func find(_ name: String) -> String? {
        let program = "ccas-" + name
        var folders: [String] = []
        if let own = ownFolder { folders.append(own) }
        folders += (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for folder in folders where !folder.isEmpty {
            let path = folder + "/" + program
            if access(path, X_OK) == 0 { return path }
        }
        return nil
    }

    /// Replaces this process with `ccas-name` (so its exit status is ours); exit 64 when there is none.
    static func run(_ name: String, arguments: [String]) -> Never {
        guard !name.contains("/"), let path = find(name) else {
            let hint = known.map(\.name).filter { $0.hasPrefix(String(name.prefix(2))) }
            let also = hint.isEmpty ? "" : " (did you mean \(hint.joined(separator: " or "))?)"
            FileHandle.standardError.write(Data("ccas: error: '\(name)' is not a ccas command and no ccas-\(name) was found beside ccas or on PATH\(also); see ccas --help\n".utf8))
            exit(ExitStatus.usage)
        }
        let argv = (["ccas-" + name] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        FileHandle.standardError.write(Data("ccas: error: cannot run \(path): \(String(cString: strerror(errno)))\n".utf8))
        exit(126)
    }
}
