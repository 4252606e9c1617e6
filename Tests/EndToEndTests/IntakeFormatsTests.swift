import Foundation
import Testing

@Suite("ccas-intake on every channel, end to end")
struct IntakeFormatsTests {
    let dir = Shell.tempDir()
    var db: String { dir + "/ccas.db" }

    /// Counts the San Francisco file independently of ccas: calls by Call Number, and one status
    /// per non-empty unit timestamp (dispatch, response, on scene, transport, hospital, available).
    static func sfExpected() throws -> (calls: Int, statuses: Int) {
        let text = try String(contentsOfFile: Shell.sharedData + "/sf-fire-calls-2020-04-07.csv", encoding: .utf8)
        var rows = text.split(separator: "\n").map(String.init)
        let header = splitCSV(rows.removeFirst())
        let callNumber = header.firstIndex(of: "Call Number")!
        let timeColumns = ["Dispatch DtTm", "Response DtTm", "On Scene DtTm", "Transport DtTm", "Hospital DtTm", "Available DtTm"]
            .map { header.firstIndex(of: $0)! }
        var calls = Set<String>()
        var statuses = 0
        for row in rows {
            let fields = splitCSV(row)
            calls.insert(fields[callNumber])
            statuses += timeColumns.filter { !fields[$0].trimmingCharacters(in: .whitespaces).isEmpty }.count
        }
        return (calls.count, statuses)
    }

    static func splitCSV(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false
        for c in line {
            if c == "\"" { quoted.toggle() } else if c == ",", !quoted { fields.append(field); field = "" } else { field.append(c) }
        }
        fields.append(field)
        return fields
    }

    @Test("the San Francisco sample: 3,000 rows → 1,560 calls and one status per non-empty unit time, all stored")
    func sanFrancisco() throws {
        let expected = try Self.sfExpected()
        let r = try Shell.run("ccas-intake --db '\(db)' --from csv --map examples/maps/sf-fire.json '\(Shell.sharedData)/sf-fire-calls-2020-04-07.csv'")
        #expect(r.status == 0, "\(r.stderr)")
        let kinds = r.records.map { $0["kind"] as? String }
        #expect(kinds.filter { $0 == "call" }.count == expected.calls)
        #expect(expected.calls == 1560)
        #expect(kinds.filter { $0 == "status" }.count == expected.statuses)
        #expect(r.stderr == "ccas-intake: 1560 read, 1560 new, 0 duplicate, 0 rejected, \(expected.statuses) statuses\n")
        let first = r.records[0]
        #expect(first["id"] as? String == "SF-200983546")
        #expect(first["received_at"] as? String == "2020-04-08T06:53:08.000Z")  // 11:53:08 PM US/Pacific
        let counts = try Shell.run("sqlite3 '\(db)' 'SELECT count(*) FROM call; SELECT count(*) FROM status_log; SELECT count(*) FROM status_log WHERE event_id IS NULL'")
        #expect(counts.lines == ["1560", "\(expected.statuses)", "0"])
        // Replaying the file changes nothing.
        let again = try Shell.run("ccas-intake --db '\(db)' -q --from csv --map examples/maps/sf-fire.json '\(Shell.sharedData)/sf-fire-calls-2020-04-07.csv' | grep -c '\"duplicate\":true'")
        #expect(again.lines == ["1560"])
        let journal = try Shell.run("sqlite3 '\(db)' 'SELECT count(*) FROM journal'")
        #expect(journal.lines == ["\(1560 * 2 + expected.statuses)"])
    }

