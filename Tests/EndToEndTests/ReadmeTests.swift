import Foundation
import Testing

/// Every `sh` block of the README runs, in order, in one fresh folder with a new store: the
/// tour cannot rot.
@Suite("README examples")
struct ReadmeTests {
    static func blocks() throws -> [String] {
        let text = try String(contentsOfFile: Shell.packageRoot + "/README.md", encoding: .utf8)
        var blocks: [String] = [], current: [String]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```sh" { current = [] } else if current != nil, line == "```" {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else if current != nil { current!.append(String(line)) }
        }
        return blocks
    }

    @Test("each sh block of the README exits 0")
    func readme() throws {
        let blocks = try Self.blocks()
        #expect(blocks.count >= 4)
        let dir = Shell.tempDir()
        let env = ["CCAS_DB": dir + "/ccas.db", "CCAS_EXAMPLES": Shell.packageRoot + "/examples", "CCAS_DATA": Shell.sharedData]
        for block in blocks {
            let r = try Shell.run("set -e\n" + block, env: env, cwd: dir)
            #expect(r.status == 0, "README block failed:\n\(block)\nstdout: \(r.stdout.prefix(500))\nstderr: \(r.stderr.prefix(500))")
        }
    }
}
