/// A NENA/EENA Emergency Incident Data Object (EIDO, JSON; `shared/data/eido/openapi.yaml`)
/// sent by another centre → one `call` record on channel `transfer` per call component.
///
/// - id: the call component's `$id` (EIDO ids are globally unique URNs, so re-reading is idempotent);
/// - `received_at` / `answered_at`: `callStartTimestamp` / `answerDate` (else the component's
///   `lastUpdateTimeStamp`);
/// - location: the call's `locationReference`s resolved in `locationComponent`; the PIDF-LO in
///   `locationByValue` gives a civic address and/or a `gml:pos` point (with a circle's radius);
///   a location only by reference keeps its URL; each component's type and id are kept;
/// - caller: the callback component's `tel:` URI (E.164 with the given default country), the
///   person's name when the NIEM person component has one;
/// - text: the call's notes (its `notesReference`s, else every `notesComponent`; HTML stripped) and
///   the comments in additional data;
/// - `nature_hint`: the incident type; `correlation_key`: the EIDO's own `$id` (the incident),
///   so several calls transferred for one incident join one event.
///
/// Missing parts are skipped; a part present but malformed (a timestamp that is not ISO 8601,
/// a component that is not an object, a reference to nothing) is an error naming it. A call
/// component in error is rejected alone; the others are read.
public enum EIDO {
    public static func read(_ text: String, defaultCountry: String = "FR") -> [IntakeOutput] {
        let json: JSON
        do { json = try JSONParser.parse(text) } catch {
            return [.rejected(InputError("EIDO: not JSON: \(error)"))]
        }
        return read(json, defaultCountry: defaultCountry)
    }

    public static func read(_ json: JSON, defaultCountry: String = "FR") -> [IntakeOutput] {
        guard let eido = json.objectValue else { return [.rejected(InputError("EIDO: expected a JSON object"))] }
        do throws(InputError) {
            let document = try Document(eido, defaultCountry: defaultCountry)
            let calls = try document.components("callComponent")
            if calls.isEmpty {
                // Tolerated: an incident with no call component still becomes one call.
                return [.record(try document.call(from: eido, path: "the EIDO", idFallback: document.incidentID))]
            }
            return calls.enumerated().map { (k, component) in
                do throws(InputError) {
                    return .record(try document.call(from: component, path: "callComponent[\(k)]", idFallback: nil))
                } catch {
                    return .rejected(InputError("EIDO: \(error.reason)"))
                }
            }
        } catch {
            return [.rejected(InputError("EIDO: \(error.reason)"))]
        }
    }

    struct Document {
        let eido: JSONObject
        let defaultCountry: String
        let incidentID: String?
        var byID: [String: JSONObject] = [:]

        init(_ eido: JSONObject, defaultCountry: String) throws(InputError) {
            self.eido = eido
            self.defaultCountry = defaultCountry
            incidentID = eido["$id"]?.stringValue
            for field in eido.fields where field.key.hasSuffix("Component") {
                for (k, c) in try components(field.key).enumerated() {
                    guard let id = c["$id"] else { continue }
                    guard let s = id.stringValue else { throw InputError("\(field.key)[\(k)].$id must be a string") }
                    byID[s] = c
                }
            }
        }

        /// A component list; a single object (as `incidentComponent` is) counts as a list of one.
        func components(_ key: String) throws(InputError) -> [JSONObject] {
            switch eido[key] {
            case nil, .null?: return []
            case .object(let o)?: return [o]
            case .array(let items)?:
                var out: [JSONObject] = []
                for (k, item) in items.enumerated() {
                    guard let o = item.objectValue else { throw InputError("\(key)[\(k)] is not an object") }
                    out.append(o)
                }
                return out
            default: throw InputError("\(key) must be an array of objects")
            }
        }

