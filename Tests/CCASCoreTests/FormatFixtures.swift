import Foundation

/// Where the shared sample data is: `../shared/data/` beside the package root, the root found
/// from this file's path (the nearest folder up with a Package.swift).
enum FormatFixtures {
    static let packageRoot: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    static func sharedData(_ name: String) throws -> String {
        try String(contentsOf: packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/\(name)"), encoding: .utf8)
    }

    static func example(_ path: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    /// Splits a file into physical lines as a line reader would ("\n"; a "\r" before it stays).
    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
