import Foundation
import Testing

@Suite("ccas-track, end to end")
struct TrackTests {
    let dir = Shell.tempDir()
    var db: String { dir + "/ccas.db" }

    /// A store with the example département's units and one classified, dispatched event.
    func setUp() throws -> String {
        let units = "id,type,station,lat,lon\nVSAV-1,VSAV,CIS-A,45.76,4.83\nFPT-1,FPT,CIS-A,45.76,4.83\nSMUR-1,SMUR,SAMU-69,45.74,4.85\n"
        try units.write(toFile: dir + "/units.csv", atomically: true, encoding: .utf8)
        let call = #"{"id":"T-1","received_at":"2026-11-29T10:00:00Z","channel":"phone","location":{"address":"3 place Bellecour, Lyon","lat":45.7578,"lon":4.832},"text":"il ne respire plus"}"#
        let r = try Shell.run("""
            ccas-dispatch units import --db '\(db)' '\(dir)/units.csv' >/dev/null 2>&1 &&
            ccas-intake -q --db '\(db)' | ccas-classify -q --db '\(db)' >/dev/null &&
            ccas-dispatch engage --db '\(db)' 2026-000001 VSAV-1 FPT-1 >/dev/null
            """, stdin: call + "\n")
        #expect(r.status == 0, "set-up: \(r.stderr)")
        return "2026-000001"
    }

    @Test("legal changes follow the status machine; the event goes ON_SCENE with its first unit")
    func statuses() throws {
        let event = try setUp()
        for (status, at) in [("acknowledged", "10:01:00"), ("en-route", "10:01:30"), ("on-scene", "10:07:00")] {
            let r = try Shell.run("ccas-track status --db '\(db)' VSAV-1 \(status) --at 2026-11-29T\(at)Z")
            #expect(r.status == 0, "\(status): \(r.stderr)")
        }
        let shown = try Shell.run("ccas-track show --db '\(db)' \(event)")
        let detail = try #require(shown.records.first)
        #expect(detail["status"] as? String == "ON_SCENE")
        #expect((detail["units"] as? [[String: Any]])?.map { $0["status"] as? String }.contains("ON_SCENE") == true)
        let calls = detail["calls"] as? [[String: Any]]
        #expect((calls?.first?["classification"] as? [String: Any])?["because"] != nil)
        #expect(detail["talkgroup"] != nil)
    }

    @Test("an illegal change changes nothing and says why (exit 1); --force needs a reason, which is journaled")
    func illegal() throws {
        _ = try setUp()
        let r = try Shell.run("ccas-track status --db '\(db)' VSAV-1 at-hospital")
        #expect(r.status == 1)
        #expect(r.stderr.contains("VSAV-1 cannot go from ALERTED to AT_HOSPITAL"))
        let unchanged = try Shell.run("sqlite3 '\(db)' \"SELECT status FROM unit WHERE id = 'VSAV-1'\"")
        #expect(unchanged.lines == ["ALERTED"])
        let noReason = try Shell.run("ccas-track status --db '\(db)' VSAV-1 at-hospital --force")
        #expect(noReason.status == 64)
        let forced = try Shell.run("ccas-track status --db '\(db)' VSAV-1 at-hospital --force --reason 'radio failure, confirmed by phone'")
        #expect(forced.status == 0, "\(forced.stderr)")
        let journal = try Shell.run("sqlite3 '\(db)' \"SELECT payload FROM journal WHERE kind = 'unit.status.forced'\"")
        #expect(journal.stdout.contains("radio failure, confirmed by phone"))
        let unknown = try Shell.run("ccas-track status --db '\(db)' NOPE-9 en-route")
        #expect(unknown.status == 1)
    }

    @Test("a status feed: AVL positions applied, bad and illegal lines rejected with their line, exit 65")
    func feed() throws {
        _ = try setUp()
        let feed = """
            {"kind":"status","unit":"FPT-1","status":"EN_ROUTE","at":"2026-11-29T10:02:00Z","lat":45.759,"lon":4.831}
            {"kind":"status","unit":"FPT-1","status":"AVAILABLE_NOT","at":"2026-11-29T10:03:00Z"}
            not json
            {"kind":"status","unit":"SMUR-1","status":"ON_SCENE","at":"2026-11-29T10:04:00Z"}
            {"kind":"status","unit":"FPT-1","status":"ON_SCENE","at":"2026-11-29T10:05:00Z"}
            """
        let r = try Shell.run("ccas-track feed --db '\(db)' --rejects '\(dir)/rej'", stdin: feed + "\n")
        #expect(r.status == 65)
        #expect(r.records.count == 2)
        #expect(r.stderr.contains("(at <stdin>:2)") && r.stderr.contains("(at <stdin>:3)") && r.stderr.contains("(at <stdin>:4)"))
        #expect(r.stderr.contains("SMUR-1 cannot go from AVAILABLE to ON_SCENE"))
        let pos = try Shell.run("sqlite3 '\(db)' \"SELECT last_lat, last_lon FROM unit WHERE id = 'FPT-1'\"")
        #expect(pos.lines == ["45.759|4.831"])
        let rejects = try String(contentsOfFile: dir + "/rej", encoding: .utf8)
        #expect(rejects.split(separator: "\n").count == 3)
    }

