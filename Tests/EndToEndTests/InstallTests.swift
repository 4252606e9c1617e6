import Foundation
import Testing

/// `make install` / `make uninstall`, with the programs this test run already built
/// (`BINDIR_FROM`), so the recipe is tested without a release build.
@Suite("make install and uninstall", .serialized)
struct InstallTests {
    static let programs = ["ccas", "ccas-intake", "ccas-classify", "ccas-dispatch", "ccas-notify", "ccas-track"]
    /// The exit codes of DESIGN.md every page's EXIT STATUS lists.
    static let exitCodes = ["0", "64", "65", "69", "74", "75"]

    static func files(under root: String) -> [String] {
        let e = FileManager.default.enumerator(atPath: root)
        var out: [String] = []
        while let path = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDir), !isDir.boolValue { out.append(path) }
        }
        return out.sorted()
    }

    /// Checks what `make install` put under `root` (= DESTDIR + PREFIX).
    func checkInstalled(_ root: String, renderPages: Bool = true) throws {
        let fm = FileManager.default
        for p in Self.programs {
            #expect(fm.isExecutableFile(atPath: "\(root)/bin/\(p)"), "\(p) not installed")
            #expect(fm.fileExists(atPath: "\(root)/share/bash-completion/completions/\(p)"))
            #expect(fm.fileExists(atPath: "\(root)/share/zsh/site-functions/_\(p)"))
            #expect(fm.fileExists(atPath: "\(root)/share/fish/vendor_completions.d/\(p).fish"))
        }
        let shipped = try fm.contentsOfDirectory(atPath: Shell.packageRoot + "/man/man1").filter { $0.hasSuffix(".1") }.sorted()
        let pages = try fm.contentsOfDirectory(atPath: root + "/share/man/man1").sorted()
        #expect(pages == shipped)
        for page in renderPages ? pages : [] {
            let r = try Shell.run("man -l '\(root)/share/man/man1/\(page)'", env: ["MANPAGER": "cat", "MANWIDTH": "100"])
            #expect(r.status == 0, "man -l \(page): \(r.stderr)")
            let lines = r.lines.map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(r.lines.contains("NAME"), "\(page) has no NAME section")
            // "ccas-track board — A live board…" names ccas-track-board.1.
            let nameLine = r.lines.firstIndex(of: "NAME").map { lines[min($0 + 1, lines.count - 1)] } ?? ""
            let named = nameLine.components(separatedBy: " — ").first?.replacingOccurrences(of: " ", with: "-")
            #expect(named == String(page.dropLast(2)), "\(page): NAME says \(nameLine)")
            guard let exit = r.lines.firstIndex(of: "EXIT STATUS") else {
                Issue.record("\(page) has no EXIT STATUS section")
                continue
            }
            let section = lines[(exit + 1)...].prefix(30)
            for code in Self.exitCodes {
                #expect(section.contains { $0 == code || $0.hasPrefix(code + " ") }, "\(page): EXIT STATUS does not list \(code)")
            }
        }
        // The installed front door finds the installed programs next to it.
        let help = try Shell.run("'\(root)/bin/ccas' notify --help")
        #expect(help.status == 0 && help.stdout.contains("ccas-notify"), "\(help.stderr)")
    }

    @Test("make install PREFIX=… puts programs, man pages (NAME, EXIT STATUS) and completions there; make uninstall removes them all")
    func prefix() throws {
        let dir = Shell.tempDir()
        let prefix = dir + "/prefix"
        let r = try Shell.run("make -s install PREFIX='\(prefix)' BINDIR_FROM='\(Shell.binDir)'")
        #expect(r.status == 0, "\(r.stderr)")
        try checkInstalled(prefix)
        let u = try Shell.run("make -s uninstall PREFIX='\(prefix)'")
        #expect(u.status == 0, "\(u.stderr)")
        #expect(Self.files(under: prefix).isEmpty, "left after uninstall: \(Self.files(under: prefix))")
        try? FileManager.default.removeItem(atPath: dir)
    }

    @Test("make install DESTDIR=… PREFIX=/usr/local stages under DESTDIR only; uninstall with the same DESTDIR empties it")
    func destdir() throws {
        let dir = Shell.tempDir()
        let stage = dir + "/stage"
        let r = try Shell.run("make -s install DESTDIR='\(stage)' PREFIX=/usr/local BINDIR_FROM='\(Shell.binDir)'")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.files(under: stage).allSatisfy { $0.hasPrefix("usr/local/") })
        try checkInstalled(stage + "/usr/local", renderPages: false)  // the same pages: rendered once, in prefix()
        #expect(try Shell.run("make -s uninstall DESTDIR='\(stage)' PREFIX=/usr/local").status == 0)
        #expect(Self.files(under: stage).isEmpty)
        try? FileManager.default.removeItem(atPath: dir)
    }

    @Test("make install with BINDIR_FROM missing a program fails and says which")
    func missingProgram() throws {
        let dir = Shell.tempDir()
        let r = try Shell.run("make -s install PREFIX='\(dir)/p' BINDIR_FROM='\(dir)/empty'")
        #expect(r.status != 0)
        #expect(r.stderr.contains("ccas"))
        try? FileManager.default.removeItem(atPath: dir)
    }
}
