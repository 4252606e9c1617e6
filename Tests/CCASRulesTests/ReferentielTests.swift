import CCASCore
import Foundation
import Testing

@testable import CCASRules

@Suite struct ReferentielTests {
    @Test func defaultIsValid() {
        #expect(Referentiel.check(files: DefaultReferentiel.files).isEmpty)
        let r = Referentiel.default
        #expect(r.nature("SAP.ACR")?.priority == .p0)
        #expect(r.nature("ADM.INDETERMINE")?.priority == .p1)
        #expect(r.natures.count == 55)
    }

    @Test func hashIsStableAndFollowsContent() {
        let a = Referentiel.default.hash
        #expect(a.hasPrefix("sha256:") && a.count == 7 + 64)
        #expect(try! Referentiel.load(files: DefaultReferentiel.files).hash == a)
        var files = DefaultReferentiel.files
        files["questions.yaml"]! += "# a comment\n"
        #expect(try! Referentiel.load(files: files).hash != a)
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256KnownVectors(input: String, digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test func sha256MillionA() {
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func exportThenLoadEqualsDefault() throws {
        let dir = NSTemporaryDirectory() + "ccas-ref-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Referentiel.default.export(to: dir)
        for name in Referentiel.allFileNames {
            let written = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
            #expect(written == DefaultReferentiel.files[name])
        }
        let loaded = try Referentiel.load(directory: dir)
        #expect(loaded.hash == Referentiel.default.hash)
        #expect(loaded.natures.map(\.code) == Referentiel.default.natures.map(\.code))
        #expect(Referentiel.check(directory: dir).isEmpty)
    }

    /// One référentiel is every file: exported together, checked together, hashed together, and the
    /// hash of a folder is had from its bytes alone.
    @Test func engagementAndNotificationFilesAreOfTheReferentiel() throws {
        let dir = NSTemporaryDirectory() + "ccas-ref-all-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Referentiel.default.export(to: dir)
        for name in EngagementReferentiel.fileNames + NotificationFiles.fileNames {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + name), "\(name) not exported")
        }
        #expect(Referentiel.allFileNames.count == 11)
        #expect(try Referentiel.hash(folder: dir) == Referentiel.builtInHash)
        #expect(Referentiel.builtInHash == Referentiel.default.hash)
        #expect(try Referentiel.load(directory: dir).hash == Referentiel.builtInHash)
        #expect(Referentiel.check(directory: dir).isEmpty)

        // Left out, the built-in engagement and notification files stand in: the same decisions, the same hash.
        try FileManager.default.removeItem(atPath: dir + "/talkgroups.yaml")
        try FileManager.default.removeItem(atPath: dir + "/templates.yaml")
        #expect(try Referentiel.hash(folder: dir) == Referentiel.builtInHash)

        // Changed, they change the hash of every decision, and their problems are named file:line.
        let engagement = try String(contentsOfFile: dir + "/engagement.yaml", encoding: .utf8)
        try engagement.replacingOccurrences(of: "SAP.ACR:                      {needs: [1 ems_bls, 1 ems_als]}",
                                            with: "SAP.ACR:                      {needs: [1 ems_bls, 1 ems_als], max_eta_s: soon}")
            .write(toFile: dir + "/engagement.yaml", atomically: true, encoding: .utf8)
        let changed = try Referentiel.hash(folder: dir)
        #expect(changed != Referentiel.builtInHash)
        #expect(try Referentiel.load(directory: dir).hash == changed)
        let problems = Referentiel.check(directory: dir)
        #expect(problems.contains { $0.file == "engagement.yaml" && $0.line == lineOf("SAP.ACR:", in: "engagement.yaml") }, "\(problems)")

        #expect(throws: ReferentielError.self) { try Referentiel.hash(folder: dir + "/nowhere") }
    }

    /// The default files with one text replaced, and the problems that makes.
    func problems(in file: String, replacing old: String, with new: String) -> [ReferentielProblem] {
        var files = DefaultReferentiel.files
        #expect(files[file]!.contains(old), "fixture text not found")
        files[file] = files[file]!.replacingOccurrences(of: old, with: new)
        return Referentiel.check(files: files)
    }

    func lineOf(_ text: String, in file: String) -> Int {
        let lines = DefaultReferentiel.files[file]!.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains(text) } ?? -1) + 1
    }

    @Test func badPriorityNamesFileLineAndNature() {
        let p = problems(in: "natures.yaml", replacing: "label_en: cardiac arrest\n    priority: P0", with: "label_en: cardiac arrest\n    priority: P5")
        let line = lineOf("label_en: cardiac arrest", in: "natures.yaml") + 1
        #expect(p.map(\.description).contains("natures.yaml:\(line): unknown priority \"P5\" for SAP.ACR"))
    }

    @Test func unknownNatureInAliasesAndPatterns() {
        let a = problems(in: "aliases.yaml", replacing: "nature: SAP.AVC", with: "nature: SAP.AVX")
        #expect(a.contains { $0.file == "aliases.yaml" && $0.message.contains("unknown nature \"SAP.AVX\"") && $0.line > 0 })
        let p = problems(in: "patterns.yaml", replacing: "nature: SAP.NOYADE", with: "nature: SAP.NOYAD")
        #expect(p.contains { $0.file == "patterns.yaml" && $0.message.contains("unknown nature \"SAP.NOYAD\"") })
    }

    @Test func badYAMLNamesFileAndLine() {
        let p = problems(in: "questions.yaml", replacing: "  - id: q.what\n", with: "  - id: [q.what\n")
        #expect(p.count == 1)
        #expect(p.first?.file == "questions.yaml")
        #expect((p.first?.line ?? 0) > 0)
        #expect(p.first?.message.hasPrefix("YAML:") == true)
    }

    @Test func everyProblemIsReportedNotJustTheFirst() {
        var files = DefaultReferentiel.files
        files["natures.yaml"] = files["natures.yaml"]!
            .replacingOccurrences(of: "priority: P3\n", with: "priority: P9\n")
            .replacingOccurrences(of: "questions: [q.what, q.victims, q.location]", with: "questions: [q.nope]")
        let p = Referentiel.check(files: files)
        #expect(p.filter { $0.message.contains("unknown priority \"P9\"") }.count >= 5)
        #expect(p.contains { $0.message.contains("unknown question \"q.nope\" for ADM.INDETERMINE") })
        #expect(throws: ReferentielError.self) { try Referentiel.load(files: files) }
    }

    @Test(arguments: [
        ("code: SAP.INCONSCIENT", "code: SAP.ACR", "duplicate nature SAP.ACR"),
        ("label_fr: noyade", "label_fr: \"\"", "missing label_fr for SAP.NOYADE"),
        ("hubsante: C02.10.00", "hubsante: X02", "hubsante code \"X02\" for SAP.NOYADE is not Cnn.nn.nn"),
        ("services: [SP, PARTNER:GRDF]", "services: [SP, FIREBRIGADE]", "unknown service \"FIREBRIGADE\""),
        ("when: [\"breathing=false\"]", "when: [\"breathing=maybe\"]", "bad condition \"breathing=maybe\""),
        ("escalating: [\"spreading\"]", "escalating: [\"spraeding\"]", "unknown fact \"spraeding\""),
    ])
    func natureProblems(old: String, new: String, expected: String) {
        let p = problems(in: "natures.yaml", replacing: old, with: new)
        #expect(p.contains { $0.file == "natures.yaml" && $0.line > 0 && $0.message.contains(expected) }, "\(p)")
    }

    @Test(arguments: [
        ("noy*, boit la tasse", "noy**, boit la tasse", "bad word \"noy**\""),
        ("noy*, boit la tasse", "Noyé, boit la tasse", "bad word \"Noyé\""),
        ("noy*, boit la tasse", ".. noy, boit la tasse", "cannot start with a gap"),
        ("set: {weapon: true}", "set: {weapon: yes}", "is not bool"),
        ("set: {weapon: true}", "set: {wepon: true}", "unknown fact \"wepon\""),
    ])
    func patternProblems(old: String, new: String, expected: String) {
        let p = problems(in: "patterns.yaml", replacing: old, with: new)
        #expect(p.contains { $0.file == "patterns.yaml" && $0.line > 0 && $0.message.contains(expected) }, "\(p)")
    }

    @Test func missingDirectoryIsAProblemNotACrash() {
        let p = Referentiel.check(directory: "/nonexistent/ccas-rules")
        #expect(p.count == 4)
        #expect(p.allSatisfy { $0.message.hasPrefix("cannot read") })
    }
}