    @Test("messages: a bilan updates the victims, a renfort prints a request; close releases units and the talkgroup; cancel; reopen")
    func lifecycle() throws {
        let event = try setUp()
        let bilan = try Shell.run("ccas-track message --db '\(db)' \(event) --type bilan --text '1 victime en ACR, RCP en cours' --from VSAV-1 --victims 1")
        #expect(bilan.status == 0, "\(bilan.stderr)")
        let renfort = try Shell.run("ccas-track message --db '\(db)' \(event) --type renfort --text 'demande SMUR' --need ems_als=1")
        #expect(renfort.records.first?["type"] as? String == "renfort")
        #expect((renfort.records.first?["needs"] as? [String: Any])?["ems_als"] as? Int == 1)
        let badNeed = try Shell.run("ccas-track message --db '\(db)' \(event) --type renfort --text x --need ems_als=zero")
        #expect(badNeed.status == 64)
        #expect(try Shell.run("sqlite3 '\(db)' \"SELECT victims FROM event\"").lines == ["1"])
        _ = try Shell.run("ccas-track status --db '\(db)' VSAV-1 en-route")
        let noOutcome = try Shell.run("ccas-track close --db '\(db)' \(event) --outcome ''")
        #expect(noOutcome.status == 1)
        let close = try Shell.run("ccas-track close --db '\(db)' \(event) --outcome 'victime transportée'")
        #expect(close.status == 0, "\(close.stderr)")
        let closed = try #require(close.records.first)
        #expect(Set(closed["released_units"] as? [String] ?? []) == ["VSAV-1", "FPT-1"])
        #expect(closed["talkgroup_released"] is String)
        let units = try Shell.run("sqlite3 '\(db)' \"SELECT id, status FROM unit ORDER BY id\"")
        #expect(units.lines == ["FPT-1|AVAILABLE", "SMUR-1|AVAILABLE", "VSAV-1|RETURNING"])
        let again = try Shell.run("ccas-track close --db '\(db)' \(event) --outcome x")
        #expect(again.status == 1)
        #expect(again.stderr.contains("not open"))
        let reopened = try Shell.run("ccas-track reopen --db '\(db)' \(event) --reason 'rappel'")
        #expect(reopened.records.first?["status"] as? String == "CLASSIFIED")
        let cancelled = try Shell.run("ccas-track cancel --db '\(db)' \(event) --reason 'doublon'")
        #expect(cancelled.status == 0)
        let open = try Shell.run("ccas-track events --db '\(db)' --open --format ndjson")
        #expect(open.records.isEmpty)
        let all = try Shell.run("ccas-track events --db '\(db)' --format csv")
        #expect(all.lines.count == 2 && all.stdout.contains("CANCELLED"))
    }

    @Test("journal --follow shows a change within 100 ms")
    func follow() throws {
        _ = try setUp()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Shell.binDir + "/ccas-track")
        process.arguments = ["journal", "--db", db, "--follow", "--since", "0"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        defer { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        // A reader thread collects the output, so the test never blocks on a read.
        let collected = Collected()
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread {
            while true {
                let data = handle.availableData
                if data.isEmpty { return }
                collected.append(data)
            }
        }
        func wait(for text: String, seconds: Double) -> Date? {
            let end = Date().addingTimeInterval(seconds)
            while Date() < end {
                if collected.text.contains(text) { return Date() }
                usleep(2_000)
            }
            return nil
        }
        #expect(wait(for: "unit.engaged", seconds: 10) != nil)
        let change = try Shell.run("ccas-track status --db '\(db)' VSAV-1 acknowledged")
        #expect(change.status == 0)
        let written = Date()
        let arrived = wait(for: "\"to\":\"ACKNOWLEDGED\"", seconds: 3)
        let latency = try #require(arrived).timeIntervalSince(written)
        // The benchmark asks 100 ms; a loaded CI machine gets some slack, a broken follower none.
        #expect(latency < 0.5, "journal --follow took \(latency) s")
        let seen = Data(collected.text.utf8)
        // Every row once, in order.
        let seqs = String(decoding: seen, as: UTF8.self).split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["seq"] as? Int
        }
        #expect(seqs == Array(1...seqs.count))
    }
}