        func references(_ value: JSON?, _ path: String) throws(InputError) -> [String] {
            switch value {
            case nil, .null?: return []
            case .object(let o)?:
                guard let r = o["$ref"]?.stringValue else { throw InputError("\(path) has no \"$ref\" string") }
                return [r]
            case .array(let items)?:
                var out: [String] = []
                for (k, item) in items.enumerated() { out += try references(item, "\(path)[\(k)]") }
                return out
            default: throw InputError("\(path) must be a reference {\"$ref\": …}")
            }
        }

        func resolve(_ ref: String, _ path: String) throws(InputError) -> JSONObject {
            guard let c = byID[ref] else { throw InputError("\(path) refers to \"\(ref)\", which no component has as $id") }
            return c
        }

        func time(_ o: JSONObject, _ key: String, _ path: String) throws(InputError) -> Timestamp? {
            guard let v = o[key], !v.isNull else { return nil }
            guard let s = v.stringValue else { throw InputError("\(path).\(key) must be an ISO 8601 string") }
            do { return try Timestamp.parseISO8601(s) } catch { throw InputError("\(path).\(key): \(error.reason)") }
        }

        func call(from component: JSONObject, path: String, idFallback: String?) throws(InputError) -> JSON {
            guard let id = component["$id"]?.stringValue ?? idFallback, !id.isEmpty else {
                throw InputError("\(path) has no $id")
            }
            let start = try time(component, "callStartTimestamp", path)
            let updated = try time(component, "lastUpdateTimeStamp", path)
            let documentUpdated = try time(eido, "lastUpdateTimeStamp", "the EIDO")
            let received = start ?? updated ?? documentUpdated
            guard let received else { throw InputError("\(path) has no callStartTimestamp (nor any lastUpdateTimeStamp)") }
            let answered = try time(component, "answerDate", path)

            var call: JSONObject = ["kind": "call", "v": 1, "id": .string(id), "received_at": .string(received.iso8601)]
            if let answered { call["answered_at"] = .string(answered.iso8601) }
            call["channel"] = "transfer"

            // Caller.
            var caller = JSONObject()
            var uris: [String] = []
            for ref in try references(component["callBackReference"], "\(path).callBackReference") {
                let cb = try resolve(ref, "\(path).callBackReference")
                switch cb["callBackInformationUri"] {
                case .string(let s)?: uris.append(s)
                case .array(let items)?: uris += items.compactMap(\.stringValue)
                default: break
                }
            }
            if let tel = uris.first(where: { $0.lowercased().hasPrefix("tel:") }),
               case .success(let phone) = Phone.normalise(tel, defaultCountry: defaultCountry) {
                caller["phone"] = .string(phone)
            }
            for ref in try references(component["personReference"], "\(path).personReference") {
                let person = try resolve(ref, "\(path).personReference")
                if let name = EIDO.personName(person) {
                    caller["name"] = .string(name)
                    break
                }
            }
            if !uris.isEmpty { caller["callback_uris"] = .strings(uris) }
            if !caller.isEmpty { call["caller"] = .object(caller) }

            // Location.
            var location = JSONObject()
            var parts: [JSON] = []
            for (k, ref) in try references(component["locationReference"], "\(path).locationReference").enumerated() {
                let l = try resolve(ref, "\(path).locationReference[\(k)]")
                var part: JSONObject = ["id": .string(ref)]
                if let type = l["locationTypeDescriptionRegistryText"]?.stringValue { part["type"] = .string(type) }
                if let url = l["locationByReferenceUrl"]?.stringValue { part["by_reference"] = .string(url) }
                if let pidf = l["locationByValue"]?.stringValue {
                    let found = try PIDFLocation(pidf, path: "locationComponent \(ref)")
                    if location["address"] == nil, let address = found.address { location["address"] = .string(address) }
                    if location["city"] == nil, let city = found.city { location["city"] = .string(city) }
                    if location["lat"] == nil, let c = found.coordinate {
                        location["lat"] = .double(c.lat, places: 7)
                        location["lon"] = .double(c.lon, places: 7)
                        if let r = found.radius { location["radius_m"] = .double(r) }
                    }
                    if location["method"] == nil, let m = found.method { location["method"] = .string(m.lowercased()) }
                    part["civic"] = found.civic.isEmpty ? nil : .object(found.civic)
                }
                parts.append(.object(part))
            }
            if !parts.isEmpty {
                location["source"] = "eido"
                location["components"] = .array(parts)
                call["location"] = .object(location)
            }

            // Text: notes and comments.
            // The call's own notes when it references some (an incident's notes are not the
            // call's text), else every note in the document.
            var notes: [String] = []
            let noteRefs = try references(component["notesReference"], "\(path).notesReference")
            let noteComponents = try component["notesReference"] == nil
                ? components("notesComponent") : noteRefs.map { r throws(InputError) in try resolve(r, "\(path).notesReference") }
            for n in noteComponents {
                if let t = n["notesActionComments"]?.stringValue { notes.append(EIDO.plainText(t)) }
            }
            for ref in try references(component["additionalDataReference"], "\(path).additionalDataReference") {
                guard let ad = byID[ref], let xml = ad["additionalDataByValue"]?.stringValue else { continue }
                notes += XMLText.elements(named: "Comment", in: xml).map(EIDO.plainText)
            }
            notes = notes.filter { !$0.isEmpty }
            if !notes.isEmpty { call["text"] = .string(notes.joined(separator: "\n")) }

            let incident = try components("incidentComponent").first
            if let type = incident?["incidentTypeCommonRegistryText"]?.stringValue ?? incident?["incidentTypeInternalText"]?.stringValue {
                call["nature_hint"] = .string(type)
            }
            if let incidentID { call["correlation_key"] = .string(incidentID) }

            var source: JSONObject = ["system": "eido"]
            if let incidentID { source["incident_id"] = .string(incidentID) }
            source["call_id"] = .string(id)
            for (key, name) in [("issuingElementIdentification", "issuing_element"), ("eidoVersion", "eido_version")] {
                if let v = eido[key]?.stringValue { source[name] = .string(v) }
            }
            if let agency = eido["updatedByAgencyReference"]?["$ref"]?.stringValue { source["agency"] = .string(agency) }
            for (key, name) in [("standardPrimaryCallType", "call_type"), ("direction", "direction"), ("queueIdentifier", "queue"),
                                ("callStateRegistryText", "call_state")] {
                if let v = component[key]?.stringValue { source[name] = .string(v) }
            }
            if let internalID = incident?["internalIncidentId"]?.stringValue { source["incident_number"] = .string(internalID) }
            call["source"] = .object(source)
            return .object(call)
        }
    }

