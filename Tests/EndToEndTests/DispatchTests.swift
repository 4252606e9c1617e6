import Foundation
import Testing

/// ccas-dispatch in real pipes: imports, recommendations, commits, operator commands, a race.
@Suite("Dispatch end to end", .serialized)
struct DispatchTests {
    /// Adds a classification to call records (the classifier is another stage; this keeps the
    /// test about dispatching): fire words → INC.HABITATION, cardiac → SAP.ACR, else SAP.MALAISE.
    static let classify = #"""
        python3 -c '
        import sys, json
        for line in sys.stdin:
            r = json.loads(line)
            if r.get("kind") != "call": continue
            t = (r.get("text") or "").lower()
            n, p, x = "SAP.MALAISE", "P2", False
            if "fire" in t or "feu" in t: n, p = "INC.HABITATION", "P1"
            if "cardiac" in t or "respire" in t: n, p, x = "SAP.ACR", "P0", True
            r["classification"] = {"nature": n, "priority": p, "reflex": x, "services": ["SP"]}
            print(json.dumps(r))
        '
        """#

    @Test("units import: idempotent; bad rows named by file and line, kept in --rejects, exit 65")
    func importUnits() throws {
        let dir = Shell.tempDir()
        let csv = """
            id,type,station,lat,lon,status,capabilities
            VSAV-1,VSAV,S1,45.76,4.83,,
            FPT-1,FPT,S1,45.76,4.83,AVAILABLE,
            BAD-1,ZZZ,S1,45.76,4.83,,
            BAD-2,VSAV,S1,95.0,4.83,,
            BAD-3,VSAV,S1,45.76,4.83,asleep,
            X-1,ZZZ,S1,45.70,4.80,,utility;command

            """
        try csv.write(toFile: dir + "/units.csv", atomically: true, encoding: .utf8)
        let r = try Shell.run("ccas-dispatch units import --db '\(dir)/db' --rejects '\(dir)/rej' '\(dir)/units.csv'")
        #expect(r.status == 65)
        #expect(r.errLines.contains { $0.contains("(at \(dir)/units.csv:4)") && $0.contains("unknown type ZZZ") })
        #expect(r.errLines.contains { $0.contains("units.csv:5)") && $0.contains("latitude") })
        #expect(r.errLines.contains { $0.contains("units.csv:6)") && $0.contains("unknown status") })
        #expect(r.stderr.contains("units: 3 added"))
        #expect(try String(contentsOfFile: dir + "/rej", encoding: .utf8).split(separator: "\n").count == 3)
        let again = try Shell.run("ccas-dispatch units import --db '\(dir)/db' '\(dir)/units.csv'")
        #expect(again.stderr.contains("0 added, 0 updated, 3 unchanged"))
        let list = try Shell.run("ccas-dispatch units list --db '\(dir)/db' --format csv")
        #expect(list.lines.first == "id,type,station,status,event_id,lat,lon,capabilities")
        #expect(list.lines.contains("X-1,ZZZ,S1,AVAILABLE,,45.7,4.8,utility;command"))
    }

    @Test("SF sample: intake | classify | dispatch --commit with the SF example units")
    func sanFrancisco() throws {
        let dir = Shell.tempDir()
        let db = "\(dir)/db"
        _ = try Shell.run("ccas-dispatch stations import -q --db '\(db)' examples/stations-sf.csv && ccas-dispatch units import -q --db '\(db)' examples/units-sf.csv")
        let r = try Shell.run("""
            ccas-intake -q --db '\(db)' --from csv --map examples/maps/sf-fire.json '\(Shell.sharedData)/sf-fire-calls-2020-04-07.csv' \
            | \(Self.classify) | ccas-dispatch --db '\(db)' --commit
            """)
        #expect(r.status == 0, "\(r.stderr)")
        let records = r.records
        #expect(records.count > 100)
        #expect(records.allSatisfy { $0["kind"] as? String == "dispatch" && $0["classification"] != nil && $0["id"] != nil })
        var seen: [String: String] = [:]
        var talkgroups: [String: String] = [:]
        for rec in records {
            let event = rec["event_id"] as! String
            for u in rec["units"] as! [[String: Any]] {
                let id = u["id"] as! String
                #expect(seen[id] == nil || seen[id] == event, "\(id) engaged on two events")
                seen[id] = event
                #expect(u["eta_s"] != nil && u["reason"] != nil)
            }
            if let tg = rec["talkgroup"] as? String {
                #expect(talkgroups[tg] == nil || talkgroups[tg] == event, "\(tg) on two events")
                talkgroups[tg] = event
            }
        }
        #expect(seen.count > 50)
        #expect(!talkgroups.isEmpty)
        let n = try Shell.run("sqlite3 '\(db)' \"SELECT count(*) FROM engagement; SELECT count(*) FROM journal WHERE kind='unit.engaged'; SELECT count(*) FROM event WHERE status='DISPATCHED'\"")
        let counts = n.lines.compactMap { Int($0) }
        #expect(counts[0] == seen.count && counts[1] == seen.count && counts[2] > 50)
    }

    @Test("engage, release, reinforce (options and renfort messages), auto-reflex")
    func operatorCommands() throws {
        let dir = Shell.tempDir()
        let db = "\(dir)/db"
        _ = try Shell.run("ccas-dispatch stations import -q --db '\(db)' examples/stations-departement.csv && ccas-dispatch units import -q --db '\(db)' examples/units-departement.csv")
        let calls = """
            {"id":"A","received_at":"2026-11-29T04:00:00Z","channel":"phone","location":{"lat":45.7640,"lon":4.8357},"text":"il ne respire plus"}
            {"id":"B","received_at":"2026-11-29T05:00:00Z","channel":"phone","location":{"lat":45.90,"lon":4.60},"text":"malaise"}