    @Test("the Montgomery County sample: every row a call, stable ids")
    func montgomery() throws {
        let rows = try String(contentsOfFile: Shell.sharedData + "/montgomery-pa-911-sample.csv", encoding: .utf8)
            .split(separator: "\n").count - 1
        let r = try Shell.run("ccas-intake --db '\(db)' --from csv --map examples/maps/montgomery.json '\(Shell.sharedData)/montgomery-pa-911-sample.csv'")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.records.count == rows)
        #expect(r.records.allSatisfy { ($0["id"] as? String)?.hasPrefix("MC-") == true && $0["nature_hint"] is String })
        let second = try Shell.run("ccas-intake --no-store --from csv --map examples/maps/montgomery.json '\(Shell.sharedData)/montgomery-pa-911-sample.csv'")
        #expect(second.records.map { $0["id"] as? String } == r.records.map { $0["id"] as? String })
    }

    @Test("a CSV with bad rows: each named by its line, the rest taken, exit 65")
    func badCSV() throws {
        let lines = try String(contentsOfFile: Shell.sharedData + "/sf-fire-calls-2020-04-07.csv", encoding: .utf8)
            .split(separator: "\n").prefix(4).map(String.init)
        var bad = lines
        bad[2] = bad[2].replacingOccurrences(of: "04/07/2020 11:53:08 PM", with: "13/45/2020 11:53:08 PM")
        bad.append("\"unterminated,quote")
        try (bad.joined(separator: "\n") + "\n").write(toFile: dir + "/bad.csv", atomically: true, encoding: .utf8)
        let r = try Shell.run("ccas-intake --no-store --rejects '\(dir)/rej.csv' --from csv --map examples/maps/sf-fire.json '\(dir)/bad.csv'")
        #expect(r.status == 65)
        #expect(r.stderr.contains("(at \(dir)/bad.csv:3)"))
        #expect(r.stderr.contains("13/45/2020"))
        #expect(r.stderr.contains("(at \(dir)/bad.csv:5)"))
        let rejects = try String(contentsOfFile: dir + "/rej.csv", encoding: .utf8)
        #expect(rejects.contains("13/45/2020"))
    }

    @Test("AML SMS payloads: the handset position is kept with its radius, confidence and method")
    func aml() throws {
        let r = try Shell.run("ccas-intake --db '\(db)' --from aml examples/inputs/aml.txt")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.records.count == 2)
        let loc = r.records[0]["location"] as? [String: Any]
        #expect(loc?["lat"] as? Double == 48.85341)
        #expect(loc?["radius_m"] as? Int == 20)
        #expect(r.records[0]["channel"] as? String == "aml")
        let bad = try Shell.run("ccas-intake --no-store --from aml", stdin: "A\"ML=1;lt=+99.0;lg=+2.3;rd=20;top=20261129041530;lc=90;pm=G\nhello\n")
        #expect(bad.status == 65)
        #expect(bad.errLines.count == 3)
    }

    @Test("an eCall minimum set of data")
    func ecall() throws {
        let r = try Shell.run("ccas-intake --no-store --from ecall examples/inputs/ecall-msd.json")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.records.count == 1)
        #expect(r.records[0]["channel"] as? String == "ecall")
        #expect((r.records[0]["text"] as? String)?.contains("automatic activation") == true)
    }

    @Test("a NENA EIDO incident transferred from another centre")
    func eido() throws {
        let r = try Shell.run("ccas-intake --db '\(db)' --from eido '\(Shell.sharedData)/eido/sample-call-transfer.json'")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.records.isEmpty)
        #expect(r.records.allSatisfy { $0["channel"] as? String == "transfer" })
        let bad = try Shell.run("ccas-intake --no-store --from eido", stdin: "{\"nope\": \n")
        #expect(bad.status == 65)
    }

    @Test("one call typed by an operator, and the guided prompt with answers piped in")
    func operatorCalls() throws {
        let typed = try Shell.run("ccas-intake call --db '\(db)' --phone '06 12 34 56 78' --lat 48.869 --lon 2.331 --text 'il ne respire plus' --at 2026-11-29T04:15:30Z")
        #expect(typed.status == 0, "\(typed.stderr)")
        #expect((typed.records[0]["caller"] as? [String: Any])?["phone"] as? String == "+33612345678")
        let guided = try Shell.run("ccas-intake guided --db '\(db)'", stdin: "48.8691, 2.3311\n0612345678\nil y a de la fumée\n")
        #expect(guided.status == 0, "\(guided.stderr)")
        let record = guided.records[0]
        #expect(record["text"] as? String == "il y a de la fumée")
        #expect((record["location"] as? [String: Any])?["lat"] as? Double == 48.8691)
        #expect(guided.stderr.contains("Où ?"))
        let empty = try Shell.run("ccas-intake guided --no-store", stdin: "")
        #expect(empty.status == 65)
        let usage = try Shell.run("ccas-intake call --lat 48.8")
        #expect(usage.status == 64)
    }
}