    /// A name from a NIEM person (`ncPersonComponent`): the full name, else given + surname.
    static func personName(_ person: JSONObject) -> String? {
        func find(_ v: JSON, _ key: String) -> String? {
            switch v {
            case .object(let o):
                for f in o.fields {
                    if f.key.hasSuffix(key), let s = f.value.stringValue ?? f.value.arrayValue?.first?.stringValue, !s.isEmpty { return s }
                    if let s = find(f.value, key) { return s }
                }
            case .array(let items):
                for item in items { if let s = find(item, key) { return s } }
            default: break
            }
            return nil
        }
        let root = JSON.object(person)
        if let full = find(root, "PersonFullName") { return full }
        let given = find(root, "PersonGivenName"), sur = find(root, "PersonSurName")
        let name = [given, sur].compactMap { $0 }.joined(separator: " ")
        return name.isEmpty ? nil : name
    }

    /// Notes are HTML5: tags dropped, the five entities decoded, white space collapsed.
    static func plainText(_ html: String) -> String {
        var out = ""
        var inTag = false
        for ch in html {
            if ch == "<" { inTag = true; out.append(" ") } else if ch == ">" { inTag = false } else if !inTag { out.append(ch) }
        }
        return XMLText.decodeEntities(out).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
            .joined(separator: " ")
    }
}

