import Testing
@testable import CCASCore

@Suite("EIDO")
struct EIDOTests {
    @Test func readsTheSampleCallTransfer() throws {
        let out = EIDO.read(try FormatFixtures.sharedData("eido/sample-call-transfer.json"), defaultCountry: "US")
        #expect(out.count == 1)
        let call = try #require(out.first?.record, "\(out)")
        #expect(call["id"] == "urn:emergency:uid:callid:a56e556d871:bcf.state.pa.us")
        #expect(call["channel"] == "transfer")
        #expect(call["received_at"] == "2021-04-30T18:40:00.000Z")
        #expect(call["answered_at"] == "2021-04-30T18:42:00.000Z")
        #expect(call["caller"]?["phone"] == "+18195551212")
        #expect(call["caller"]?["callback_uris"] == ["sip:8195551212@osp.com", "tel:8195551212"])
        let loc = try #require(call["location"])
        #expect(loc["address"] == "42 W Cellular Street")
        #expect(loc["city"] == "Wilmington")
        #expect(loc["method"] == "manual")
        #expect(loc["source"] == "eido")
        let parts = try #require(loc["components"]?.arrayValue)
        #expect(parts.count == 2)
        #expect(parts[0]["type"] == "RoutingLocation" && parts[0]["civic"]?["A1"] == "DE")
        #expect(parts[1]["type"] == "Caller" && parts[1]["by_reference"] == "https://lrf.osp.com?oasufdqwerjn12346jfias")
        #expect(call["text"] == "This is an example text.")
        #expect(call["correlation_key"] == "urn:emergency:uid:incidentid:a56e556d871:bcf.state.pa.us")
        #expect(call["source"]?["system"] == "eido" && call["source"]?["issuing_element"] == "idx.state.pa.us")
        #expect(call["source"]?["call_type"] == "emergency" && call["source"]?["agency"] == "state.pa.us")
    }

    static let minimal = """
    {"$id": "urn:emergency:uid:incidentid:1:x", "eidoVersion": "1.0", "issuingElementIdentification": "x", "agencyComponent": [],
     "incidentComponent": {"$id": "inc", "incidentTypeCommonRegistryText": "Fire-Structure", "internalIncidentId": "2026-000042"},
     "notesComponent": [{"$id": "n1", "notesActionComments": "<p>Smoke on the <b>2nd</b> floor &amp; people inside</p>"}],
     "personComponent": [{"$id": "p1", "ncPersonComponent": {"nc:PersonName": {"nc:PersonGivenName": "Marie", "nc:PersonSurName": "Curie"}}}],
     "locationComponent": [{"$id": "l1", "locationTypeDescriptionRegistryText": "Caller",
        "locationByValue": "<presence><gp:location-info><gml:Circle><gml:pos>48.8534 2.3488</gml:pos><gs:radius uom=\\"m\\">15</gs:radius></gml:Circle></gp:location-info></presence>"}],
     "callComponent": [
       {"$id": "call-1", "callStartTimestamp": "2026-11-29T05:15:30.120+01:00", "locationReference": [{"$ref": "l1"}], "personReference": [{"$ref": "p1"}]},
       {"$id": "call-2", "callStartTimestamp": "yesterday"},
       {"$id": "call-3", "callStartTimestamp": "2026-11-29T05:16:00Z", "locationReference": [{"$ref": "nowhere"}]},
       {"callStartTimestamp": "2026-11-29T05:16:00Z"}
     ]}
    """