/// The built-in référentiel is decoded from its compiled form (start-up); these tests keep the
/// compiled form and the precomputed hash equal to what the embedded YAML gives, so they cannot drift.
@Suite struct CompiledReferentielTests {
    @Test func compiledFormIsTheYAMLCompiled() throws {
        let fresh = try Referentiel.load(files: DefaultReferentiel.files)
        let embedded = try #require(Base64.decode(DefaultReferentiel.compiled), "DefaultCompiled.swift is not base64")
        #expect(embedded == CompiledReferentiel.encode(fresh, matcher: fresh.matcher),
                "DefaultCompiled.swift is stale: run scripts/embed-referentiel.py")
        #expect(try Referentiel.loadCompiledDefault().hash == fresh.hash)
    }

    @Test func precomputedHashIsTheFilesHash() {
        #expect(Referentiel.hash(of: DefaultReferentiel.files) == DefaultReferentiel.hash)
        #expect(Referentiel.default.hash == DefaultReferentiel.hash)
    }

    @Test func encodeDecodeRoundTrips() throws {
        let fresh = try Referentiel.load(files: DefaultReferentiel.files)
        let bytes = CompiledReferentiel.encode(fresh, matcher: fresh.matcher)
        let decoded = try CompiledReferentiel.decode(bytes, files: fresh.files)
        #expect(CompiledReferentiel.encode(decoded, matcher: decoded.matcher) == bytes)
        #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        for n in 0..<5 {
            let some = Array(bytes.prefix(n))
            #expect(Base64.decode(Base64.encode(some)) == some)
        }
        #expect(Base64.decode("ab$d") == nil)
        // A cut blob is refused, not read past its end.
        #expect(throws: (any Error).self) { try CompiledReferentiel.decode(Array(bytes.prefix(bytes.count / 2)), files: [:]) }
    }

    @Test func compiledDefaultEqualsDefaultFromYAML() throws {
        let a = try Referentiel.loadCompiledDefault()
        let b = try Referentiel.load(files: DefaultReferentiel.files)
        #expect(a.hash == b.hash)
        #expect(a.files == b.files)
        #expect(a.natures.count == b.natures.count)
        for (x, y) in zip(a.natures, b.natures) {
            #expect(x.code == y.code && x.labelFR == y.labelFR && x.labelEN == y.labelEN && x.priority == y.priority
                && x.reflex == y.reflex && x.reflexWhen == y.reflexWhen && x.services == y.services && x.hubsante == y.hubsante
                && x.precedence == y.precedence && x.when == y.when && x.questions == y.questions && x.escalating == y.escalating
                && x.deEscalating == y.deEscalating && x.priorityWhen.map(\.condition) == y.priorityWhen.map(\.condition)
                && x.priorityWhen.map(\.priority) == y.priorityWhen.map(\.priority), "nature \(x.code)")
        }
        #expect(a.patterns.count == b.patterns.count)
        for (x, y) in zip(a.patterns, b.patterns) {
            #expect(x.id == y.id && "\(x.target)" == "\(y.target)"
                && x.phrases.map(\.lang) == y.phrases.map(\.lang) && x.phrases.map(\.text) == y.phrases.map(\.text), "pattern \(x.id)")
        }
        #expect(a.factTypes == b.factTypes && a.shownFacts == b.shownFacts && a.gendarmerieWhen == b.gendarmerieWhen)
        #expect(a.childAgeBelow == b.childAgeBelow && a.rewrites == b.rewrites && a.numbers == b.numbers)
        #expect(a.languageWords == b.languageWords && a.questions == b.questions && a.aliases == b.aliases)
        #expect(a.aliasKeys == b.aliasKeys)
    }

    /// The decoded matcher decides as the one built from the YAML, call for call.
    @Test func compiledClassifierDecidesAsTheYAMLOne() throws {
        let compiled = Classifier(referentiel: try Referentiel.loadCompiledDefault())
        let built = Classifier(referentiel: try Referentiel.load(files: DefaultReferentiel.files))
        let path = sharedDirectory + "/corpus/dev-calls.ndjson"
        var texts = ["il ne respire plus", "he wasn't breathing but now he's coughing", "vole hier, plainte", "3 blessés feu cuisine"]
        if let data = FileManager.default.contents(atPath: path) {
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n").prefix(400) {
                if let text = (try? JSONParser.parse(String(line)))?["text"]?.stringValue { texts.append(text) }
            }
        }
        for text in texts {
            let x = compiled.classify(text: text, natureHint: nil), y = built.classify(text: text, natureHint: nil)
            #expect(x.nature == y.nature && x.priority == y.priority && x.because == y.because && x.facts == y.facts, "\(text)")
        }
    }
}
