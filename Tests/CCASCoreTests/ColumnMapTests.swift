import Testing
@testable import CCASCore

@Suite("Column maps")
struct ColumnMapTests {
    func run(_ map: ColumnMap, _ lines: [String]) throws -> [IntakeOutput] {
        var reader = ColumnMapReader(map: map)
        var out: [IntakeOutput] = []
        for line in lines { out += try reader.read(line: line) }
        return out + reader.finish()
    }

    /// Splits one CSV line on commas outside quotes; written apart from `CSVReader`, to check it.
    func naiveFields(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false
        for ch in line {
            if ch == "\"" { quoted.toggle() } else if ch == ",", !quoted { fields.append(field); field = "" } else { field.append(ch) }
        }
        return fields + [field]
    }

    @Test func sanFranciscoSample() throws {
        let text = try FormatFixtures.sharedData("sf-fire-calls-2020-04-07.csv")
        let map = try ColumnMap(text: FormatFixtures.example("examples/maps/sf-fire.json"))
        let lines = FormatFixtures.lines(text)
        let out = try run(map, lines)

        // Expected figures, counted from the raw lines.
        let header = naiveFields(lines[0])
        let rows = lines.dropFirst().map(naiveFields)
        #expect(rows.count == 3000)
        let callNumber = header.firstIndex(of: "Call Number")!
        let expectedCalls = Set(rows.map { $0[callNumber] }).count
        let timeColumns = ["Dispatch DtTm", "Response DtTm", "On Scene DtTm", "Transport DtTm", "Hospital DtTm", "Available DtTm"]
            .map { header.firstIndex(of: $0)! }
        let expectedStatuses = rows.reduce(0) { n, row in n + timeColumns.filter { !row[$0].isEmpty }.count }

        let errors = out.compactMap(\.error)
        #expect(errors.isEmpty, "\(errors.prefix(3))")
        let records = out.compactMap(\.record)
        let calls = records.filter { $0["kind"] == "call" }
        let statuses = records.filter { $0["kind"] == "status" }
        #expect(expectedCalls == 1560)
        #expect(calls.count == expectedCalls)
        #expect(Set(calls.compactMap { $0["id"]?.stringValue }).count == expectedCalls)
        #expect(expectedStatuses == 13260)
        #expect(statuses.count == expectedStatuses)

        // Each call is followed by its own statuses, in time order.
        var current: String?
        var lastAt = ""
        for r in records {
            if r["kind"] == "call" { current = r["id"]?.stringValue; lastAt = "" } else {
                #expect(r["call_id"]?.stringValue == current)
                let at = r["at"]!.stringValue!
                #expect(at >= lastAt)
                lastAt = at
            }
        }

        // The first call, crossing midnight, field by field.
        let first = calls[0]
        #expect(JSONWriter.string(first) == """
        {"kind":"call","v":1,"id":"SF-200983546","received_at":"2020-04-08T06:53:08.000Z","answered_at":"2020-04-08T06:55:30.000Z","channel":"phone","location":{"address":"4000 Block of MISSION ST","city":"San Francisco","lat":37.7321746,"lon":-122.4277935,"source":"sf-fire"},"text":"Medical Incident","nature_hint":"Medical Incident","correlation_key":"sf-fire:20041901","source":{"system":"sf-fire","call_number":"200983546","incident_number":"20041901","call_type_group":"Non Life-threatening","original_priority":"3","priority":"3","final_priority":"3","disposition":"Code 2 Transport","number_of_alarms":"1","zipcode":"94112","battalion":"B06","station_area":"32","box":"5633","supervisor_district":"9","neighborhood":"Bernal Heights","line":2}}
        """)
        let e32 = statuses.filter { $0["call_id"] == "SF-200983546" && $0["unit"] == "E32" }
        #expect(e32.map { $0["status"]!.stringValue! } == ["ALERTED", "EN_ROUTE", "ON_SCENE", "AVAILABLE"])
        #expect(JSONWriter.string(e32[2]) == """
        {"kind":"status","v":1,"unit":"E32","unit_type":"ENGINE","status":"ON_SCENE","at":"2020-04-08T07:00:00.000Z","call_id":"SF-200983546","source":"sf-fire"}
        """)

        // A call whose rows are 414 rows apart is still one call with all its units.
        let split = rows.filter { $0[callNumber] == "200992864" }
        let splitStatuses = statuses.filter { $0["call_id"] == "SF-200992864" }
        #expect(split.count >= 2)
        #expect(splitStatuses.count == split.reduce(0) { n, row in n + timeColumns.filter { !row[$0].isEmpty }.count })

        // Reading again gives the same records: ids are stable.
        #expect(try run(map, lines).compactMap(\.record) == records)
    }

    @Test func montgomerySample() throws {
        let text = try FormatFixtures.sharedData("montgomery-pa-911-sample.csv")
        let map = try ColumnMap(text: FormatFixtures.example("examples/maps/montgomery.json"))
        let lines = FormatFixtures.lines(text)
        let out = try run(map, lines)
        #expect(out.compactMap(\.error).isEmpty, "\(out.compactMap(\.error).prefix(3))")
        let calls = out.compactMap(\.record)
        #expect(calls.count == lines.count - 1)
        #expect(calls.count == 2308)
        // 9 rows are exact copies of the row before them: they get "-2" ids, all ids differ.
        let ids = calls.compactMap { $0["id"]?.stringValue }
        #expect(Set(ids).count == 2308)
        #expect(ids.filter { $0.hasSuffix("-2") }.count == 9)
        let first = calls[0]
        #expect(first["received_at"] == "2016-01-15T17:01:00.000Z")
        #expect(first["text"] == "EMS: ABDOMINAL PAINS")
        #expect(first["nature_hint"] == "EMS: ABDOMINAL PAINS")
        #expect(first["location"]?["lat"] == .number("40.0883549"))
        #expect(first["location"]?["lon"] == .number("-75.3821004"))
        #expect(first["location"]?["city"] == "UPPER MERION")
        #expect(first["location"]?["address"] == "DEKALB PIKE & ALLENDALE RD")
        #expect(first["id"]?.stringValue?.hasPrefix("MC-") == true)
        #expect(try run(map, lines).compactMap(\.record).map { $0["id"] } == calls.map { $0["id"] })
    }

    static let sfLikeMap = """
    {"system": "t", "time_format": "MM/dd/yyyy hh:mm:ss a", "time_zone": "America/Los_Angeles",
     "id": {"column": "Call", "prefix": "T-"}, "group_by": "Call", "group_window": 3, "event_key": "Inc",
     "received_at": "Recv", "location": "Loc", "caller": {"phone": "Phone"}, "phone_country": "US", "text": ["Type", "Note"],
     "units": {"id": "Unit", "type": "UType", "times": {"ALERTED": "Disp", "ON_SCENE": "Scene"}}}
    """
    static let header = "Call,Inc,Recv,Loc,Phone,Type,Note,Unit,UType,Disp,Scene"

    @Test func badRowsAreReportedWithLineAndReasonAndTheRestGoesOn() throws {
        let map = try ColumnMap(text: Self.sfLikeMap)
        let out = try run(map, [
            Self.header,
            "1,I1,13/45/2020 11:53:08 PM,\"(37.7, -122.4)\",,Fire,,E1,ENGINE,04/07/2020 11:55:00 PM,",
            "2,I2,04/07/2020 11:00:00 PM,\"(95.0, -122.4)\",,Fire,,E1,ENGINE,,",
            ",I3,04/07/2020 11:00:00 PM,,,Fire,,E1,ENGINE,,",
            "4,I4,04/07/2020 11:00:00 PM,,12,Fire,,E1,ENGINE,,",
            "5,I5,04/07/2020 11:00:00 PM,,,Fire,,E1,ENGINE,04/07/2020 11:61:00 PM,",
            "6,I6,04/07/2020 11:00:00 PM,,,Fire,,,,04/07/2020 11:05:00 PM,",
            "7,I7,04/07/2020 11:00:00 PM,\"(0.0, 0.0)\",,Fire,,E1,ENGINE,,",
            "8,I8,,,,Fire,,E1,ENGINE,,",
            "9,I9,04/07/2020 11:00:00 PM,,(415) 555-0100,Fire,Smoke seen,E1,ENGINE,04/07/2020 11:02:00 PM,04/07/2020 11:09:00 PM",
            "10,too,few",
        ])
        let errors = out.compactMap(\.error)
        #expect(errors.map(\.line) == [2, 3, 4, 5, 6, 7, 8, 9, 11])
        #expect(errors[0].description == "line 2: \"Recv\" is \"13/45/2020 11:53:08 PM\", expected MM/dd/yyyy hh:mm:ss a (month 13 is not 1–12)")
        #expect(errors[0].raw == "1,I1,13/45/2020 11:53:08 PM,\"(37.7, -122.4)\",,Fire,,E1,ENGINE,04/07/2020 11:55:00 PM,")
        #expect(errors[1].reason.contains("bad coordinates in \"Loc\"") && errors[1].reason.contains("latitude 95"))
        #expect(errors[2].reason == "missing id: \"Call\" is empty")
        #expect(errors[3].reason.contains("\"Phone\": phone \"12\""))
        #expect(errors[4].reason.contains("\"Disp\" is \"04/07/2020 11:61:00 PM\""))
        #expect(errors[5].reason == "\"Unit\" is empty but \"Disp\" has a time")
        #expect(errors[6].reason.contains("null island"))
        #expect(errors[7].reason.contains("\"Recv\" is empty"))
        #expect(errors[8].reason.contains("3 fields, expected 11"))
        let records = out.compactMap(\.record)
        #expect(records.count == 3)
        #expect(records[0]["id"] == "T-9")
        #expect(records[0]["caller"]?["phone"] == "+14155550100")
        #expect(records[0]["text"] == "Fire — Smoke seen")
        #expect(records[0]["correlation_key"] == "t:I9")
        #expect(records[1]["status"] == "ALERTED" && records[2]["status"] == "ON_SCENE")
    }

    @Test func rowsOfACallApartWithinTheWindowAreOneCall() throws {
        let map = try ColumnMap(text: Self.sfLikeMap)  // group_window 3
        let t = "04/07/2020 11:00:00 PM"
        func row(_ call: String, _ unit: String, _ disp: String) -> String { "\(call),I\(call),\(t),,,Fire,,\(unit),ENGINE,\(disp)," }
        let out = try run(map, [
            Self.header,
            row("1", "E1", "04/07/2020 11:03:00 PM"),
            row("2", "E2", "04/07/2020 11:01:00 PM"),
            row("1", "E3", "04/07/2020 11:02:00 PM"),  // back to call 1: joins it
            row("3", "E4", ""), row("4", "E5", ""), row("5", "E6", ""), row("6", "E7", ""),
            row("1", "E8", "04/07/2020 11:04:00 PM"),  // beyond the window: statuses alone
        ]).compactMap(\.record)
        let summary = out.map { r in r["kind"] == "call" ? "call \(r["id"]!.stringValue!)" : "\(r["unit"]!.stringValue!) \(r["call_id"]!.stringValue!)" }
        #expect(summary == ["call T-1", "E3 T-1", "E1 T-1", "call T-2", "E2 T-2", "call T-3", "E8 T-1",
                            "call T-4", "call T-5", "call T-6"])
    }

    @Test func headerWithoutTheMapsColumnsStopsWithOneClearError() throws {
        let map = try ColumnMap(text: Self.sfLikeMap)
        var reader = ColumnMapReader(map: map)
        #expect(throws: InputError.self) { _ = try reader.read(line: "Call,Inc,Received,Loc") }
        do { _ = try reader.read(line: "1,2,3,4") } catch {
            #expect(error.reason.contains("\"Recv\""))
            #expect(error.line == 1)
        }
    }

    @Test(arguments: [
        ("{}", "received_at"),
        ("[]", "JSON object"),
        ("{\"received_at\": \"R\"}", "\"id\" is required"),
        ("{\"recieved_at\": \"R\", \"id\": \"I\"}", "unknown key \"recieved_at\""),
        ("{\"received_at\": \"R\", \"id\": \"I\", \"channel\": \"fax\"}", "channel \"fax\""),
        ("{\"received_at\": \"R\", \"id\": \"I\", \"time_format\": \"dd/MM/yyyy HH:mm\"}", "needs a time zone"),
        ("{\"received_at\": \"R\", \"id\": \"I\", \"time_format\": \"dd/MM/yyyy HH:mm\", \"time_zone\": \"Nowhere/City\"}", "unknown"),
        ("{\"received_at\": {\"column\": \"R\", \"format\": \"yyyy-MM-dd hh:mm\", \"time_zone\": \"UTC\"}, \"id\": \"I\"}", "AM/PM"),
        ("{\"received_at\": \"R\", \"id\": \"I\", \"lat\": \"Y\"}", "go together"),
        ("{\"received_at\": \"R\", \"id\": \"I\", \"location\": \"L\", \"lat\": \"Y\", \"lon\": \"X\"}", "not both"),
        ("{\"received_at\": \"R\", \"id\": \"I\", \"units\": {\"id\": \"U\", \"times\": {\"PARKED\": \"P\"}}}", "not a unit status"),
        ("{\"received_at\": \"R\", \"id\": \"I\", \"units\": {\"id\": \"U\"}}", "needs \"times\""),
        ("{\"received_at\": \"R\", \"id\": \"I\", \"group_window\": 0}", "positive"),
        ("{\"received_at\": \"R\", \"id\": {\"derive\": \"magic\"}}", "row_hash"),
        ("{\"received_at\": \"R\", \"id\": \"I\", \"phone_country\": \"ZZ\"}", "phone_country"),
        ("not json", "not JSON"),
    ])
    func badMaps(text: String, reason: String) {
        do {
            _ = try ColumnMap(text: text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.reason.hasPrefix("map: "))
            #expect(error.reason.contains(reason), "\(error.reason)")
        }
    }
}