            """
        let r = try Shell.run("ccas-intake -q --db '\(db)' | \(Self.classify) | ccas-dispatch --db '\(db)' --auto-reflex", stdin: calls)
        #expect(r.status == 0, "\(r.stderr)")
        let recs = r.records
        #expect(recs.count == 2)
        #expect(recs[0]["committed"] as? Bool == true && (recs[0]["units"] as! [Any]).count == 2)
        #expect(recs[0]["talkgroup"] as? String == "TKG-101")
        #expect(recs[1]["committed"] as? Bool == false)
        let eventA = recs[0]["event_id"] as! String, eventB = recs[1]["event_id"] as! String
        let engaged = (recs[0]["units"] as! [[String: Any]]).map { $0["id"] as! String }

        let busy = try Shell.run("ccas-dispatch engage --db '\(db)' \(eventB) \(engaged[0])")
        #expect(busy.status == 1)
        #expect(busy.stderr.contains("cannot engage \(engaged[0]): \(engaged[0]) is ALERTED on event \(eventA)"))

        let ok = try Shell.run("ccas-dispatch engage --db '\(db)' \(eventB) EPA-69001-1")
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stderr.contains("is available and arrives in"))

        let rel = try Shell.run("ccas-dispatch release --db '\(db)' \(eventB) EPA-69001-1")
        #expect(rel.status == 0 && rel.records.first?["status"] as? String == "AVAILABLE")
        #expect(try Shell.run("ccas-dispatch release --db '\(db)' \(eventB) EPA-69001-1").status == 1)

        let reinforce = try Shell.run("ccas-dispatch reinforce --db '\(db)' --event \(eventA) --need ems_als=1 --need police=1 --commit")
        #expect(reinforce.status == 0, "\(reinforce.stderr)")
        let units = reinforce.records.first?["units"] as? [[String: Any]] ?? []
        #expect(units.map { $0["need"] as! String } == ["ems_als", "police"])
        #expect(!units.contains { engaged.contains($0["id"] as! String) })

        let msgs = """
            {"kind":"message","v":1,"type":"renfort","event_id":"\(eventA)","needs":{"FPT":2}}
            {"kind":"message","v":1,"type":"renfort","event_id":"\(eventA)","needs":{"warp":1}}
            {"kind":"status","v":1,"unit":"X"}

