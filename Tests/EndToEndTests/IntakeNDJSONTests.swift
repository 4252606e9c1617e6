import Foundation
import Testing

@Suite("ccas-intake reading NDJSON, end to end")
struct IntakeNDJSONTests {
    let dir = Shell.tempDir()
    var db: String { dir + "/ccas.db" }

    static let call1 = #"{"id":"C-1","received_at":"2026-11-29T04:15:30.120Z","channel":"phone","caller":{"phone":"+33612345678"},"location":{"lat":48.869,"lon":2.331},"text":"mon père ne respire plus","extra":{"kept":[1,2.50,"x"]}}"#
    static let call2Near = #"{"id":"C-2","received_at":"2026-11-29T04:20:30Z","channel":"phone","location":{"lat":48.8691,"lon":2.3311},"text":"il y a de la fumée"}"#
    static let call3Far = #"{"id":"C-3","received_at":"2026-11-29T04:21:00+01:00","channel":"sms","location":{"lat":45.76,"lon":4.83},"text":"accident"}"#

    @Test("stores, correlates by place and time, keeps unknown fields and their order")
    func storesAndCorrelates() throws {
        let input = [Self.call1, Self.call2Near, Self.call3Far].joined(separator: "\n") + "\n"
        let r = try Shell.run("ccas-intake --db '\(db)'", stdin: input)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.lines.count == 3)
        #expect(r.lines[0].hasPrefix(#"{"kind":"call","v":1,"id":"C-1","received_at":"2026-11-29T04:15:30.120Z","channel":"phone","caller""#))
        #expect(r.lines[0].contains(#""extra":{"kept":[1,2.50,"x"]}"#))
        let recs = r.records
        #expect(recs[0]["event_id"] as? String == "2026-000001")
        #expect(recs[1]["event_id"] as? String == "2026-000001")
        #expect((recs[1]["correlation"] as? [String: Any])?["rule"] as? String == "proximity")
        #expect(recs[2]["event_id"] as? String == "2026-000002")
        #expect(r.stderr == "ccas-intake: 3 read, 3 new, 0 duplicate, 0 rejected\n")
        // The journal has a row per call and per opened event, in one store readable by sqlite3.
        let j = try Shell.run("sqlite3 '\(db)' 'SELECT kind, subject FROM journal ORDER BY seq'")
        #expect(j.lines == ["event.opened|2026-000001", "call.received|C-1", "call.received|C-2", "event.opened|2026-000002", "call.received|C-3"])
        let mode = try FileManager.default.attributesOfItem(atPath: db)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("re-reading the same input stores nothing twice and flags duplicates")
    func idempotent() throws {
        let input = Self.call1 + "\n" + Self.call3Far + "\n"
        _ = try Shell.run("ccas-intake -q --db '\(db)'", stdin: input)
        let r = try Shell.run("ccas-intake --db '\(db)'", stdin: input)
        #expect(r.status == 0)
        #expect(r.records.allSatisfy { $0["duplicate"] as? Bool == true })
        #expect(r.stderr.contains("2 read, 0 new, 2 duplicate, 0 rejected"))
        let n = try Shell.run("sqlite3 '\(db)' 'SELECT count(*) FROM call; SELECT count(*) FROM event; SELECT count(*) FROM journal'")
        #expect(n.lines == ["2", "2", "4"])
    }

