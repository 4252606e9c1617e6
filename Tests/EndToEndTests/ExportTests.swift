import Foundation
import Testing

@Suite("ccas-track export, end to end")
struct ExportTests {
    let dir = Shell.tempDir()
    var db: String { dir + "/ccas.db" }

    /// A store with two calls for one place, classified, two units engaged, a status and a message.
    /// The engagement is stamped now, so the status after it is too (a fixed time once fell before it).
    func setUp() throws -> String {
        let units = "id,type,station,lat,lon\nVSAV-1,VSAV,CIS-A,45.76,4.83\nFPT-1,FPT,CIS-A,45.76,4.83\nSMUR-1,SMUR,SAMU-69,45.74,4.85\n"
        try units.write(toFile: dir + "/units.csv", atomically: true, encoding: .utf8)
        let calls = """
            {"id":"T-1","received_at":"2026-11-29T10:00:00Z","answered_at":"2026-11-29T10:00:03.5Z","channel":"phone","caller":{"phone":"06 12 34 56 78"},"location":{"address":"3 place Bellecour, Lyon","lat":45.7578,"lon":4.832},"text":"il ne respire plus, un homme de 60 ans"}
            {"id":"T-2","received_at":"2026-11-29T10:01:10Z","channel":"phone","location":{"address":"3 place Bellecour, Lyon","lat":45.7579,"lon":4.8321},"text":"quelqu'un fait un massage & il faut venir <vite>"}
            """
        let r = try Shell.run("""
            ccas-dispatch units import --db '\(db)' '\(dir)/units.csv' >/dev/null 2>&1 &&
            ccas-intake -q --db '\(db)' | ccas-classify -q --db '\(db)' >/dev/null &&
            ccas-dispatch engage --db '\(db)' 2026-000001 VSAV-1 SMUR-1 >/dev/null &&
            ccas-track status --db '\(db)' VSAV-1 en-route >/dev/null &&
            ccas-track message --db '\(db)' 2026-000001 --type bilan --from VSAV-1 --victims 1 --text 'RCP en cours' >/dev/null
            """, stdin: calls + "\n")
        #expect(r.status == 0, "set-up: \(r.stderr)")
        return "2026-000001"
    }

    /// Validates a JSON file against a JSON Schema (EMSI) or the EIDO OpenAPI's incident schema.
    func validate(_ file: String, eido: Bool) throws -> Shell.Result {
        let script = """
            import json, sys, jsonschema
            kind, schema_file, doc_file = sys.argv[1:4]
            if kind == "eido":
                import yaml
                spec = yaml.safe_load(open(schema_file))
                # The published file has `minItems: "1,"` (a string) in AgentType: not a schema; dropped.
                def fix(o):
                    if isinstance(o, dict):
                        if isinstance(o.get("minItems"), str): del o["minItems"]
                        for v in o.values(): fix(v)
                    elif isinstance(o, list):
                        for v in o: fix(v)
                fix(spec)
                schema = {"$ref": "#/components/schemas/EmergencyIncidentDataObjectType", "components": spec["components"]}
            else:
                schema = json.load(open(schema_file))
            doc = json.load(open(doc_file))
            v = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
            errors = list(v.iter_errors(doc))
            for e in errors: print("/".join(map(str, e.absolute_path)), e.message)
            sys.exit(1 if errors else 0)
            """
        try script.write(toFile: dir + "/validate.py", atomically: true, encoding: .utf8)
        let schema = eido ? Shell.sharedData + "/eido/openapi.yaml" : Shell.sharedData + "/hubsante/EMSI.schema.json"
        return try Shell.run("python3 '\(dir)/validate.py' \(eido ? "eido" : "emsi") '\(schema)' '\(file)'")
    }

