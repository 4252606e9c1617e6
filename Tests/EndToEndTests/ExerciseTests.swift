import Foundation
import Testing

/// Exercise mode end to end: the same kind of call taken for real and in an exercise, through
/// intake → dispatch → notify, in one store.
@Suite("exercise mode end to end")
struct ExerciseTests {
    let dir = Shell.tempDir()
    var db: String { dir + "/ccas.db" }

    /// A call about an attack with 12 victims: supervisor, duty officer, prefect, prosecutor, every
    /// service and the engaged units' stations are told (DOMAIN.md).
    static func call(_ id: String, minutesAgo: Int, lat: Double, lon: Double) -> String {
        let at = Date().addingTimeInterval(Double(-minutesAgo * 60))
        let f = ISO8601DateFormatter()
        return #"{"id":"\#(id)","received_at":"\#(f.string(from: at))","answered_at":"\#(f.string(from: at.addingTimeInterval(5)))","channel":"phone","location":{"address":"place de la Gare","lat":\#(lat),"lon":\#(lon)},"text":"explosion, une douzaine de blessés"}"#
    }

    // Until ccas-classify is sure of this one, jq adds the classification it would give.
    static let classify = #"jq -c '. + {classification:{nature:"SEC.ATTENTAT",priority:"P0",reflex:true,services:["SP","SAMU","POLICE"],facts:{victims:12}}}'"#

    func pipeline(_ call: String, exercise: Bool, cap: String) throws -> Shell.Result {
        let x = exercise ? " --exercise" : ""
        return try Shell.run("""
            ccas-intake -q\(x) --db '\(db)' | \(Self.classify) | ccas-dispatch -q\(x) --db '\(db)' --commit \
              | ccas-notify -q\(x) --db '\(db)' --channel cap --target '\(cap)'
            """, stdin: call + "\n")
    }

    func count(_ sql: String) throws -> String {
        try Shell.run("sqlite3 '\(db)' \"\(sql)\"").lines.first ?? "?"
    }

    @Test("--exercise through intake | dispatch | notify: CAP status Exercise, only exercise recipients, left out of reports, removed by purge --exercise")
    func endToEnd() throws {
        try """
            id,type,station,lat,lon,capabilities
            EX-1,VSAV,CIS Centre,48.8600,2.3400,ems_bls;transport
            EX-2,VSAV,CIS Centre,48.8600,2.3400,ems_bls;transport
            EX-3,FPT,CIS Centre,48.8600,2.3400,fire
            EX-4,FPT,CIS Centre,48.8600,2.3400,fire
            """.write(toFile: dir + "/units.csv", atomically: true, encoding: .utf8)
        let setup = try Shell.run("ccas-dispatch units import -q --db '\(db)' '\(dir)/units.csv'")
        #expect(setup.status == 0, "\(setup.stderr)")

        // Far apart, so the two calls are two events.
        let real = try pipeline(Self.call("REAL-1", minutesAgo: 30, lat: 48.8600, lon: 2.3500), exercise: false, cap: dir + "/cap-real")
        #expect(real.status == 0, "\(real.stderr)")
        let drill = try pipeline(Self.call("DRILL-1", minutesAgo: 10, lat: 45.7600, lon: 4.8400), exercise: true, cap: dir + "/cap-drill")
        #expect(drill.status == 0, "\(drill.stderr)")

        // Every record and stored row of the drill is marked; none of the real ones is.
        #expect(!real.records.isEmpty && real.records.allSatisfy { $0["exercise"] as? Bool == false })
        #expect(!drill.records.isEmpty && drill.records.allSatisfy { $0["exercise"] as? Bool == true })
        for table in ["call", "event", "notification"] {
            #expect(try count("SELECT count(*) FROM \(table) WHERE exercise = 1") != "0", "no exercise row in \(table)")
            #expect(try count("SELECT count(*) FROM \(table) WHERE exercise = 0") != "0", "no real row in \(table)")
        }
        #expect(try count("SELECT count(*) FROM call WHERE id = 'DRILL-1' AND exercise = 1") == "1")

        // Only recipients marked for exercises are told of the drill.
        let realTo = Set(real.records.compactMap { $0["recipient"] as? String })
        let drillTo = Set(drill.records.compactMap { $0["recipient"] as? String })
        #expect(realTo.isSuperset(of: ["supervisor", "duty_officer", "prefect", "prosecutor"]), "\(realTo)")
        #expect(drillTo.isSuperset(of: ["supervisor", "duty_officer"]), "\(drillTo)")
        #expect(drillTo.isDisjoint(with: ["prefect", "prosecutor", "mayor"]), "\(drillTo)")

        // CAP: Actual for the real event, Exercise for the drill, one alert per notification.
        for (folder, records, status) in [("cap-real", real.records, "Actual"), ("cap-drill", drill.records, "Exercise")] {
            let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/" + folder)
            #expect(files.count == records.count)
            for file in files {
                let xml = try String(contentsOfFile: dir + "/" + folder + "/" + file, encoding: .utf8)
                #expect(xml.contains("<status>\(status)</status>"), "\(file)")
            }
        }

        // Reports leave the drill out unless asked.
        func answered(_ extra: String) throws -> Int {
            let r = try Shell.run("ccas-track report --db '\(db)' --since 2000-01-01T00:00:00Z --format ndjson \(extra)")
            #expect(r.status == 0, "\(r.stderr)")
            return r.records.filter { $0["group"] as? String == "all" }.compactMap { $0["count"] as? Int }.max() ?? -1
        }
        let without = try answered(""), with = try answered("--include-exercise")
        #expect(without == 1 && with == 2, "report counts: \(without) without the drill, \(with) with it")

        // purge --exercise removes the drill, and only it.
        let purge = try Shell.run("ccas purge --exercise --db '\(db)'")
        #expect(purge.status == 0, "\(purge.stderr)")
        for table in ["call", "event", "notification", "journal"] {
            #expect(try count("SELECT count(*) FROM \(table) WHERE exercise = 1") == "0", "exercise rows left in \(table)")
        }
        for table in ["call", "event", "notification"] {
            #expect(try count("SELECT count(*) FROM \(table) WHERE exercise = 0") != "0", "real rows gone from \(table)")
        }
        #expect(try count("SELECT count(*) FROM notification") == String(real.records.count))
    }
}
