import Testing
@testable import CCASCore

@Suite("EIDO and EMSI export")
struct ExportTests {
    /// An event as `Store.eventDetail` gives it: two calls, two units, a message, closed.
    static let detail: JSONObject = {
        let text = """
        {"kind":"event","v":1,"event_id":"2026-000007","status":"CLOSED","nature":"SAP.ACR","priority":"P0",
         "opened_at":"2026-11-29T10:00:00.000Z","closed_at":"2026-11-29T11:00:00.000Z","address":"3 place Bellecour, Lyon",
         "location":{"lat":45.7578,"lon":4.832},"victims":1,"outcome":"transported",
         "calls":[
          {"kind":"call","v":1,"id":"T-1","received_at":"2026-11-29T10:00:00.000Z","answered_at":"2026-11-29T10:00:04.250Z",
           "channel":"phone","caller":{"phone":"+33612345678"},
           "location":{"address":"3 place Bellecour, Lyon","lat":45.7578,"lon":4.832,"radius_m":25},
           "text":"il ne respire plus <vite> & seul","classification":{"nature":"SAP.ACR","priority":"P0"}},
          {"kind":"call","v":1,"id":"T-2","received_at":"2026-11-29T10:02:00.000Z","channel":"phone",
           "location":{"address":"place Bellecour"},"text":"un homme à terre"}
         ],
         "units":[{"unit":"VSAV-1","status":"ALERTED","at":"2026-11-29T10:01:00.000Z"},
                  {"unit":"VSAV-1","status":"ON_SCENE","at":"2026-11-29T10:09:00.000Z","location":{"lat":45.758,"lon":4.8321}},
                  {"unit":"SMUR-1","status":"EN_ROUTE","at":"2026-11-29T10:03:00.000Z"}],
         "engagements":[{"unit":"VSAV-1","need":"VSAV","engaged_at":"2026-11-29T10:01:00.000Z","released_at":"2026-11-29T11:00:00.000Z","reason":null,"release_reason":"closed"},
                        {"unit":"SMUR-1","need":"SMUR","engaged_at":"2026-11-29T10:02:30.000Z","released_at":null,"reason":null,"release_reason":null}],
         "messages":[{"type":"bilan","text":"1 victime, RCP en cours","at":"2026-11-29T10:12:00.000Z","operator":"op","from":"VSAV-1","victims":1}],
         "talkgroup":"TG-3"}
        """
        return try! JSONParser.parse(text).objectValue!
    }()

    static let at = try! Timestamp.parse("2026-11-29T12:00:00Z")

    @Test("EIDO: the incident, its calls with their own location, callback and note, units and dispatches")
    func eidoShape() throws {
        let doc = EIDOExport.document(Self.detail, options: .init(agency: "sdis69.fr", agent: "alice", at: Self.at,
                                                                   natureLabel: { $0 == "SAP.ACR" ? "arrêt cardio-respiratoire" : nil }))
        #expect(doc["$id"] == "urn:emergency:uid:incidentid:2026-000007:sdis69.fr")
        #expect(doc["eidoVersion"] == "1.0")
        #expect(doc["lastUpdateTimeStamp"] == "2026-11-29T12:00:00.000Z")
        #expect(doc["updatedByAgencyReference"]?["$ref"] == "sdis69.fr")
        let incident = try #require(doc["incidentComponent"])
        #expect(incident["incidentTypeCommonRegistryText"] == "Medical")
        #expect(incident["incidentTypeInternalCode"] == "SAP.ACR")
        #expect(incident["incidentTypeInternalText"] == "arrêt cardio-respiratoire")
        #expect(incident["incidentCommonPriorityNumber"] == 1)
        #expect(incident["internalIncidentId"] == "2026-000007")
        #expect(incident["dispositionComponent"]?[0]?["dispositionCommonRegistryCode"] == "Completed")
        #expect(incident["dispositionComponent"]?[0]?["dispositionDescriptionText"] == "transported")
        let calls = try #require(doc["callComponent"]?.arrayValue)
        #expect(calls.count == 2)
        #expect(calls[0]["callStartTimestamp"] == "2026-11-29T10:00:00.000Z")
        #expect(calls[0]["answerDate"] == "2026-11-29T10:00:04.250Z")
        #expect(calls[0]["priorityIdentifier"] == "highest")
        #expect(calls[1]["answerDate"] == nil)
        #expect(doc["callbackComponent"]?[0]?["callBackInformationUri"] == ["tel:+33612345678"])
        let agents = try #require(doc["agentComponent"]?.arrayValue)
        #expect(agents.map { $0["$id"]?.stringValue } == ["alice@sdis69.fr", "VSAV-1@sdis69.fr", "SMUR-1@sdis69.fr"])
        let resources = try #require(doc["emergencyResourceComponent"]?.arrayValue)
        #expect(resources.map { $0["primaryUnitStatusRegistryText"]?.stringValue } == ["Returning", "Enroute"])
        #expect(resources.map { $0["emergencyResourceTypeCommonRegistryText"]?.stringValue } == ["Ambulance", "ALS"])
        #expect(doc["dispatchComponent"]?.arrayValue?.count == 2)
        // Every reference resolves to a component of the document.
        var ids = Set<String>()
        var refs: [String] = []
        func walk(_ v: JSON, top: Bool) {
            switch v {
            case .object(let o):
                for f in o.fields {
                    if f.key == "$id", let s = f.value.stringValue { ids.insert(s) }
                    if f.key == "$ref", let s = f.value.stringValue { refs.append(s) }
                    walk(f.value, top: false)
                }
            case .array(let a): a.forEach { walk($0, top: false) }
            default: break
            }
        }
        walk(.object(doc), top: true)
        #expect(refs.filter { !ids.contains($0) }.isEmpty, "dangling: \(refs.filter { !ids.contains($0) })")
    }