    @Test func toleratesMissingPartsAndIsPreciseAboutBadOnes() throws {
        let out = EIDO.read(Self.minimal)
        #expect(out.count == 4)
        let call = try #require(out[0].record)
        #expect(call["received_at"] == "2026-11-29T04:15:30.120Z")
        #expect(call["location"]?["lat"] == .number("48.8534") && call["location"]?["radius_m"] == 15)
        #expect(call["caller"]?["name"] == "Marie Curie")
        #expect(call["text"] == "Smoke on the 2nd floor & people inside")
        #expect(call["nature_hint"] == "Fire-Structure")
        #expect(call["source"]?["incident_number"] == "2026-000042")
        #expect(out[1].error?.reason.contains("callComponent[1].callStartTimestamp") == true)
        #expect(out[2].error?.reason.contains("\"nowhere\"") == true)
        #expect(out[3].error?.reason.contains("callComponent[3] has no $id") == true)
    }

    @Test func documentLevelProblems() {
        #expect(EIDO.read("nope").first?.error?.reason.contains("not JSON") == true)
        #expect(EIDO.read("[]").first?.error?.reason.contains("JSON object") == true)
        #expect(EIDO.read("{\"callComponent\": 3}").first?.error?.reason.contains("callComponent must be an array") == true)
        #expect(EIDO.read("{\"callComponent\": [1]}").first?.error?.reason.contains("callComponent[0] is not an object") == true)
        // No call component: the incident becomes one call.
        let lone = EIDO.read("{\"$id\": \"inc-9\", \"lastUpdateTimeStamp\": \"2026-11-29T04:00:00Z\"}")
        #expect(lone.first?.record?["id"] == "inc-9")
        #expect(EIDO.read("{\"$id\": \"inc-9\"}").first?.error?.reason.contains("no callStartTimestamp") == true)
    }
}

@Suite("Call normaliser")
struct CallNormaliserTests {
    func normalise(_ text: String, _ n: CallNormaliser = CallNormaliser()) throws -> JSON {
        try n.normalised(JSONParser.parse(text))
    }

