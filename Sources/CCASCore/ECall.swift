/// The eCall minimum set of data (MSD, EN 15722) written as JSON with the standard's field
/// names → a `call` record on channel `ecall`.
///
/// Accepted at the top level or under `msd` / `msdStructure`. Fields: `messageIdentifier`,
/// `control` {`automaticActivation`, `testCall`, `positionCanBeTrusted`, `vehicleType`},
/// `vehicleIdentificationNumber` (the ASN.1 sequence {`isowmi`, `isovds`, `isovisModelyear`,
/// `isovisSeqPlant`} or a 17-character string), `vehiclePropulsionStorageType` (flags),
/// `timestamp` (seconds since 1970, UTC), `vehicleLocation` {`positionLatitude`,
/// `positionLongitude`}, `vehicleDirection` (2° steps, 255 unknown), `recentVehicleLocationN1`/`N2`
/// {`latitudeDelta`, `longitudeDelta`} (100 mas steps, each relative to the previous position),
/// `numberOfPassengers`, `optionalAdditionalData`.
///
/// Positions are milliarcseconds, as the standard says (±324,000,000 latitude, ±648,000,000
/// longitude; 2147483647 = not known). A pair with |lat| ≤ 90 and |lon| ≤ 180 is taken as
/// degrees instead — in milliarcseconds it would be within 3 m of 0,0, which is no real position —
/// and `location.raw.unit` says which reading was made. The MSD itself is kept under
/// `source.msd`; the id is `ECALL-` + a hash of it, so reading it again is the same call.
public enum ECall {
    public static let vehicleTypes: [String: String] = [
        "passengerVehicleClassM1": "passenger car (M1)",
        "busesAndCoachesClassM2": "minibus (M2)",
        "busesAndCoachesClassM3": "bus or coach (M3)",
        "lightCommercialVehiclesClassN1": "light commercial vehicle (N1)",
        "heavyDutyVehiclesClassN2": "heavy goods vehicle (N2)",
        "heavyDutyVehiclesClassN3": "heavy goods vehicle (N3)",
        "motorcyclesClassL1e": "moped (L1e)",
        "motorcyclesClassL2e": "three-wheel moped (L2e)",
        "motorcyclesClassL3e": "motorcycle (L3e)",
        "motorcyclesClassL4e": "motorcycle with sidecar (L4e)",
        "motorcyclesClassL5e": "motor tricycle (L5e)",
        "motorcyclesClassL6e": "light quadricycle (L6e)",
        "motorcyclesClassL7e": "heavy quadricycle (L7e)",
    ]
    /// The ASN.1 enumeration's order, for MSDs that give the number.
    static let vehicleTypeOrder = [
        "passengerVehicleClassM1", "busesAndCoachesClassM2", "busesAndCoachesClassM3", "lightCommercialVehiclesClassN1",
        "heavyDutyVehiclesClassN2", "heavyDutyVehiclesClassN3", "motorcyclesClassL1e", "motorcyclesClassL2e",
        "motorcyclesClassL3e", "motorcyclesClassL4e", "motorcyclesClassL5e", "motorcyclesClassL6e", "motorcyclesClassL7e",
    ]
    static let propulsionFlags = ["gasolineTankPresent", "dieselTankPresent", "compressedNaturalGas", "liquidPropaneGas",
                                  "electricEnergyStorage", "hydrogenStorage", "otherStorage"]

    public static func parse(_ text: String, sender: String? = nil, defaultCountry: String = "FR",
                             receivedAt: Timestamp? = nil) -> Result<JSON, InputError> {
        let json: JSON
        do { json = try JSONParser.parse(text) } catch {
            return .failure(InputError("eCall MSD: not JSON: \(error)", raw: text))
        }
        return parse(json, sender: sender, defaultCountry: defaultCountry, receivedAt: receivedAt)
            .mapError { InputError($0.reason, raw: text) }
    }

    public static func parse(_ msd: JSON, sender: String? = nil, defaultCountry: String = "FR",
                             receivedAt: Timestamp? = nil) -> Result<JSON, InputError> {
        do throws(InputError) {
            return .success(try read(msd, sender: sender, defaultCountry: defaultCountry, receivedAt: receivedAt))
        } catch {
            return .failure(InputError("eCall MSD: \(error.reason)"))
        }
    }