/// What a PIDF-LO document (RFC 4119, civic RFC 5139, geodetic GML point/circle) says.
struct PIDFLocation {
    var civic = JSONObject()
    var address: String?
    var city: String?
    var coordinate: Coordinate?
    var radius: Double?
    var method: String?

    init(_ xml: String, path: String) throws(InputError) {
        for key in ["country", "A1", "A2", "A3", "A4", "A5", "A6", "PRD", "POD", "STS", "HNO", "HNS", "RD", "LMK", "LOC", "NAM", "PC", "FLR", "ROOM"] {
            if let v = XMLText.elements(named: key, in: xml).first?.trimmingSpaces(), !v.isEmpty { civic[key] = .string(v) }
        }
        func c(_ k: String) -> String? { civic[k]?.stringValue }
        let street = [c("HNO").map { $0 + (c("HNS") ?? "") }, c("PRD"), c("RD"), c("STS"), c("POD")].compactMap { $0 }.joined(separator: " ")
        // A free-text address (as `ccas-track export` writes it) is in LOC.
        if !street.isEmpty { address = street } else if let lmk = c("LMK") { address = lmk } else if let loc = c("LOC") { address = loc }
        city = c("A3") ?? c("A2")
        if let pos = XMLText.elements(named: "pos", in: xml).first {
            let numbers = pos.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
            guard numbers.count >= 2 else { throw InputError("\(path): gml:pos \"\(pos)\" is not \"lat lon\"") }
            switch Geo.coordinate(lat: numbers[0], lon: numbers[1]) {
            case .success(let p): coordinate = p
            case .failure(let e): throw InputError("\(path): gml:pos: \(e.reason)")
            }
            if let r = XMLText.elements(named: "radius", in: xml).first {
                guard let v = Double(r.trimmingSpaces()), v >= 0 else { throw InputError("\(path): radius \"\(r)\" is not metres") }
                radius = v
            }
        }
        method = XMLText.elements(named: "method", in: xml).first?.trimmingSpaces()
    }
}

/// Just enough XML to read the text of simple elements by local name (any namespace prefix):
/// EIDO carries PIDF-LO and comments as XML strings, and a full parser is not worth a dependency.
enum XMLText {
    static func elements(named name: String, in xml: String) -> [String] {
        let b = Array(xml.utf8)
        let target = Array(name.utf8)
        var out: [String] = []
        var i = 0
        while i < b.count {
            guard b[i] == UInt8(ascii: "<"), i + 1 < b.count, b[i + 1] != UInt8(ascii: "/"), b[i + 1] != UInt8(ascii: "?"),
                  b[i + 1] != UInt8(ascii: "!")
            else { i += 1; continue }
            var j = i + 1
            while j < b.count, !isNameEnd(b[j]) { j += 1 }
            let qname = Array(b[(i + 1)..<j])
            let local = qname.lastIndex(of: UInt8(ascii: ":")).map { Array(qname[($0 + 1)...]) } ?? qname
            guard local == target else { i = j; continue }
            guard let close = b[j...].firstIndex(of: UInt8(ascii: ">")) else { break }
            if b[close - 1] == UInt8(ascii: "/") { out.append(""); i = close + 1; continue }
            let end = Array("</".utf8) + qname
            var k = close + 1
            var found: Int?
            while k + end.count <= b.count {
                if b[k] == UInt8(ascii: "<"), Array(b[k..<(k + end.count)]) == end { found = k; break }
                k += 1
            }
            guard let found else { break }
            out.append(decodeEntities(String(decoding: b[(close + 1)..<found], as: UTF8.self)))
            i = found + end.count
        }
        return out
    }

    static func isNameEnd(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: ">") || c == UInt8(ascii: "/")
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        let table: [(String, String)] = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&nbsp;", " "), ("&amp;", "&")]
        outer: while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            for (entity, ch) in table where rest.hasPrefix(entity) {
                out += ch
                rest = rest.dropFirst(entity.count)
                continue outer
            }
            out += "&"
            rest = rest.dropFirst()
        }
        return out + rest
    }
}
