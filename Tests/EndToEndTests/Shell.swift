import Foundation

/// Runs the built programs in real pipes through /bin/sh, as an operator would.
struct Shell {
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
        var errLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
        /// Every stdout line parsed as a JSON object (Foundation is fine at test sizes).
        var records: [[String: Any]] {
            lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
    }

    /// The folder holding the built programs: the test bundle's own build folder.
    static let binDir: String = {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("ccas-intake").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.path
    }()

    static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let sharedData: String = packageRoot + "/../shared/data"

    /// A fresh folder for one test, removed by the caller when it wants.
    static func tempDir() -> String {
        let path = NSTemporaryDirectory() + "ccas-e2e-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `script` with the built programs first on PATH, in `cwd` (default: the package root).
    static func run(_ script: String, stdin: String? = nil, env: [String: String] = [:], cwd: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-o", "pipefail", "-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = binDir + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["CCAS_OPERATOR"] = "test-operator"
        environment.removeValue(forKey: "CCAS_DB")
        environment.removeValue(forKey: "CCAS_MODE")
        environment.removeValue(forKey: "NO_COLOR")
        for (k, v) in env { environment[k] = v }
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: cwd ?? packageRoot)
        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        // Read both streams concurrently so a large output cannot block the child.
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outData = outPipe.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = errPipe.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if let stdin { inPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? inPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return Result(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                      status: process.terminationStatus)
    }
}