    static func read(_ input: JSON, sender: String?, defaultCountry: String, receivedAt: Timestamp?) throws(InputError) -> JSON {
        guard var msd = input.objectValue else { throw InputError("expected a JSON object") }
        for wrapper in ["msd", "msdStructure"] {
            if let inner = msd[wrapper]?.objectValue { msd = inner }
        }
        func int(_ key: String, in o: JSONObject, _ range: ClosedRange<Int>) throws(InputError) -> Int? {
            guard let v = o[key], !v.isNull else { return nil }
            guard case .number = v, let n = v.intValue else { throw InputError("\(key) must be an integer, not \(JSONWriter.string(v))") }
            guard range.contains(n) else { throw InputError("\(key)=\(n) is outside \(range.lowerBound)…\(range.upperBound)") }
            return n
        }
        func bool(_ key: String, in o: JSONObject) throws(InputError) -> Bool? {
            guard let v = o[key], !v.isNull else { return nil }
            guard let b = v.boolValue else { throw InputError("\(key) must be true or false, not \(JSONWriter.string(v))") }
            return b
        }

        let messageID = try int("messageIdentifier", in: msd, 0...255)
        guard let control = msd["control"]?.objectValue else { throw InputError("control is missing (automaticActivation, testCall, …)") }
        guard let automatic = try bool("automaticActivation", in: control) else { throw InputError("control.automaticActivation is missing") }
        let test = try bool("testCall", in: control) ?? false
        let trusted = try bool("positionCanBeTrusted", in: control) ?? true
        var vehicleType: String?
        switch control["vehicleType"] {
        case nil, .null?: break
        case .string(let s)?:
            guard vehicleTypes[s] != nil else { throw InputError("control.vehicleType \"\(s)\" is not an EN 15722 vehicle type") }
            vehicleType = s
        case .number?:
            guard let n = control["vehicleType"]?.intValue, (1...vehicleTypeOrder.count).contains(n) else {
                throw InputError("control.vehicleType must be 1–\(vehicleTypeOrder.count)")
            }
            vehicleType = vehicleTypeOrder[n - 1]
        default: throw InputError("control.vehicleType must be a name such as passengerVehicleClassM1")
        }

        guard let seconds = msd["timestamp"], !seconds.isNull else { throw InputError("timestamp (seconds since 1970) is missing") }
        guard case .number(let secondsText) = seconds, let time = try? Timestamp.parseEpochSeconds(secondsText),
              time.milliseconds >= 0
        else { throw InputError("timestamp must be seconds since 1970, not \(JSONWriter.string(seconds))") }

        // Position.
        var location = JSONObject()
        var raw = JSONObject()
        guard let vl = msd["vehicleLocation"]?.objectValue else { throw InputError("vehicleLocation is missing") }
        guard let latValue = vl["positionLatitude"]?.doubleValue, let lonValue = vl["positionLongitude"]?.doubleValue,
              case .number = vl["positionLatitude"]!, case .number = vl["positionLongitude"]!
        else { throw InputError("vehicleLocation needs numeric positionLatitude and positionLongitude") }
        raw["positionLatitude"] = vl["positionLatitude"]!
        raw["positionLongitude"] = vl["positionLongitude"]!
        let unknown = 2_147_483_647.0
        var position: Coordinate?
        var scale = 3_600_000.0
        if latValue == unknown || lonValue == unknown {
            raw["unit"] = "milliarcseconds"
        } else {
            let degrees = abs(latValue) <= 90 && abs(lonValue) <= 180
            scale = degrees ? 1 : 3_600_000
            raw["unit"] = degrees ? "degrees" : "milliarcseconds"
            if !degrees {
                // The number as written: Int(latValue) traps beyond Int.max (1e19, 1e999).
                guard abs(latValue) <= 324_000_000 else { throw InputError("positionLatitude \(JSONWriter.string(raw["positionLatitude"]!)) mas is outside ±324000000") }
                guard abs(lonValue) <= 648_000_000 else { throw InputError("positionLongitude \(JSONWriter.string(raw["positionLongitude"]!)) mas is outside ±648000000") }
            }
            switch Geo.coordinate(lat: latValue / scale, lon: lonValue / scale) {
            case .success(let c): position = c
            case .failure(let e): throw InputError("vehicleLocation: \(e.reason)")
            }
        }
        if let p = position {
            location["lat"] = .double(p.lat, places: 7)
            location["lon"] = .double(p.lon, places: 7)
        }
        if let direction = try int("vehicleDirection", in: msd, 0...255) {
            raw["vehicleDirection"] = .int(direction)
            if direction < 180 { location["heading_deg"] = .int(direction * 2) } else if direction != 255 {
                throw InputError("vehicleDirection=\(direction): 0–179 (2° steps) or 255 (unknown)")
            }
        }
        location["trusted"] = .bool(trusted)
        location["method"] = "gnss"
        location["fix_at"] = .string(time.iso8601)
        location["source"] = "ecall"
        // Earlier positions: N1 relative to the current one, N2 to N1, in 100 mas steps.
        var previous = position
        var track: [JSON] = []
        for key in ["recentVehicleLocationN1", "recentVehicleLocationN2"] {
            guard let v = msd[key], !v.isNull else { continue }
            guard let d = v.objectValue, let dLat = try int("latitudeDelta", in: d, -512...511),
                  let dLon = try int("longitudeDelta", in: d, -512...511)
            else { throw InputError("\(key) needs latitudeDelta and longitudeDelta (−512…511)") }
            raw[key] = v
            if let p = previous {
                let q = Coordinate(lat: p.lat + Double(dLat) * 100 / 3_600_000, lon: p.lon + Double(dLon) * 100 / 3_600_000)
                track.append(["lat": .double(q.lat, places: 7), "lon": .double(q.lon, places: 7)])
                previous = q
            }
        }
        if !track.isEmpty { location["recent"] = .array(track) }
        location["raw"] = .object(raw)

        // Vehicle.
        var vehicle = JSONObject()
        switch msd["vehicleIdentificationNumber"] {
        case nil, .null?: break
        case .string(let s)?: vehicle["vin"] = .string(try vin(s))
        case .object(let o)?:
            let parts = ["isowmi", "isovds", "isovisModelyear", "isovisSeqPlant"].map { o[$0]?.stringValue ?? "" }
            vehicle["vin"] = .string(try vin(parts.joined()))
        default: throw InputError("vehicleIdentificationNumber must be a VIN string or {isowmi, isovds, isovisModelyear, isovisSeqPlant}")
        }
        if let vehicleType { vehicle["type"] = .string(vehicleType) }
        if let p = msd["vehiclePropulsionStorageType"], !p.isNull {
            guard let po = p.objectValue else { throw InputError("vehiclePropulsionStorageType must be an object of flags") }
            var present: [String] = []
            for flag in propulsionFlags where try bool(flag, in: po) == true { present.append(flag) }
            vehicle["propulsion"] = .strings(present)
        }
        let passengers = try int("numberOfPassengers", in: msd, 0...255)
        if let passengers { vehicle["passengers"] = .int(passengers) }

        var caller = JSONObject()
        if let sender, !sender.isEmpty {
            switch Phone.normalise(sender, defaultCountry: defaultCountry) {
            case .success(let p): caller["phone"] = .string(p)
            case .failure(let e): throw InputError("sender: \(e.reason)")
            }
        }
        if !vehicle.isEmpty { caller["vehicle"] = .object(vehicle) }

        var summary = [test ? "eCall TEST CALL" : "eCall", automatic ? "automatic activation (crash sensor)" : "manual activation (SOS button)"]
        if let passengers { summary.append("\(passengers) passenger\(passengers == 1 ? "" : "s")") }
        if let vehicleType, let label = vehicleTypes[vehicleType] { summary.append(label) }
        if position == nil { summary.append("position unknown") } else if !trusted { summary.append("position not trusted") }

        var call: JSONObject = ["kind": "call", "v": 1, "id": .string("ECALL-" + StableHash.hex(JSONWriter.string(.object(msd))))]
        call["received_at"] = .string((receivedAt ?? time).iso8601)
        call["channel"] = "ecall"
        if !caller.isEmpty { call["caller"] = .object(caller) }
        call["location"] = .object(location)
        call["text"] = .string(summary.joined(separator: ", "))
        call["nature_hint"] = .string(automatic ? "eCall automatic" : "eCall manual")
        var source: JSONObject = ["system": "ecall"]
        if let messageID { source["message_identifier"] = .int(messageID) }
        source["automatic_activation"] = .bool(automatic)
        source["test_call"] = .bool(test)
        source["msd"] = .object(msd)
        call["source"] = .object(source)
        return .object(call)
    }

    /// 17 characters of A–Z and 0–9 without I, O, Q (ISO 3779).
    static func vin(_ s: String) throws(InputError) -> String {
        let v = s.uppercased()
        guard v.utf8.count == 17,
              v.utf8.allSatisfy({ ($0 &- 0x30 < 10 || ($0 >= 0x41 && $0 <= 0x5A)) && $0 != 0x49 && $0 != 0x4F && $0 != 0x51 })
        else { throw InputError("vehicleIdentificationNumber \"\(s)\" is not a 17-character VIN (A–Z, 0–9, no I, O, Q)") }
        return v
    }
}
