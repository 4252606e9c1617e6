import Testing
@testable import CCASCore

@Suite("AML")
struct AMLTests {
    static let sample = "A\"ML=1;lt=+48.85341;lg=+2.34880;rd=20;top=20261129041530;lc=90;pm=G;si=208150123456789;ei=356938035643809;mcc=208;mnc=15;ml=124"

    @Test func readsThePayload() throws {
        let call = try AML.parse(Self.sample, sender: "06 12 34 56 78").get()
        #expect(call["kind"] == "call" && call["channel"] == "aml")
        #expect(call["id"]?.stringValue == "AML-" + StableHash.hex(Self.sample))
        #expect(call["received_at"] == "2026-11-29T04:15:30.000Z")
        let loc = try #require(call["location"])
        #expect(loc["lat"] == .number("48.85341") && loc["lon"] == .number("2.3488"))
        #expect(loc["radius_m"] == 20 && loc["confidence"] == 90)
        #expect(loc["method"] == "gnss" && loc["fix_at"] == "2026-11-29T04:15:30.000Z" && loc["source"] == "aml")
        // The raw values stay, as sent: provenance is never overwritten.
        #expect(loc["raw"]?["lt"] == "+48.85341" && loc["raw"]?["lg"] == "+2.34880" && loc["raw"]?["rd"] == "20")
        #expect(loc["raw"]?["ml_actual"] == 127)
        #expect(call["caller"]?["phone"] == "+33612345678")
        #expect(call["caller"]?["imsi"] == "208150123456789" && call["caller"]?["imei"] == "356938035643809")
        #expect(call["caller"]?["network"] == ["mcc": "208", "mnc": "15"])
        #expect(call["source"]?["payload"]?.stringValue == Self.sample)
        // Same payload, same record.
        #expect(try AML.parse(Self.sample + "\r\n", sender: "06 12 34 56 78").get() == call)
    }

    @Test func googleExamples() throws {
        let none = try AML.parse("A\"ML=1;lt=+00.00000;lg=+000.00000;rd=N;top=20220131173734;lc=0;pm=N;si=234159000000000;ei=123456789012345;mcc=234;mnc=15;ml=127").get()
        #expect(none["location"]?["lat"] == nil && none["location"]?["method"] == "none")
        let wifi = try AML.parse("A\"ML=1;lt=+51.53321;lg=-0.12601;rd=14;top=20220131171748;lc=68;pm=W;si=234159000000000;ei=123456789012345;mcc=234;mnc=15;ml=126").get()
        #expect(wifi["location"]?["lon"] == .number("-0.12601") && wifi["location"]?["method"] == "wifi")
        #expect(wifi["received_at"] == "2022-01-31T17:17:48.000Z")
        let at = Timestamp(milliseconds: 1_643_649_500_123)
        #expect(try AML.parse("A\"ML=1;lt=+51.5;lg=-0.1;top=20220131171748;pm=C", receivedAt: at).get()["received_at"] == "2022-01-31T17:18:20.123Z")
    }

    @Test(arguments: [
        ("", "empty"),
        ("hello", "does not start with A\"ML="),
        ("A\"ML=2;lt=+48.8;lg=+2.3;top=20261129041530;pm=G", "version"),
        ("A\"ML=1;lt=+48.8;lg=+2.3;top=20261129041530;pm=G;lt=+1", "appears twice"),
        ("A\"ML=1;lt=+48.8;lg;top=20261129041530;pm=G", "not key=value"),
        ("A\"ML=1;lt=+48.8;lg=+2.3;top=20261129041530;pm=G;ml=200", "truncated"),
        ("A\"ML=1;lt=+48.8;lg=+2.3;top=20261129041530;pm=G;ml=abc", "not a length"),
        ("A\"ML=1;lt=+48.8;lg=+2.3;top=20261129041530", "pm (positioning method) is missing"),
        ("A\"ML=1;lt=+48.8;lg=+2.3;top=20261129041530;pm=X", "pm=X"),
        ("A\"ML=1;lt=+48.8;lg=+2.3;pm=G", "top (time of positioning) is missing"),
        ("A\"ML=1;lt=+48.8;lg=+2.3;top=2026112904153;pm=G", "yyyyMMddHHmmss"),
        ("A\"ML=1;lt=+48.8;lg=+2.3;top=20261331041530;pm=G", "month 13"),
        ("A\"ML=1;lg=+2.3;top=20261129041530;pm=G", "required unless pm=N"),
        ("A\"ML=1;lt=48,8;lg=+2.3;top=20261129041530;pm=G", "lt=48,8"),
        ("A\"ML=1;lt=+98.8;lg=+2.3;top=20261129041530;pm=G", "latitude 98.8"),
        ("A\"ML=1;lt=+0.0;lg=+0.0;top=20261129041530;pm=G", "null island"),
        ("A\"ML=1;lt=+48.8;lg=+2.3;top=20261129041530;pm=G;rd=-5", "rd=-5"),
        ("A\"ML=1;lt=+48.8;lg=+2.3;top=20261129041530;pm=G;lc=101", "lc=101"),
        ("A\"ML=1;lt=+48.8;lg=+2.3;top=20261129041530;pm=G;si=20815x", "IMSI"),
        ("A\"ML=1;lt=+48.8;lg=+2.3;top=20261129041530;pm=G;ei=123", "IMEI"),
        ("A\"ML=1;lt=+48.8;lg=+2.3;top=20261129041530;pm=G;mcc=2081", "mcc=2081"),
        ("A\"ML=1;lt=+48.8;lg=+2.3;top=20261129041530;pm=G;mnc=1", "mnc=1"),
    ])
    func refuses(payload: String, reason: String) {
        switch AML.parse(payload) {
        case .success(let r): Issue.record("accepted: \(JSONWriter.string(r))")
        case .failure(let e):
            #expect(e.reason.hasPrefix("AML: "))
            #expect(e.reason.contains(reason), "\(e.reason)")
            #expect(e.raw == payload)
        }
    }

