import Foundation
import Testing

@Suite("ccas-notify at the end of the pipeline")
struct NotifyPipelineTests {
    let dir = Shell.tempDir()
    var db: String { dir + "/ccas.db" }

    static let call = #"{"id":"C-10","received_at":"2026-11-29T04:15:30.120Z","channel":"phone","location":{"address":"Market St","lat":37.7793,"lon":-122.4193},"text":"he is not breathing"}"#
    // Until ccas-classify is in the pipe, jq adds the classification it would.
    static let classify = #"jq -c '. + {classification:{nature:"SAP.ACR",priority:"P0",reflex:true,services:["SP","SAMU"],facts:{victims:1}}}'"#

    @Test("intake | classify | dispatch --commit | notify alerts the units' station and the supervisor; a unit's ack moves it")
    func pipeline() throws {
        try """
            id,type,station,lat,lon,capabilities
            SF-55,VSAV,SFFD-36,37.7770,-122.4200,ems_bls;transport
            SF-56,SMUR,SFFD-36,37.7770,-122.4200,ems_als
            """.write(toFile: dir + "/units.csv", atomically: true, encoding: .utf8)
        let setup = try Shell.run("ccas-dispatch units import -q --db '\(db)' '\(dir)/units.csv'")
        #expect(setup.status == 0, "\(setup.stderr)")
        let r = try Shell.run("""
            ccas-intake -q --db '\(db)' | \(Self.classify) | ccas-dispatch -q --db '\(db)' --commit \
              | ccas-notify --db '\(db)' --spool '\(dir)/spool'
            """, stdin: Self.call + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        let recs = r.records
        #expect(Set(recs.compactMap { $0["recipient"] as? String }) == ["station:SFFD-36", "supervisor"])
        #expect(recs.allSatisfy { $0["status"] as? String == "sent" && $0["event_id"] as? String == "2026-000001" })
        let spooled = try FileManager.default.contentsOfDirectory(atPath: dir + "/spool")
        #expect(spooled.count == recs.count)
        let alert = try #require(recs.first { $0["unit"] as? String == "SF-55" })
        let ack = try Shell.run("ccas-notify ack \(alert["id"] as! String) --db '\(db)' --by SFFD-36")
        #expect(ack.status == 0, "\(ack.stderr)")
        let units = try Shell.run("sqlite3 '\(db)' \"SELECT id, status FROM unit ORDER BY id\"")
        #expect(units.lines == ["SF-55|ACKNOWLEDGED", "SF-56|ALERTED"])
        let journal = try Shell.run("sqlite3 '\(db)' \"SELECT kind FROM journal WHERE subject IN ('SF-55', '\(alert["id"] as! String)') ORDER BY seq\"")
        #expect(journal.lines.suffix(3) == ["notification.sent", "notification.acknowledged", "unit.status"])
    }
}
