/// One Advanced Mobile Location SMS payload (ETSI TS 103 625 / EENA; Google's ELS v1 is the same):
/// `A"ML=1;lt=+48.85341;lg=+2.34880;rd=20;top=20261129041530;lc=90;pm=G;si=…;ei=…;mcc=208;mnc=15;ml=124`
/// → a `call` record on channel `aml`.
///
/// Fields: `lt`/`lg` latitude/longitude in degrees, `rd` radius in metres (`N`: unknown), `top`
/// time of positioning (UTC, `yyyyMMddHHmmss`), `lc` level of confidence (%), `pm` positioning
/// method (`G` GNSS, `W` Wi-Fi, `C` cell, `N` none), `si` IMSI, `ei` IMEI, `mcc`/`mnc` network,
/// `ml` message length. Each is checked; an unknown key is kept under `location.raw` rather than
/// refused (newer handsets add some). With `pm=N` the handset has no position: the call is made
/// without coordinates.
///
/// `ml`: handsets disagree on what it counts (Google's published examples are 127 characters
/// long with `ml=127` in one and `ml=126` in the other), so a payload within `lengthTolerance`
/// characters of `ml` is taken (the difference is noted under `location.raw`); a larger gap
/// means a truncated or run-together message and is refused.
///
/// The record's id is `AML-` + a hash of the payload, so the same SMS read twice is the same
/// call; `received_at` is the time the centre got the SMS when given, else the time of fix.
public enum AML {
    public static let methods: [String: String] = ["G": "gnss", "W": "wifi", "C": "cell", "N": "none", "H": "hybrid"]

    public static func parse(_ payload: String, sender: String? = nil, defaultCountry: String = "FR",
                             receivedAt: Timestamp? = nil, lengthTolerance: Int = 3) -> Result<JSON, InputError> {
        do throws(InputError) {
            return .success(try read(payload, sender: sender, defaultCountry: defaultCountry, receivedAt: receivedAt,
                                     lengthTolerance: lengthTolerance))
        } catch {
            return .failure(InputError(line: error.line, "AML: \(error.reason)", raw: payload))
        }
    }