    @Test func normalisesAndKeepsUnknownFieldsInOrder() throws {
        let out = try normalise("""
        {"id":"C-1","zz":1,"received_at":"2026-11-29T05:15:30.12+01:00","channel":"phone","caller":{"phone":"06 12 34 56 78","x":true},\
        "location":{"lat":"48.869","lon":2.331,"address":"12 rue de la Paix"},"answered_at":1795925740,"extra":{"a":[1,2]}}
        """)
        #expect(JSONWriter.string(out) == """
        {"kind":"call","v":1,"id":"C-1","zz":1,"received_at":"2026-11-29T04:15:30.120Z","channel":"phone","caller":{"phone":"+33612345678","x":true},\
        "location":{"lat":48.869,"lon":2.331,"address":"12 rue de la Paix"},"answered_at":"2026-11-29T04:15:40.000Z","extra":{"a":[1,2]}}
        """)
        // Already normal: unchanged, byte for byte.
        #expect(try normalise(JSONWriter.string(out)) == out)
    }

    @Test func derivesAStableIDWhenThereIsNone() throws {
        let a = try normalise("{\"kind\":\"call\",\"v\":1,\"received_at\":\"2026-11-29T04:15:30Z\",\"channel\":\"sms\",\"text\":\"au feu\"}")
        let b = try normalise("{\"kind\":\"call\",\"v\":1,\"received_at\":\"2026-11-29T04:15:30Z\",\"channel\":\"sms\",\"text\":\"au feu\"}")
        let c = try normalise("{\"kind\":\"call\",\"v\":1,\"received_at\":\"2026-11-29T04:15:30Z\",\"channel\":\"sms\",\"text\":\"au secours\"}")
        #expect(a["id"] == b["id"] && a["id"] != c["id"])
        #expect(a.objectValue?.keys == ["kind", "v", "id", "received_at", "channel", "text"])
        #expect(try normalise("{\"id\": 42, \"received_at\": \"1795926930\", \"channel\": \"web\"}")["id"] == "42")
    }

    @Test func defaultsFromTheCaller() throws {
        let n = CallNormaliser(defaultCountry: "US", defaultChannel: "phone", defaultReceivedAt: Timestamp(milliseconds: 1_795_926_930_123))
        let out = try normalise("{\"id\":\"X\",\"caller\":{\"phone\":\"(415) 555-0100\"}}", n)
        #expect(JSONWriter.string(out) == """
        {"kind":"call","v":1,"id":"X","received_at":"2026-11-29T04:35:30.123Z","channel":"phone","caller":{"phone":"+14155550100"}}
        """)
    }

    @Test(arguments: [
        ("[]", "JSON object"),
        ("{\"kind\":\"status\",\"id\":\"a\"}", "kind is \"status\""),
        ("{\"v\":2,\"id\":\"a\"}", "only version 1"),
        ("{\"v\":\"1\",\"id\":\"a\"}", "the number 1"),
        ("{\"id\":\"\",\"received_at\":\"2026-11-29T04:15:30Z\",\"channel\":\"phone\"}", "id is empty"),
        ("{\"id\":[1],\"received_at\":\"2026-11-29T04:15:30Z\",\"channel\":\"phone\"}", "id must be a string"),
        ("{\"id\":\"a\",\"channel\":\"phone\"}", "received_at is missing"),
        ("{\"id\":\"a\",\"received_at\":\"13/45/2020\",\"channel\":\"phone\"}", "received_at:"),
        ("{\"id\":\"a\",\"received_at\":\"2026-11-29T04:15:30\",\"channel\":\"phone\"}", "offset"),
        ("{\"id\":\"a\",\"received_at\":true,\"channel\":\"phone\"}", "ISO 8601 text or epoch"),
        ("{\"id\":\"a\",\"received_at\":\"2026-11-29T04:15:30Z\",\"answered_at\":\"soon\",\"channel\":\"phone\"}", "answered_at"),
        ("{\"id\":\"a\",\"received_at\":\"2026-11-29T04:15:30Z\"}", "channel is missing"),
        ("{\"id\":\"a\",\"received_at\":\"2026-11-29T04:15:30Z\",\"channel\":\"pigeon\"}", "channel is \"pigeon\""),
        ("{\"id\":\"a\",\"received_at\":\"2026-11-29T04:15:30Z\",\"channel\":\"phone\",\"caller\":\"bob\"}", "caller must be an object"),
        ("{\"id\":\"a\",\"received_at\":\"2026-11-29T04:15:30Z\",\"channel\":\"phone\",\"caller\":{\"phone\":\"12\"}}", "caller.phone \"12\""),
        ("{\"id\":\"a\",\"received_at\":\"2026-11-29T04:15:30Z\",\"channel\":\"phone\",\"caller\":{\"phone\":612}}", "must be a string"),
        ("{\"id\":\"a\",\"received_at\":\"2026-11-29T04:15:30Z\",\"channel\":\"phone\",\"location\":{\"lat\":48}}", "lat without lon"),
        ("{\"id\":\"a\",\"received_at\":\"2026-11-29T04:15:30Z\",\"channel\":\"phone\",\"location\":{\"lat\":91,\"lon\":2}}", "latitude 91"),
        ("{\"id\":\"a\",\"received_at\":\"2026-11-29T04:15:30Z\",\"channel\":\"phone\",\"location\":{\"lat\":0,\"lon\":0}}", "null island"),
        ("{\"id\":\"a\",\"received_at\":\"2026-11-29T04:15:30Z\",\"channel\":\"phone\",\"location\":{\"lat\":\"north\",\"lon\":2}}", "must be numbers"),
        ("{\"id\":\"a\",\"received_at\":\"2026-11-29T04:15:30Z\",\"channel\":\"phone\",\"location\":[48,2]}", "location must be an object"),
    ])
    func refuses(text: String, reason: String) {
        do {
            let out = try normalise(text)
            Issue.record("accepted: \(JSONWriter.string(out))")
        } catch let e as InputError {
            #expect(e.reason.contains(reason), "\(e.reason)")
        } catch {
            Issue.record("\(error)")
        }
    }
}
