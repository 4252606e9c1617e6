import Foundation
import Testing

@Suite("ccas-classify, end to end")
struct ClassifyTests {
    let dir = Shell.tempDir()
    var db: String { dir + "/ccas.db" }

    @Test("intake | classify: every field kept, the classification explained, kept on the call and the event")
    func pipeline() throws {
        let r = try Shell.run("ccas-intake -q --db '\(db)' examples/inputs/calls.ndjson | ccas-classify --db '\(db)'")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "ccas-classify: 4 read, 4 classified, 0 rejected\n")
        let recs = r.records
        #expect(recs.count == 4)
        let c0 = try #require(recs[0]["classification"] as? [String: Any])
        #expect(c0["nature"] as? String == "SAP.ACR")
        #expect(c0["priority"] as? String == "P0")
        #expect(c0["reflex"] as? Bool == true)
        #expect((c0["because"] as? [String])?.isEmpty == false)
        #expect((c0["referentiel"] as? String)?.hasPrefix("sha256:") == true)
        #expect(recs[0]["event_id"] as? String == "2026-000001")  // intake's fields are kept
        #expect(r.lines[0].hasPrefix(#"{"kind":"call","v":1,"id":"EX-1""#))
        let incarceration = recs[3]["classification"] as? [String: Any]
        #expect(incarceration?["nature"] as? String == "AVP.INCARCERATION")
        let events = try Shell.run("sqlite3 '\(db)' \"SELECT number, status, nature, priority FROM event ORDER BY number\"")
        #expect(events.lines == ["2026-000001|CLASSIFIED|SAP.ACR|P0", "2026-000002|CLASSIFIED|INC.HABITATION|P0",
                                 "2026-000003|CLASSIFIED|AVP.INCARCERATION|P0"])
        let journal = try Shell.run("sqlite3 '\(db)' \"SELECT count(*) FROM journal WHERE kind = 'call.classified'\"")
        #expect(journal.lines == ["4"])
    }

    @Test("the event takes the highest priority of its calls")
    func highestPriority() throws {
        let calm = #"{"id":"A","received_at":"2026-11-29T10:00:00Z","channel":"phone","location":{"lat":48.85,"lon":2.35},"text":"une personne a fait un malaise, elle va mieux"}"#
        let worse = #"{"id":"B","received_at":"2026-11-29T10:02:00Z","channel":"phone","location":{"lat":48.8501,"lon":2.3501},"text":"il ne respire plus du tout"}"#
        let r = try Shell.run("ccas-intake -q --db '\(db)' | ccas-classify -q --db '\(db)'", stdin: calm + "\n" + worse + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        let e = try Shell.run("sqlite3 '\(db)' 'SELECT priority, nature FROM event'")
        #expect(e.lines == ["P0|SAP.ACR"])
    }

    @Test("--text, natures, référentiel export and check; a bad référentiel names file and line")
    func commands() throws {
        let one = try Shell.run("ccas-classify --no-store --text 'il respire mais ne répond pas'")
        #expect(one.status == 0)
        #expect(one.records.first?["nature"] as? String == "SAP.INCONSCIENT")
        let natures = try Shell.run("ccas-classify natures --format csv")
        #expect(natures.lines.count == 56)  // header + 55 natures
        #expect(natures.stdout.contains("ADM.INDETERMINE"))
        let export = try Shell.run("ccas-classify referentiel export '\(dir)/ref' && ccas-classify referentiel check '\(dir)/ref'")
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.hasPrefix("ok sha256:"))
        let natures0 = try String(contentsOfFile: dir + "/ref/natures.yaml", encoding: .utf8)
        try natures0.replacingOccurrences(of: "priority: P0", with: "priority: P7").write(toFile: dir + "/ref/natures.yaml", atomically: true, encoding: .utf8)
        let bad = try Shell.run("ccas-classify referentiel check '\(dir)/ref'")
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("natures.yaml:"))
        let used = try Shell.run("ccas-classify --no-store --rules '\(dir)/ref' --text x")
        #expect(used.status == 65)
    }

    @Test("bad input lines are reported and kept, the rest classified")
    func badInput() throws {
        let r = try Shell.run("ccas-classify --no-store --rejects '\(dir)/rej'", stdin: "{\"id\":\"x\",\"text\":\"feu de poubelle\"}\n{oops\n")
        #expect(r.status == 65)
        #expect(r.records.count == 1)
        #expect(r.stderr.contains("(at <stdin>:2)"))
    }

    @Test("ccas-intake guided asks the nature's questions and shows what the classifier thinks")
    func guided() throws {
        let r = try Shell.run("ccas-intake guided --no-store", stdin: "12 rue de la Paix\n0612345678\nmon père ne répond plus\nnon\n\n\n\n\n\n\n\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("→ SAP."))
        #expect(r.stderr.contains("P0"))
        let answers = r.records.first?["answers"] as? [[String: Any]]
        #expect(answers?.first?["answer"] as? String == "non")
    }

    @Test("--text before the argument parser: the same output as through it, and every other form still parsed")
    func oneTextFastPath() throws {
        let fast = try Shell.run("ccas-classify --no-store --text 'il ne respire plus'")
        let parsed = try Shell.run("ccas-classify run --no-store --text 'il ne respire plus'")
        #expect(fast.status == 0 && parsed.status == 0)
        #expect(fast.stdout == parsed.stdout && !fast.stdout.isEmpty)
        let equals = try Shell.run("ccas-classify --text='feu de poubelle' --no-store")
        #expect((equals.records.first?["nature"] as? String) == "INC.POUBELLE", "\(equals.stdout)")
        let hinted = try Shell.run("ccas-classify --no-store --nature-hint 'Structure Fire' --text 'ça brûle'")
        let viaParser = try Shell.run("ccas-classify run --no-store --nature-hint 'Structure Fire' --text 'ça brûle'")
        #expect(hinted.status == 0 && hinted.stdout == viaParser.stdout)
        let missing = try Shell.run("ccas-classify --no-store --text")
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("Missing value"))
        // With $CCAS_RULES the folder is read and validated, as with --rules.
        let bad = try Shell.run("ccas-classify --no-store --text x", env: ["CCAS_RULES": dir + "/nowhere"])
        #expect(bad.status != 0)
    }
}