    @Test func badSenderIsAnError() {
        #expect(throws: InputError.self) { try AML.parse(Self.sample, sender: "not a phone").get() }
    }
}

@Suite("eCall MSD")
struct ECallTests {
    // Written from EN 15722's field definitions: 48°51'12.3" N = 175_872_300 mas… here the
    // position of Paris, Notre-Dame: 48.85341° N, 2.34880° E → 175_872_276 and 8_455_680 mas.
    static let msd = """
    {"messageIdentifier": 1,
     "control": {"automaticActivation": true, "testCall": false, "positionCanBeTrusted": true, "vehicleType": "passengerVehicleClassM1"},
     "vehicleIdentificationNumber": {"isowmi": "VF1", "isovds": "BM0B0H", "isovisModelyear": "4", "isovisSeqPlant": "1234567"},
     "vehiclePropulsionStorageType": {"gasolineTankPresent": true, "electricEnergyStorage": true},
     "timestamp": 1795926930,
     "vehicleLocation": {"positionLatitude": 175872276, "positionLongitude": 8455680},
     "vehicleDirection": 45,
     "recentVehicleLocationN1": {"latitudeDelta": -10, "longitudeDelta": 5},
     "recentVehicleLocationN2": {"latitudeDelta": -10, "longitudeDelta": 5},
     "numberOfPassengers": 2,
     "optionalAdditionalData": {"oid": "1.4.1", "data": "0A0B"}}
    """

    @Test func readsAnAutomaticActivation() throws {
        let call = try ECall.parse(Self.msd, sender: "+33 6 12 34 56 78").get()
        #expect(call["channel"] == "ecall")
        #expect(call["id"]?.stringValue?.hasPrefix("ECALL-") == true)
        #expect(call["received_at"] == "2026-11-29T04:35:30.000Z")
        let loc = try #require(call["location"])
        #expect(abs(loc["lat"]!.doubleValue! - 48.85341) < 1e-6)
        #expect(abs(loc["lon"]!.doubleValue! - 2.3488) < 1e-6)
        #expect(loc["heading_deg"] == 90 && loc["trusted"] == true && loc["source"] == "ecall")
        #expect(loc["raw"]?["positionLatitude"] == 175872276 && loc["raw"]?["unit"] == "milliarcseconds")
        #expect(loc["recent"]?.arrayValue?.count == 2)
        #expect(call["caller"]?["phone"] == "+33612345678")
        #expect(call["caller"]?["vehicle"]?["vin"] == "VF1BM0B0H41234567")
        #expect(call["caller"]?["vehicle"]?["propulsion"] == ["gasolineTankPresent", "electricEnergyStorage"])
        #expect(call["text"] == "eCall, automatic activation (crash sensor), 2 passengers, passenger car (M1)")
        #expect(call["nature_hint"] == "eCall automatic")
        #expect(call["source"]?["msd"]?["optionalAdditionalData"]?["oid"] == "1.4.1")
        #expect(try ECall.parse(Self.msd, sender: "+33 6 12 34 56 78").get() == call)
    }

