import Foundation
import Testing

@Suite("ccas-track report on the San Francisco sample")
struct TrackReportTests {
    /// The indicators computed straight from the CSV, with Foundation's own date parsing.
    static func expected() throws -> (response: [Double], turnout: [Double], travel: [Double]) {
        let text = try String(contentsOfFile: Shell.sharedData + "/sf-fire-calls-2020-04-07.csv", encoding: .utf8)
        var rows = text.split(separator: "\n").map(String.init)
        let header = IntakeFormatsTests.splitCSV(rows.removeFirst())
        func col(_ name: String) -> Int { header.firstIndex(of: name)! }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "America/Los_Angeles")
        formatter.dateFormat = "MM/dd/yyyy hh:mm:ss a"
        func t(_ s: String) -> Double? { s.isEmpty ? nil : formatter.date(from: s)!.timeIntervalSince1970 }
        var received: [String: Double] = [:]
        var firstOnScene: [String: (onScene: Double, enRoute: Double?)] = [:]
        var turnout: [Double] = []
        for line in rows {
            let f = IntakeFormatsTests.splitCSV(line)
            let call = f[col("Incident Number")]
            received[call] = t(f[col("Received DtTm")])!
            let dispatch = t(f[col("Dispatch DtTm")]), response = t(f[col("Response DtTm")]), onScene = t(f[col("On Scene DtTm")])
            if let d = dispatch, let r = response { turnout.append(r - d) }
            if let o = onScene {
                if let current = firstOnScene[call] {
                    if o < current.onScene { firstOnScene[call] = (o, response) }
                    else if o == current.onScene, let r = response, r > (current.enRoute ?? -.infinity) { firstOnScene[call] = (o, r) }
                } else { firstOnScene[call] = (o, response) }
            }
        }
        let response = firstOnScene.map { $0.value.onScene - received[$0.key]! }
        let travel = firstOnScene.values.compactMap { v in v.enRoute.map { v.onScene - $0 } }
        return (response.sorted(), turnout.sorted(), travel.sorted())
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        let rank = p / 100 * Double(sorted.count - 1)
        let lo = Int(rank), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - Double(lo))
    }

    @Test("response, turnout and travel p50 and p90 equal an independent computation from the CSV")
    func matchesCSV() throws {
        let dir = Shell.tempDir()
        let db = dir + "/ccas.db"
        let intake = try Shell.run("ccas-intake -q --db '\(db)' --from csv --map examples/maps/sf-fire.json '\(Shell.sharedData)/sf-fire-calls-2020-04-07.csv' > /dev/null")
        #expect(intake.status == 0, "\(intake.stderr)")
        let r = try Shell.run("ccas-track report --db '\(db)' --format ndjson")
        #expect(r.status == 0, "\(r.stderr)")
        func line(_ indicator: String) -> [String: Any]? {
            r.records.first { $0["indicator"] as? String == indicator && $0["group"] as? String == "all" }
        }
        let expected = try Self.expected()
        for (name, values) in [("response", expected.response), ("turnout", expected.turnout), ("travel", expected.travel)] {
            let l = try #require(line(name), "no \(name) line")
            #expect(l["count"] as? Int == values.count, "\(name) count")
            for p in [50.0, 90.0] {
                let got = try #require(l["p\(Int(p))_s"] as? Double)
                #expect(abs(got - Self.percentile(values, p)) < 0.001, "\(name) p\(Int(p)): \(got) vs \(Self.percentile(values, p))")
            }
        }
    }

    @Test("--fail-if exits 1 on a breach, 0 otherwise, 64 on a bad expression; html, md and csv render")
    func failIfAndFormats() throws {
        let dir = Shell.tempDir()
        let db = dir + "/ccas.db"
        _ = try Shell.run("ccas-intake -q --db '\(db)' --from csv --map examples/maps/sf-fire.json '\(Shell.sharedData)/sf-fire-calls-2020-04-07.csv' > /dev/null")
        let breach = try Shell.run("ccas-track report --db '\(db)' --format csv --fail-if 'response.p90>600'")
        #expect(breach.status == 1)
        #expect(breach.stderr.contains("threshold breached: response.p90>600"))
        #expect(breach.stdout.hasPrefix("indicator,group,count,p50_s"))
        let fine = try Shell.run("ccas-track report --db '\(db)' --format md --fail-if 'response.p90>5000,answer.count<1'")
        #expect(fine.status == 0, "\(fine.stderr)")
        #expect(fine.stdout.contains("| response | all |"))
        let bad = try Shell.run("ccas-track report --db '\(db)' --fail-if 'response.p42>1'")
        #expect(bad.status == 64)
        let html = try Shell.run("ccas-track report --db '\(db)' --format html")
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(html.stdout.contains("<svg"))
        #expect(!html.stdout.contains("<script"))
        #expect(!html.stdout.contains("http://") || html.stdout.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://") == false)
    }
}