@Suite("ccas-track map and board")
struct TrackMapBoardTests {
    let dir = Shell.tempDir()
    var db: String { dir + "/ccas.db" }

    func setUp() throws {
        let units = "id,type,station,lat,lon\nVSAV-1,VSAV,CIS-A,45.76,4.83\nFPT-1,FPT,CIS-A,45.76,4.83\nVSAV-9,VSAV,CIS-Z,43.3,5.4\n"
        try units.write(toFile: dir + "/units.csv", atomically: true, encoding: .utf8)
        let aml = #"A"ML=1;lt=+45.75800;lg=+4.83200;rd=35;top=20261129100000;lc=68;pm=W;si=208150123456789;ei=356938035643809;mcc=208;mnc=15;ml=124"#
        let r = try Shell.run("""
            ccas-dispatch units import --db '\(db)' '\(dir)/units.csv' >/dev/null 2>&1 &&
            echo '\(aml)' | ccas-intake -q --db '\(db)' --from aml | jq -c '.text = "feu de cuisine, personne dedans"' | ccas-classify -q --db '\(db)' > /dev/null &&
            ccas-dispatch engage --db '\(db)' 2026-000001 VSAV-1 >/dev/null
            """)
        #expect(r.status == 0, "set-up: \(r.stderr)")
    }

    @Test("map: GeoJSON with the call's precision circle, engaged and nearby units; SVG and HTML offline")
    func map() throws {
        try setUp()
        let g = try Shell.run("ccas-track map --db '\(db)' 2026-000001 --format geojson")
        #expect(g.status == 0, "\(g.stderr)")
        let fc = try #require(g.records.first)
        #expect(fc["type"] as? String == "FeatureCollection")
        let features = fc["features"] as? [[String: Any]] ?? []
        let kinds = features.compactMap { ($0["properties"] as? [String: Any])?["kind"] as? String }
        #expect(kinds.contains("event") && kinds.contains("call") && kinds.contains("precision"))
        let unitIDs = features.filter { ($0["properties"] as? [String: Any])?["kind"] as? String == "unit" }
            .compactMap { ($0["properties"] as? [String: Any])?["id"] as? String }
        #expect(Set(unitIDs) == ["VSAV-1", "FPT-1"])  // VSAV-9 is 270 km away
        let call = features.first { ($0["properties"] as? [String: Any])?["kind"] as? String == "call" }
        #expect((call?["properties"] as? [String: Any])?["radius_m"] as? Int == 35)
        let svg = try Shell.run("ccas-track map --db '\(db)' 2026-000001 --format svg")
        #expect(svg.stdout.hasPrefix("<svg") && svg.stdout.contains("±35 m"))
        let html = try Shell.run("ccas-track map --db '\(db)' --format html")
        #expect(html.stdout.contains("<svg") && !html.stdout.contains("<script") && !html.stdout.contains("https://"))
    }

    @Test("board --once prints one frame: events by priority with their units, units by station")
    func boardOnce() throws {
        try setUp()
        let r = try Shell.run("ccas-track board --db '\(db)' --once")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("OPEN EVENTS"))
        #expect(r.stdout.contains("2026-000001"))
        #expect(r.stdout.contains("VSAV-1:ALERTED"))
        #expect(r.stdout.contains("CIS-Z"))
    }

    @Test("board in a real terminal (a pseudo-terminal) redraws when the journal changes")
    func boardLive() throws {
        try setUp()
        // tmux was the first choice, but its server outliving the test process left the test
        // runner waiting; a pty driven by Python is the same real terminal, fully under our control.
        let r = try Shell.run("python3 Tests/EndToEndTests/Fixtures/board-pty.py '\(db)' VSAV-1 en-route VSAV-1:ALERTED VSAV-1:EN_ROUTE")
        #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
        #expect(r.lines == ["FIRST-OK", "REDRAW-OK"])
    }
}

/// Bytes gathered by a reader thread.
final class Collected: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    func append(_ d: Data) { lock.lock(); data.append(d); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
}