    @Test("EIDO: valid against the OpenAPI incident schema, read back by ccas-intake --from eido with the same locations, texts and times")
    func eido() throws {
        let event = try setUp()
        let r = try Shell.run("ccas-track export --db '\(db)' --agency sdis69.fr \(event) --format eido > '\(dir)/eido.json'")
        #expect(r.status == 0, "\(r.stderr)")
        let v = try validate(dir + "/eido.json", eido: true)
        #expect(v.status == 0, "EIDO invalid: \(v.stdout)\(v.stderr)")

        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/eido.json"))) as? [String: Any])
        #expect(doc["$id"] as? String == "urn:emergency:uid:incidentid:\(event):sdis69.fr")
        #expect((doc["callComponent"] as? [Any])?.count == 2)
        #expect((doc["emergencyResourceComponent"] as? [Any])?.count == 2)

        let shown = try #require(try Shell.run("ccas-track show --db '\(db)' \(event)").records.first)
        let original = try #require(shown["calls"] as? [[String: Any]])
        let back = try Shell.run("ccas-intake --no-store --from eido '\(dir)/eido.json'")
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.records.count == 2)
        for (a, b) in zip(original, back.records) {
            #expect(b["received_at"] as? String == a["received_at"] as? String)
            #expect(b["answered_at"] as? String == a["answered_at"] as? String)
            #expect(b["text"] as? String == a["text"] as? String)
            let la = a["location"] as? [String: Any], lb = b["location"] as? [String: Any]
            #expect(lb?["address"] as? String == la?["address"] as? String)
            #expect(lb?["lat"] as? Double == la?["lat"] as? Double)
            #expect(lb?["lon"] as? Double == la?["lon"] as? Double)
            #expect((b["caller"] as? [String: Any])?["phone"] as? String == (a["caller"] as? [String: Any])?["phone"] as? String)
        }
        // Into another centre's store: both calls join one event.
        let other = try Shell.run("ccas-intake -q --db '\(dir)/other.db' --from eido '\(dir)/eido.json' >/dev/null && sqlite3 '\(dir)/other.db' 'SELECT count(DISTINCT event_id), count(*) FROM call'")
        #expect(other.lines == ["1|2"], "\(other.stderr)")
    }

    @Test("EMSI: valid against the Hub Santé schema, with the nature's category, missions and resources")
    func emsi() throws {
        let event = try setUp()
        let r = try Shell.run("ccas-track export --db '\(db)' \(event) --format emsi --exercise > '\(dir)/emsi.json'")
        #expect(r.status == 0, "\(r.stderr)")
        let v = try validate(dir + "/emsi.json", eido: false)
        #expect(v.status == 0, "EMSI invalid: \(v.stdout)\(v.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/emsi.json"))) as? [String: Any])
        let context = doc["CONTEXT"] as? [String: Any], ev = doc["EVENT"] as? [String: Any]
        #expect(context?["MODE"] as? String == "EXERCS")
        #expect(ev?["ID"] as? String == event)
        #expect((ev?["ETYPE"] as? [String: Any])?["CATEGORY"] as? [String] == ["HLT"])
        #expect(ev?["STATUS"] as? String == "IPR")
        let missions = doc["MISSION"] as? [[String: Any]]
        #expect(missions?.compactMap { $0["RESOURCE_ID"] as? [String] } == [["VSAV-1"], ["SMUR-1"]])
        #expect(missions?.compactMap { $0["TYPE"] as? String } == ["SAV/ASC", "SAV/AR/FR_MED"])
        let resources = doc["RESOURCE"] as? [[String: Any]]
        #expect(resources?.first { $0["ID"] as? String == "VSAV-1" }?["STATUS"] as? String == "IN_USE/MOBILE")
    }

    @Test("a closed event exports as finished in both formats; an unknown event is exit 1 with the reason; a bad format is 64")
    func closedAndErrors() throws {
        let event = try setUp()
        let close = try Shell.run("ccas-track close --db '\(db)' \(event) --outcome 'transporté CHU'")
        #expect(close.status == 0, "\(close.stderr)")
        for format in ["eido", "emsi"] {
            let r = try Shell.run("ccas-track export --db '\(db)' \(event) --format \(format) > '\(dir)/\(format).json'")
            #expect(r.status == 0, "\(r.stderr)")
            let v = try validate(dir + "/\(format).json", eido: format == "eido")
            #expect(v.status == 0, "\(format) invalid: \(v.stdout)\(v.stderr)")
        }
        let emsi = try String(contentsOfFile: dir + "/emsi.json", encoding: .utf8)
        #expect(emsi.contains("\"STATUS\":\"COM\"") && emsi.contains("\"MSGTYPE\":\"UPDATE\""))
        let eido = try String(contentsOfFile: dir + "/eido.json", encoding: .utf8)
        #expect(eido.contains("\"dispositionCommonRegistryCode\":\"Completed\"") && eido.contains("transporté CHU"))

        let unknown = try Shell.run("ccas-track export --db '\(db)' 2026-999999 --format eido")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("2026-999999"))
        #expect(unknown.stdout.isEmpty)
        let bad = try Shell.run("ccas-track export --db '\(db)' \(event) --format xml")
        #expect(bad.status == 64)
    }
}