    @Test("EIDO round trip: EIDO.read gives back each call's location, text and times")
    func eidoRoundTrip() throws {
        let doc = EIDOExport.document(Self.detail, options: .init(agency: "sdis69.fr", agent: "alice", at: Self.at))
        let back = EIDO.read(.object(doc), defaultCountry: "FR").compactMap(\.record)
        #expect(back.count == 2)
        let original = try #require(Self.detail["calls"]?.arrayValue)
        for (a, b) in zip(original, back) {
            #expect(b["received_at"] == a["received_at"])
            #expect(b["answered_at"] == a["answered_at"])
            #expect(b["text"] == a["text"])
            #expect(b["location"]?["address"] == a["location"]?["address"])
            #expect(b["location"]?["lat"]?.doubleValue == a["location"]?["lat"]?.doubleValue)
            #expect(b["location"]?["lon"]?.doubleValue == a["location"]?["lon"]?.doubleValue)
            #expect(b["caller"]?["phone"] == a["caller"]?["phone"])
            #expect(b["correlation_key"] == doc["$id"])
        }
        #expect(back[0]["location"]?["radius_m"]?.doubleValue == 25)
        #expect(back[0]["nature_hint"] == "Medical")
    }

    @Test("EMSI: context, event type from the HubSante code, missions and resources mapped")
    func emsiShape() throws {
        let m = EMSIExport.message(Self.detail, options: .init(organisation: "fr.fire.sdis69", user: "alice", at: Self.at,
                                                               nature: { $0 == "SAP.ACR" ? ("C02.05.01", "arrêt cardio-respiratoire") : nil }))
        let context = try #require(m["CONTEXT"])
        #expect(context["MODE"] == "ACTUAL")
        #expect(context["MSGTYPE"] == "UPDATE")
        #expect(context["CREATION"] == "2026-11-29T12:00:00+00:00")
        #expect(context["URGENCY"] == "URGENT")
        let event = try #require(m["EVENT"])
        #expect(event["ID"] == "2026-000007")
        #expect(event["ETYPE"]?["CATEGORY"] == ["HLT"])
        #expect(event["ETYPE"]?["ACTOR"] == ["PPL"])
        #expect(event["STATUS"] == "COM")
        #expect(event["DECL_DATIME"] == "2026-11-29T10:00:00+00:00")
        #expect(event["EGEO"]?[0]?["POSITION"]?["COORD"]?[0]?["LAT"] == .number("45.7578"))
        #expect(event["EGEO"]?[0]?["POSITION"]?["ADDRESS"] == ["3 place Bellecour, Lyon"])
        let missions = try #require(m["MISSION"]?.arrayValue)
        #expect(missions.map { $0["TYPE"]?.stringValue } == ["SAV/ASC", "SAV/AR/FR_MED"])
        #expect(missions.map { $0["STATUS"]?.stringValue } == ["COM", "COM"])
        #expect(missions[0]["PRIORITY"] == "5")
        #expect(missions[0]["END_TIME"] == "2026-11-29T11:00:00+00:00")
        let resources = try #require(m["RESOURCE"]?.arrayValue)
        #expect(resources.map { $0["STATUS"]?.stringValue } == ["IN_USE/ON_SCENE", "IN_USE/MOBILE"])
        #expect(resources[0]["RTYPE"]?["RCLASS"] == ["MAT/VEH/ROADVE/AMBUL"])
        #expect(resources[0]["RGEO"]?[0]?["TYPE"] == "CUR")
    }

    @Test("EMSI codes: categories, mission and resource statuses, exercise mode, a cancelled event")
    func emsiCodes() {
        #expect(EMSIExport.category(hubsante: "C04.02.01", nature: "INC.INDUSTRIEL") == "FIR/UKN")
        #expect(EMSIExport.category(hubsante: "C04.02.01", nature: "INC.HABITATION") == "FIR/CLA")
        #expect(EMSIExport.category(hubsante: "C01.01.00", nature: "AVP.VEHICULE") == "TRP/COL")
        #expect(EMSIExport.category(hubsante: nil, nature: nil) == "PSW")
        #expect(EMSIExport.missionStatus(unit: "ALERTED", released: false, eventStatus: "DISPATCHED") == "NST")
        #expect(EMSIExport.missionStatus(unit: "ON_SCENE", released: false, eventStatus: "ON_SCENE") == "IPR")
        #expect(EMSIExport.missionStatus(unit: "ON_SCENE", released: true, eventStatus: "CANCELLED") == "CANCLD")
        #expect(EMSIExport.unitType("VSAV-12") == "VSAV")
        #expect(EMSIExport.time(Timestamp(milliseconds: 1_764_410_400_999)) == "2025-11-29T10:00:00+00:00")
        var cancelled = Self.detail
        cancelled["status"] = "CANCELLED"
        let m = EMSIExport.message(cancelled, options: .init(organisation: "o", user: "u", at: Self.at, exercise: true))
        #expect(m["CONTEXT"]?["MSGTYPE"] == "CANCEL")
        #expect(m["CONTEXT"]?["MODE"] == "EXERCS")
        #expect(m["EVENT"]?["ETYPE"]?["CATEGORY"] == ["PSW"])
    }
}

fileprivate extension JSON {
    subscript(_ index: Int) -> JSON? {
        guard case .array(let a) = self, a.indices.contains(index) else { return nil }
        return a[index]
    }
}