            """
        let piped = try Shell.run("ccas-dispatch reinforce --db '\(db)'", stdin: msgs)
        #expect(piped.status == 65)
        #expect(piped.records.count == 2)
        #expect((piped.records[0]["units"] as? [Any])?.count == 2 && piped.records[0]["committed"] as? Bool == false)
        #expect(piped.errLines.contains { $0.contains("<stdin>:2") && $0.contains("warp") })
    }

    @Test("race: 8 dispatchers, 1,040 events, overlapping units: no unit engaged twice, every loser told why")
    func race() throws {
        let dir = Shell.tempDir()
        let db = "\(dir)/db"
        // 1,100 ambulances within ~3 km; 1,040 events in the same place, so everyone wants the same units.
        var units = "id,type,station,lat,lon\n"
        for i in 0..<1100 { units += "V\(i),VSAV,S,\(45.75 + Double(i % 37) * 0.001),\(4.83 + Double(i / 37) * 0.001)\n" }
        try units.write(toFile: dir + "/units.csv", atomically: true, encoding: .utf8)
        var calls = ""
        for i in 0..<1040 {
            calls += #"{"id":"R\#(i)","received_at":"2026-01-01T00:00:00Z","channel":"phone","phone":"+3361\#(String(format: "%07d", i))","correlation_key":"race-\#(i)","location":{"lat":45.76,"lon":4.84},"text":"malaise"}"# + "\n"
        }
        let prep = try Shell.run("""
            ccas-dispatch units import -q --db '\(db)' '\(dir)/units.csv' && ccas-intake -q --db '\(db)' | \(Self.classify) > '\(dir)/all.ndjson' \
            && split -n l/8 -d '\(dir)/all.ndjson' '\(dir)/part' && wc -l < '\(dir)/all.ndjson'
            """, stdin: calls)
        #expect(prep.lines.last == "1040", "\(prep.stderr)")
        let started = Date()
        let run = try Shell.run("""
            for p in '\(dir)'/part*; do ccas-dispatch -q --db '\(db)' --commit "$p" > "$p.out" 2> "$p.err" & done; wait
            cat '\(dir)'/part*.out
            """)
        let elapsed = Date().timeIntervalSince(started)
        let recs = run.records
        #expect(recs.count == 1040)
        var owner: [String: String] = [:]
        var refused = 0, replaced = 0
        for r in recs {
            for u in r["units"] as! [[String: Any]] {
                let id = u["id"] as! String
                #expect(owner[id] == nil, "\(id) engaged twice")
                owner[id] = r["event_id"] as? String
                if u["replaces"] != nil { replaced += 1 }
            }
            for x in r["refused"] as? [[String: Any]] ?? [] {
                refused += 1
                #expect((x["reason"] as? String)?.contains("on event") == true)
            }
            if (r["units"] as! [Any]).isEmpty {
                #expect(!(r["unmet"] as! [Any]).isEmpty, "a loser without a reason")
            }
        }
        let db1 = try Shell.run("sqlite3 '\(db)' \"SELECT count(*) FROM engagement; SELECT count(DISTINCT unit) FROM engagement; SELECT count(*) FROM unit WHERE status='ALERTED'\"")
        let c = db1.lines.compactMap { Int($0) }
        #expect(c[0] == c[1] && c[0] == owner.count && c[2] == owner.count)
        // A dispatcher that loses a unit twice on one event reports it unmet (checked above) rather
        // than chase the pack; on a loaded machine more events lose twice, so this is a floor only.
        #expect(owner.count > 700, "most events get a unit")
        print("race: 1040 rounds in \(String(format: "%.1f", elapsed)) s, \(refused) lost races, \(replaced) replaced by the next best")
    }
}