    static func read(_ payload: String, sender: String?, defaultCountry: String, receivedAt: Timestamp?,
                     lengthTolerance: Int) throws(InputError) -> JSON {
        var text = payload
        while let last = text.last, last.isNewline || last == " " { text.removeLast() }
        while let first = text.first, first == " " || first == "\u{FEFF}" { text.removeFirst() }
        guard !text.isEmpty else { throw InputError("the payload is empty") }
        guard text.hasPrefix("A\"ML=") else {
            throw InputError("the payload does not start with A\"ML= (is it an AML SMS?)")
        }
        var fields: [(key: String, value: String)] = []
        for part in text.split(separator: ";", omittingEmptySubsequences: false) {
            guard let eq = part.firstIndex(of: "=") else {
                throw InputError("\"\(part)\" is not key=value")
            }
            let key = String(part[..<eq]), value = String(part[part.index(after: eq)...])
            guard !fields.contains(where: { $0.key == key }) else { throw InputError("\"\(key)\" appears twice") }
            fields.append((key, value))
        }
        func value(_ key: String) -> String? { fields.first { $0.key == key }?.value }
        guard value("A\"ML") == "1" else { throw InputError("version A\"ML=\(value("A\"ML") ?? "") is not supported (only 1)") }

        var raw = JSONObject()
        for f in fields where f.key != "A\"ML" { raw[f.key] = .string(f.value) }

        if let ml = value("ml") {
            guard let declared = Int(ml), declared > 0, ml.utf8.allSatisfy({ $0 &- 0x30 < 10 }) else {
                throw InputError("ml=\(ml) is not a length")
            }
            let actual = text.utf8.count
            guard abs(actual - declared) <= lengthTolerance else {
                throw InputError("ml=\(declared) but the payload has \(actual) characters: truncated or joined with another message")
            }
            if actual != declared { raw["ml_actual"] = .int(actual) }
        }

        guard let pm = value("pm") else { throw InputError("pm (positioning method) is missing") }
        guard let method = methods[pm] else {
            throw InputError("pm=\(pm) is not a positioning method (G, W, C, N, H)")
        }
        guard let top = value("top") else { throw InputError("top (time of positioning) is missing") }
        let fixAt = try timeOfPositioning(top)

        var location = JSONObject()
        if pm != "N" {
            guard let lt = value("lt"), let lg = value("lg") else { throw InputError("lt and lg are required unless pm=N") }
            guard isSignedDecimal(lt) else { throw InputError("lt=\(lt) is not a signed decimal latitude (+48.85341)") }
            guard isSignedDecimal(lg) else { throw InputError("lg=\(lg) is not a signed decimal longitude (+2.34880)") }
            switch Geo.coordinate(lat: lt, lon: lg) {
            case .success(let c):
                location["lat"] = .double(c.lat, places: 7)
                location["lon"] = .double(c.lon, places: 7)
            case .failure(let e): throw InputError("lt=\(lt), lg=\(lg): \(e.reason)")
            }
        }
        if let rd = value("rd"), rd != "N" {
            guard let r = Double(rd), r >= 0, r.isFinite, rd.utf8.allSatisfy({ $0 &- 0x30 < 10 || $0 == 0x2E }) else {
                throw InputError("rd=\(rd) is not a radius in metres (or N)")
            }
            location["radius_m"] = .double(r)
        }
        if let lc = value("lc") {
            guard let c = Int(lc), (0...100).contains(c) else { throw InputError("lc=\(lc) is not a confidence 0–100") }
            if pm != "N" { location["confidence"] = .int(c) }
        }
        location["method"] = .string(method)
        location["fix_at"] = .string(fixAt.iso8601)
        location["source"] = "aml"
        location["raw"] = .object(raw)

        var caller = JSONObject()
        if let sender, !sender.isEmpty {
            switch Phone.normalise(sender, defaultCountry: defaultCountry) {
            case .success(let p): caller["phone"] = .string(p)
            case .failure(let e): throw InputError("sender: \(e.reason)")
            }
        }
        if let si = value("si") {
            guard si.utf8.count >= 5, si.utf8.count <= 15, si.utf8.allSatisfy({ $0 &- 0x30 < 10 }) else {
                throw InputError("si=\(si) is not an IMSI (up to 15 digits)")
            }
            caller["imsi"] = .string(si)
        }
        if let ei = value("ei") {
            guard (14...16).contains(ei.utf8.count), ei.utf8.allSatisfy({ $0 &- 0x30 < 10 }) else {
                throw InputError("ei=\(ei) is not an IMEI (14–16 digits)")
            }
            caller["imei"] = .string(ei)
        }
        var network = JSONObject()
        if let mcc = value("mcc") {
            guard mcc.utf8.count == 3, mcc.utf8.allSatisfy({ $0 &- 0x30 < 10 }) else { throw InputError("mcc=\(mcc) is not a 3-digit country code") }
            network["mcc"] = .string(mcc)
        }
        if let mnc = value("mnc") {
            guard (2...3).contains(mnc.utf8.count), mnc.utf8.allSatisfy({ $0 &- 0x30 < 10 }) else { throw InputError("mnc=\(mnc) is not a 2–3 digit network code") }
            network["mnc"] = .string(mnc)
        }
        if !network.isEmpty { caller["network"] = .object(network) }

        var call: JSONObject = ["kind": "call", "v": 1, "id": .string("AML-" + StableHash.hex(text))]
        call["received_at"] = .string((receivedAt ?? fixAt).iso8601)
        call["channel"] = "aml"
        if !caller.isEmpty { call["caller"] = .object(caller) }
        call["location"] = .object(location)
        call["source"] = ["system": "aml", "payload": .string(text)]
        return .object(call)
    }

    /// `yyyyMMddHHmmss`, UTC.
    static func timeOfPositioning(_ top: String) throws(InputError) -> Timestamp {
        let d = Array(top.utf8)
        guard d.count == 14, d.allSatisfy({ $0 &- 0x30 < 10 }) else {
            throw InputError("top=\(top) is not a time yyyyMMddHHmmss")
        }
        func n(_ a: Int, _ b: Int) -> Int64 { d[a..<b].reduce(0) { $0 * 10 + Int64($1 - 0x30) } }
        do {
            return Timestamp(milliseconds: try Timestamp.wallClock(year: n(0, 4), month: n(4, 6), day: n(6, 8), hour: n(8, 10),
                                                                    minute: n(10, 12), second: n(12, 14), millisecond: 0))
        } catch {
            throw InputError("top=\(top) is not a valid time: \(error.reason)")
        }
    }

    static func isSignedDecimal(_ s: String) -> Bool {
        var u = Substring(s).utf8
        if let f = u.first, f == 0x2B || f == 0x2D { u = u.dropFirst() }
        var dots = 0, digits = 0
        for c in u {
            if c == 0x2E { dots += 1 } else if c &- 0x30 < 10 { digits += 1 } else { return false }
        }
        return digits > 0 && dots <= 1
    }
}