    @Test func manualTestCallInDegreesWrappedAndUntrusted() throws {
        let text = """
        {"msd": {"msdStructure": {"messageIdentifier": 7, "control": {"automaticActivation": false, "testCall": true,
         "positionCanBeTrusted": false, "vehicleType": 9}, "vehicleIdentificationNumber": "wdb1234561a123456",
         "timestamp": 1700000000, "vehicleLocation": {"positionLatitude": 45.75, "positionLongitude": 4.85}, "vehicleDirection": 255}}}
        """
        let call = try ECall.parse(text).get()
        #expect(call["location"]?["lat"] == 45.75 && call["location"]?["raw"]?["unit"] == "degrees")
        #expect(call["location"]?["heading_deg"] == nil && call["location"]?["trusted"] == false)
        #expect(call["caller"]?["vehicle"]?["vin"] == "WDB1234561A123456")
        #expect(call["caller"]?["vehicle"]?["type"] == "motorcyclesClassL3e")
        #expect(call["text"] == "eCall TEST CALL, manual activation (SOS button), motorcycle (L3e), position not trusted")
    }

    @Test func unknownPositionStillMakesACall() throws {
        let text = """
        {"control": {"automaticActivation": true}, "timestamp": 1700000000,
         "vehicleLocation": {"positionLatitude": 2147483647, "positionLongitude": 2147483647}}
        """
        let call = try ECall.parse(text).get()
        #expect(call["location"]?["lat"] == nil)
        #expect(call["text"]?.stringValue?.contains("position unknown") == true)
    }

    @Test(arguments: [
        ("[1]", "JSON object"),
        ("{", "not JSON"),
        ("{\"timestamp\": 1}", "control is missing"),
        ("{\"control\": {}, \"timestamp\": 1}", "automaticActivation is missing"),
        ("{\"control\": {\"automaticActivation\": \"yes\"}, \"timestamp\": 1}", "true or false"),
        ("{\"control\": {\"automaticActivation\": true, \"vehicleType\": \"tank\"}, \"timestamp\": 1}", "vehicle type"),
        ("{\"control\": {\"automaticActivation\": true}}", "timestamp"),
        ("{\"control\": {\"automaticActivation\": true}, \"timestamp\": \"yesterday\"}", "seconds since 1970"),
        ("{\"control\": {\"automaticActivation\": true}, \"timestamp\": 1700000000}", "vehicleLocation is missing"),
        ("{\"control\": {\"automaticActivation\": true}, \"timestamp\": 1700000000, \"vehicleLocation\": {\"positionLatitude\": \"x\"}}", "numeric"),
        ("{\"control\": {\"automaticActivation\": true}, \"timestamp\": 1700000000, \"vehicleLocation\": {\"positionLatitude\": 400000000, \"positionLongitude\": 1000}}", "±324000000"),
        ("{\"control\": {\"automaticActivation\": true}, \"timestamp\": 1700000000, \"vehicleLocation\": {\"positionLatitude\": 0, \"positionLongitude\": 0}}", "null island"),
        ("{\"control\": {\"automaticActivation\": true}, \"timestamp\": 1700000000, \"vehicleLocation\": {\"positionLatitude\": 1000000, \"positionLongitude\": 1000000}, \"vehicleDirection\": 200}", "vehicleDirection=200"),
        ("{\"control\": {\"automaticActivation\": true}, \"timestamp\": 1700000000, \"vehicleLocation\": {\"positionLatitude\": 1000000, \"positionLongitude\": 1000000}, \"recentVehicleLocationN1\": {\"latitudeDelta\": 600, \"longitudeDelta\": 0}}", "latitudeDelta=600"),
        ("{\"control\": {\"automaticActivation\": true}, \"timestamp\": 1700000000, \"vehicleLocation\": {\"positionLatitude\": 1000000, \"positionLongitude\": 1000000}, \"vehicleIdentificationNumber\": \"SHORT\"}", "17-character VIN"),
        ("{\"control\": {\"automaticActivation\": true}, \"timestamp\": 1700000000, \"vehicleLocation\": {\"positionLatitude\": 1000000, \"positionLongitude\": 1000000}, \"numberOfPassengers\": 300}", "numberOfPassengers=300"),
    ])
    func refuses(text: String, reason: String) {
        switch ECall.parse(text) {
        case .success(let r): Issue.record("accepted: \(JSONWriter.string(r))")
        case .failure(let e): #expect(e.reason.contains(reason), "\(e.reason)")
        }
    }
}