    @Test("a live stream: each call is printed before the next one arrives, durable and stored")
    func liveStream() throws {
        // The second call is written only once the first is on standard output: a program that
        // held a batch back until more input came would never see it (the script gives up
        // after 20 s and says so).
        let out = dir + "/out.ndjson"
        let script = """
            { printf '%s\\n' '\(Self.call1)'
              for i in $(seq 200); do [ -s '\(out)' ] && break; sleep 0.1; done
              if [ -s '\(out)' ]; then printf '%s\\n' '\(Self.call3Far)'; else echo 'no output before the second call' >&2; fi
            } | ccas-intake --db '\(db)' > '\(out)'
            """
        let r = try Shell.run(script)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("no output"), "\(r.stderr)")
        let printed = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(printed.count == 2)
        let n = try Shell.run("sqlite3 '\(db)' 'SELECT count(*) FROM call; PRAGMA journal_mode'")
        #expect(n.lines == ["2", "wal"])
    }

    @Test("a call from the same number within 10 minutes joins its event")
    func callbackNumber() throws {
        let a = #"{"id":"P-1","received_at":"2026-11-29T10:00:00Z","channel":"phone","caller":{"phone":"+33611111111"},"location":{"lat":48.85,"lon":2.35}}"#
        let b = #"{"id":"P-2","received_at":"2026-11-29T10:08:00Z","channel":"phone","caller":{"phone":"+33611111111"},"location":{"lat":43.3,"lon":5.4}}"#
        let r = try Shell.run("ccas-intake -q --db '\(db)'", stdin: a + "\n" + b + "\n")
        let c = r.records[1]["correlation"] as? [String: Any]
        #expect(c?["rule"] as? String == "callback_number")
        #expect(c?["delay_s"] as? Int == 480)
        #expect(r.records[1]["event_id"] as? String == r.records[0]["event_id"] as? String)
    }

    @Test("bad lines of every kind: reported with file and line, kept in --rejects, the rest goes on, exit 65")
    func badInput() throws {
        var bytes = Data([0xEF, 0xBB, 0xBF])  // a byte-order mark before the first record
        bytes.append(Data((Self.call1 + "\r\n").utf8))  // CRLF
        bytes.append(Data("\n   \n".utf8))  // blank lines are skipped
        bytes.append(Data("{not json}\n".utf8))  // line 4
        bytes.append(Data("[1,2]\n".utf8))  // line 5
        bytes.append(Data([0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D, 0x0A]))  // line 6: invalid UTF-8
        bytes.append(Data(#"{"id":"C-9","channel":"phone"}"#.utf8 + [0x0A]))  // line 7: no received_at
        bytes.append(Data(("{\"id\":\"big\",\"text\":\"" + String(repeating: "x", count: 400) + "\"}\n").utf8))  // line 8: too long
        bytes.append(Data((Self.call3Far + "\n").utf8))  // line 9
        let file = dir + "/calls.ndjson"
        try bytes.write(to: URL(fileURLWithPath: file))
        let r = try Shell.run("ccas-intake --db '\(db)' --max-line-bytes 300 --rejects '\(dir)/rejects.ndjson' '\(file)'")
        #expect(r.status == 65)
        #expect(r.records.map { $0["id"] as? String } == ["C-1", "C-3"])
        let errs = r.errLines
        #expect(errs.count == 6)
        #expect(errs[0].hasPrefix("ccas-intake: error (at \(file):4): invalid JSON"))
        #expect(errs[1].hasPrefix("ccas-intake: error (at \(file):5): a JSON object was expected, not an array"))
        #expect(errs[2].hasPrefix("ccas-intake: error (at \(file):6): invalid JSON: invalid UTF-8"))
        #expect(errs[3].hasPrefix("ccas-intake: error (at \(file):7):") && errs[3].contains("received_at"))
        #expect(errs[4].hasPrefix("ccas-intake: error (at \(file):8): line longer than 300 bytes"))
        #expect(errs[5] == "ccas-intake: 3 read, 2 new, 0 duplicate, 5 rejected")
        let rejects = try String(contentsOfFile: dir + "/rejects.ndjson", encoding: .isoLatin1)
        #expect(rejects.split(separator: "\n").count == 5)
        #expect(rejects.hasPrefix("{not json}\n[1,2]\n"))
    }

    @Test("--strict stops at the first bad line")
    func strict() throws {
        let input = Self.call1 + "\nnope\n" + Self.call3Far + "\n"
        let r = try Shell.run("ccas-intake --strict --no-store", stdin: input)
        #expect(r.status == 65)
        #expect(r.records.count == 1)
    }

    @Test("a closed pipe ends quietly with 0")
    func closedPipe() throws {
        _ = try Shell.run("ccas-bench generate-calls 50000 > '\(dir)/big.ndjson'")
        let r = try Shell.run("ccas-intake --no-store '\(dir)/big.ndjson' | head -1")
        #expect(r.status == 0)
        #expect(r.lines.count == 1)
        #expect(!r.stderr.contains("error"))
    }

    @Test("a missing input file is an I/O error, exit 74")
    func missingFile() throws {
        let r = try Shell.run("ccas-intake --no-store '\(dir)/nope.ndjson'")
        #expect(r.status == 74)
        #expect(r.stderr.contains("cannot read"))
    }

    @Test("a usage error exits 64")
    func usage() throws {
        let r = try Shell.run("ccas-intake --from csv x.csv")
        #expect(r.status == 64)
        #expect(r.stderr.contains("--map"))
    }
}
