import Foundation
import Testing

/// One référentiel, one hash: classify, dispatch and notify decisions made with the same folder
/// carry the same hash, and dispatch really reads the folder's engagement rules.
@Suite("Référentiel folder shared by classify, dispatch and notify")
struct ReferentielHashTests {
    @Test("an exported folder: the three programs record its hash; an edited engagement rule changes the picks and the hash")
    func sharedFolder() throws {
        let dir = Shell.tempDir()
        let db = "\(dir)/db", rules = "\(dir)/ref"
        let export = try Shell.run("ccas-classify referentiel export '\(rules)'")
        #expect(export.status == 0, "\(export.stderr)")
        _ = try Shell.run("ccas-dispatch stations import -q --db '\(db)' examples/stations-departement.csv && ccas-dispatch units import -q --db '\(db)' examples/units-departement.csv")
        let call = #"{"kind":"call","v":1,"id":"H1","received_at":"2026-01-01T10:00:00Z","channel":"phone","location":{"lat":45.76,"lon":4.84},"text":"ma voisine a fait un malaise, elle est consciente"}"#
        let pipeline = "ccas-intake -q --db '\(db)' | ccas-classify -q --db '\(db)' --rules '\(rules)' | ccas-dispatch -q --db '\(db)' --rules '\(rules)' --commit"
        let r = try Shell.run(pipeline + " | ccas-notify run --no-deliver -q --db '\(db)' --rules '\(rules)'", stdin: call + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        let builtIn = try Shell.run("ccas-classify --no-store --text 'malaise'")
        let builtInHash = try #require(Self.records(builtIn.stdout).first?["referentiel"] as? String)
        // The exported folder holds the built-in files: the same hash everywhere.
        let out = Self.records(r.stdout)
        #expect(out.contains { $0["kind"] as? String == "notification" }, "\(r.stdout)")
        let hashes = Set(out.compactMap { ($0["referentiel"] as? String) ?? (($0["classification"] as? [String: Any])?["referentiel"] as? String) })
        #expect(hashes == [builtInHash], "\(hashes) vs \(builtInHash)")

        // Two ambulances for a malaise, in the folder only: dispatch follows the folder.
        let path = rules + "/engagement.yaml"
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        let edited = yaml.replacingOccurrences(of: "SAP.MALAISE:                  {needs: [1 ems_bls]}", with: "SAP.MALAISE:                  {needs: [2 ems_bls]}")
        #expect(edited != yaml, "the rule to edit was not found")
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let second = call.replacingOccurrences(of: "\"H1\"", with: "\"H2\"").replacingOccurrences(of: "45.76", with: "45.75")
        let r2 = try Shell.run("ccas-intake -q --db '\(db)' | ccas-classify -q --no-store --rules '\(rules)' | ccas-dispatch -q --db '\(db)' --rules '\(rules)'", stdin: second + "\n")
        #expect(r2.status == 0, "\(r2.stderr)")
        let dispatch = try #require(Self.records(r2.stdout).first { $0["kind"] as? String == "dispatch" })
        #expect((dispatch["units"] as? [Any])?.count == 2, "\(r2.stdout)")
        let newHash = dispatch["referentiel"] as? String
        #expect(newHash != nil && newHash != builtInHash)
        // Without --rules the built-in rule (one ambulance) applies.
        let third = second.replacingOccurrences(of: "\"H2\"", with: "\"H3\"").replacingOccurrences(of: "45.75", with: "45.74")
        let r3 = try Shell.run("ccas-intake -q --db '\(db)' | ccas-classify -q --no-store | ccas-dispatch -q --db '\(db)'", stdin: third + "\n")
        let builtInDispatch = try #require(Self.records(r3.stdout).first { $0["kind"] as? String == "dispatch" })
        #expect((builtInDispatch["units"] as? [Any])?.count == 1, "\(r3.stdout)")
        #expect(builtInDispatch["referentiel"] as? String == builtInHash)
    }

    static func records(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}
