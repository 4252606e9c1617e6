import Foundation
import Testing

/// The units in `ccas-track export`: their type comes from the units table (not guessed from the
/// id), and their status is the one the unit table holds, also after a back-dated status.
@Suite("ccas-track export, units")
struct ExportUnitsTests {
    let dir = Shell.tempDir()
    var db: String { dir + "/ccas.db" }

    func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: date)
    }

    func json(_ file: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
    }

    @Test("types from the units table; a back-dated status counts as the unit table takes it; both valid")
    func typesAndBackDatedStatus() throws {
        // Ids that say nothing of the type: AMB7 is a SMUR, X1 a VSR.
        let units = "id,type,station,lat,lon\nAMB7,SMUR,SAMU-69,45.74,4.85\nX1,VSR,CIS-A,45.76,4.83\n"
        try units.write(toFile: dir + "/units.csv", atomically: true, encoding: .utf8)
        let call = #"{"id":"T-1","received_at":"2026-11-29T10:00:00Z","channel":"phone","location":{"address":"3 place Bellecour, Lyon","lat":45.7578,"lon":4.832},"text":"il ne respire plus"}"#
        // The engagement is stamped now: the statuses follow it.
        let now = Date()
        let onScene = iso(now.addingTimeInterval(120)), returning = iso(now.addingTimeInterval(60))
        let r = try Shell.run("""
            ccas-dispatch units import --db '\(db)' '\(dir)/units.csv' >/dev/null 2>&1 &&
            ccas-intake -q --db '\(db)' | ccas-classify -q --db '\(db)' >/dev/null &&
            ccas-dispatch engage --db '\(db)' 2026-000001 AMB7 X1 >/dev/null 2>&1 &&
            ccas-track status --db '\(db)' AMB7 en-route --at '\(iso(now.addingTimeInterval(30)))' >/dev/null &&
            ccas-track status --db '\(db)' AMB7 on-scene --at '\(onScene)' >/dev/null &&
            ccas-track status --db '\(db)' AMB7 returning --at '\(returning)' >/dev/null &&
            sqlite3 '\(db)' "SELECT status FROM unit WHERE id = 'AMB7'"
            """, stdin: call + "\n")
        #expect(r.status == 0, "set-up: \(r.stderr)")
        // Entered last, though earlier than ON_SCENE: the unit table holds RETURNING.
        #expect(r.lines == ["RETURNING"])

        let eido = try Shell.run("ccas-track export --db '\(db)' 2026-000001 --format eido > '\(dir)/eido.json'")
        #expect(eido.status == 0, "\(eido.stderr)")
        let emsi = try Shell.run("ccas-track export --db '\(db)' 2026-000001 --format emsi > '\(dir)/emsi.json'")
        #expect(emsi.status == 0, "\(emsi.stderr)")
        let validator = ExportTests()
        let v1 = try validator.validate(dir + "/eido.json", eido: true)
        #expect(v1.status == 0, "EIDO invalid: \(v1.stdout)\(v1.stderr)")
        let v2 = try validator.validate(dir + "/emsi.json", eido: false)
        #expect(v2.status == 0, "EMSI invalid: \(v2.stdout)\(v2.stderr)")

        let resources = try #require(try json(dir + "/eido.json")["emergencyResourceComponent"] as? [[String: Any]])
        func resource(_ unit: String) -> [String: Any]? { resources.first { $0["emergencyResourceName"] as? String == unit } }
        #expect(resource("AMB7")?["emergencyResourceTypeInternalText"] as? String == "SMUR")
        #expect(resource("AMB7")?["emergencyResourceTypeCommonRegistryText"] as? String == "ALS")
        #expect(resource("AMB7")?["unitStatusInternal"] as? [String] == ["RETURNING"])
        #expect(resource("AMB7")?["primaryUnitStatusRegistryText"] as? String == "Returning")
        #expect(resource("X1")?["emergencyResourceTypeInternalText"] as? String == "VSR")
        #expect(resource("X1")?["emergencyResourceTypeCommonRegistryText"] as? String == "Engine")

        let message = try json(dir + "/emsi.json")
        let emsiResources = try #require(message["RESOURCE"] as? [[String: Any]])
        func rclass(_ unit: String) -> [String]? {
            (emsiResources.first { $0["ID"] as? String == unit }?["RTYPE"] as? [String: Any])?["RCLASS"] as? [String]
        }
        #expect(rclass("AMB7") == ["HUM/UNIT/MEDCL"])
        #expect(rclass("X1") == ["MAT/VEH/ROADVE/FRFGTN/RSC"])
        #expect(emsiResources.first { $0["ID"] as? String == "AMB7" }?["STATUS"] as? String == "IN_USE/MOBILE")
        #expect(emsiResources.first { $0["ID"] as? String == "AMB7" }?["FREETEXT"] as? String == "SMUR — RETURNING")
        let missions = try #require(message["MISSION"] as? [[String: Any]])
        #expect(missions.first { ($0["RESOURCE_ID"] as? [String]) == ["AMB7"] }?["TYPE"] as? String == "SAV/AR/FR_MED")
        #expect(missions.first { ($0["RESOURCE_ID"] as? [String]) == ["AMB7"] }?["STATUS"] as? String == "COM")

        // `show` keeps the history in time order: ON_SCENE, the latest by time, comes last.
        let shown = try #require(try Shell.run("ccas-track show --db '\(db)' 2026-000001").records.first)
        let history = (shown["units"] as? [[String: Any]])?.filter { $0["unit"] as? String == "AMB7" }.compactMap { $0["status"] as? String }
        #expect(history?.last == "ON_SCENE")
    }
}
