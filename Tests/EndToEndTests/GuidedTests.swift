import Foundation
import Testing

/// `ccas-intake guided` with the answers piped in: a bare yes or no states the fact its question
/// settles, so the classification follows the answer and says so.
@Suite("ccas-intake guided, answers as facts")
struct GuidedTests {
    /// Where, callback, what, then one line per follow-up question.
    func interview(_ what: String, _ answers: [String], lang: String = "fr") throws -> Shell.Result {
        let stdin = (["12 rue de la Paix, Paris", "0612345678", what] + answers).joined(separator: "\n") + "\n"
        return try Shell.run("ccas-intake guided --no-store --lang \(lang)", stdin: stdin)
    }

    func classification(_ r: Shell.Result) throws -> [String: Any] {
        #expect(r.status == 0, "\(r.stderr)")
        let record = try #require(r.records.first)
        let text = try #require(record["text"] as? String)
        // The record as taken classifies the same way downstream: the answers travel with it.
        let json = String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self)
        let c = try Shell.run("ccas-classify --no-store", stdin: json + "\n")
        #expect(c.status == 0, "\(c.stderr)")
        #expect(!text.hasSuffix(". non") && !text.hasSuffix(". oui"), "a bare yes/no joined the text: \(text)")
        return try #require(c.records.first?["classification"] as? [String: Any])
    }

    @Test("\"non\" to the breathing question: not breathing, cardiac arrest, P0, and because names the answer")
    func noToBreathing() throws {
        let r = try interview("mon père est par terre, il ne répond plus", ["non"])
        #expect(r.stderr.contains("Respire-t-elle"), "\(r.stderr)")
        #expect(r.stderr.contains("→ SAP.ACR P0"), "the live summary follows the answer: \(r.stderr)")
        let c = try classification(r)
        #expect(c["nature"] as? String == "SAP.ACR")
        #expect(c["priority"] as? String == "P0")
        #expect((c["facts"] as? [String: Any])?["breathing"] as? Bool == false)
        let because = c["because"] as? [String] ?? []
        #expect(because.contains("answer q.breathing 'non' → breathing=false"), "\(because)")
        #expect(r.records.first?["text"] as? String == "mon père est par terre, il ne répond plus")
    }

    @Test("\"oui\" to the breathing question: breathing, not a cardiac arrest")
    func yesToBreathing() throws {
        let r = try interview("mon père est par terre, il ne répond plus", ["oui"])
        let c = try classification(r)
        #expect(c["nature"] as? String == "SAP.INCONSCIENT")
        #expect((c["facts"] as? [String: Any])?["breathing"] as? Bool == true)
        #expect((c["because"] as? [String] ?? []).contains("answer q.breathing 'oui' → breathing=true"))
    }

    @Test("English yes to the weapon question makes the fight a départ réflexe")
    func yesToWeapon() throws {
        let r = try interview("two guys are fighting outside the bar", ["", "yes"], lang: "en")
        let c = try classification(r)
        #expect(c["nature"] as? String == "SEC.RIXE", "\(c)")
        #expect((c["facts"] as? [String: Any])?["weapon"] as? Bool == true)
        #expect(c["reflex"] as? Bool == true)
        #expect((c["because"] as? [String] ?? []).contains("answer q.weapon 'yes' → weapon=true"))
    }

    @Test("a longer answer still joins the description, where negation is understood")
    func sentenceAnswerJoinsText() throws {
        let r = try interview("mon père est par terre, il ne répond plus", ["non il ne respire pas"])
        let c = try classification(r)
        #expect(c["nature"] as? String == "SAP.ACR")
        #expect((r.records.first?["text"] as? String)?.hasSuffix(". non il ne respire pas") == true)
    }
}
