/// An event (`Store.eventDetail`, `ccas-track show`) → a NENA EIDO JSON document
/// (NENA-STA-024, `shared/data/eido/openapi.yaml`, `EmergencyIncidentDataObjectType`), for
/// `ccas-track export EVENT --format eido`. A pure transform: the caller gives the sending
/// agency, the agent and the time of the export.
///
/// What goes where:
/// - the document `$id` is the incident URN `urn:emergency:uid:incidentid:<event>:<agency>`;
///   every component has the prologue (`$id`, `lastUpdateTimeStamp`, `updatedByAgencyReference`);
/// - `incidentComponent`: our nature as the internal code and text (French label), its family as
///   the common incident type (below), the event status as the internal status and the common
///   status, the priority as internal text (`P0`…) and common number (P0 → 1 … P3 → 4), the event
///   number as `internalIncidentId`, the outcome of a closed or cancelled event as a disposition;
/// - one `callComponent` per call (`$id` `urn:emergency:uid:callid:<call id>:<agency>`, incoming
///   emergency call, `callStartTimestamp` = received, `answerDate` = answered, `localCallType` =
///   our channel, `priorityIdentifier` from the call's priority), with its own callback (`tel:`
///   URI), location (PIDF-LO: the address as free text in the civic `LOC` element, the position
///   as a GML point, or a circle when a radius is known), caller person and note (the call's
///   text): `ccas-intake --from eido` reads back the same location, text and times;
/// - the event's location as the incident location, the field messages and victim count as notes
///   on the incident;
/// - each unit that worked on the event as an `emergencyResourceComponent` (its type from the
///   units table as `emergencyResourceTypeInternalText` and mapped to the resource type registry;
///   its last status entered on this event — `units` in entry order, the unit table's rule —
///   mapped to the primary unit status registry, our status kept as `unitStatusInternal`), an
///   agent for its crew, and one `dispatchComponent` per engagement.
public enum EIDOExport {
    public struct Options: Sendable {
        /// The sending agency's domain-like id (`updatedByAgencyReference`, the URNs' suffix).
        public var agency: String
        /// The functional element that makes the EIDO.
        public var issuingElement: String
        /// The operator exporting (an agent `<name>@<agency>`).
        public var agent: String
        /// When the EIDO is made (`lastUpdateTimeStamp` of the document and of what has no time of its own).
        public var at: Timestamp
        /// The French label of a nature code, when known (`incidentTypeInternalText`).
        public var natureLabel: @Sendable (String) -> String?

        public init(agency: String, issuingElement: String? = nil, agent: String, at: Timestamp,
                    natureLabel: @escaping @Sendable (String) -> String? = { _ in nil }) {
            self.agency = agency
            self.issuingElement = issuingElement ?? "ccas-track.\(agency)"
            self.agent = agent
            self.at = at
            self.natureLabel = natureLabel
        }
    }

    public static func document(_ event: JSONObject, options o: Options) -> JSONObject {
        let number = event["event_id"]?.stringValue ?? "unknown"
        let now = JSON.string(o.at.iso8601)
        let agencyRef: JSON = ["$ref": .string(o.agency)]
        let agentID = o.agent.contains("@") ? o.agent : "\(o.agent)@\(o.agency)"
        let agentRef: JSON = ["$ref": .string(agentID)]

        func prologue(_ id: String, _ at: JSON? = nil) -> JSONObject {
            ["$id": .string(id), "lastUpdateTimeStamp": present(at) ?? now, "updatedByAgencyReference": agencyRef]
        }
        func ref(_ id: String) -> JSON { ["$ref": .string(id)] }
        let base = "urn:emergency:uid"

        var calls: [JSON] = [], callbacks: [JSON] = [], locations: [JSON] = [], persons: [JSON] = []
        var notes: [JSON] = [], resources: [JSON] = [], dispatches: [JSON] = []
        var agents: [JSON] = [.object(withFields(prologue(agentID), [
            "updatedByAgentReference": agentRef,
            "agentRoleRegistryText": .strings(["Call Taking", "Dispatching"]),
            "agencyReference": agencyRef,
        ]))]

        let incidentID = "\(base):incidentid:\(number):\(o.agency)"
        let nature = event["nature"]?.stringValue
        let priority = event["priority"]?.stringValue
        let status = event["status"]?.stringValue ?? "OPEN"
        let lastTime = present(event["closed_at"]) ?? present(event["opened_at"])

        // Calls.
        for (k, value) in (event["calls"]?.arrayValue ?? []).enumerated() {
            guard let call = value.objectValue else { continue }
            let callID = call["id"]?.stringValue ?? "\(number)-\(k + 1)"
            let callURN = "\(base):callid:\(callID):\(o.agency)"
            let received = call["received_at"] ?? event["opened_at"] ?? now
            var c = prologue(callURN, present(call["classified_at"]) ?? present(call["answered_at"]) ?? received)
            c["updatedByAgentReference"] = agentRef
            c["standardPrimaryCallType"] = "emergency"
            c["direction"] = "incoming"
            if let channel = call["channel"]?.stringValue { c["localCallType"] = .string(channel) }
            let callPriority = call["classification"]?["priority"]?.stringValue ?? call["priority"]?.stringValue ?? priority
            if let p = callPriority.flatMap(priorityIdentifier) { c["priorityIdentifier"] = .string(p) }
            c["callStartTimestamp"] = received
            if let answered = call["answered_at"], !answered.isNull { c["answerDate"] = answered }
            // The call is over once it is in an event we export.
            c["callStateRegistryText"] = "callEnd"
            c["agentReference"] = .array([agentRef])

            let caller = call["caller"]?.objectValue
            if let phone = caller?["phone"]?.stringValue, !phone.isEmpty {
                let id = "\(base):callbackid:\(callID):\(o.agency)"
                callbacks.append(.object(withFields(prologue(id, received), ["callBackInformationUri": .strings(["tel:\(phone)"])])))
                c["callBackReference"] = ref(id)
            }
            if let location = call["location"]?.objectValue, let pidf = pidf(location, entity: callURN) {
                let id = "\(base):locationid:\(callID):\(o.agency)"
                var l = withFields(prologue(id, received), ["locationTypeDescriptionRegistryText": "Caller", "locationByValue": .string(pidf)])
                if let address = location["address"]?.stringValue { l["locationDescriptionText"] = .string(address) }
                locations.append(.object(l))
                c["locationReference"] = .array([ref(id)])
            }
            if let text = call["text"]?.stringValue, !text.isEmpty {
                let id = "\(base):notesid:\(callID):\(o.agency)"
                notes.append(.object(withFields(prologue(id, received), ["notesActionComments": .string(html(text)), "agentReference": agentRef])))
                c["notesReference"] = .array([ref(id)])
            }
            if caller != nil || c["callBackReference"] != nil {
                let id = "\(base):personid:\(callID):\(o.agency)"
                var p = withFields(prologue(id, received), ["personIncidentRoleRegistryText": .strings(["Caller"]),
                                                            "callIdentifier": .strings([callURN])])
                if let cb = c["callBackReference"] { p["callBackReference"] = cb }
                persons.append(.object(p))
                c["personReference"] = .array([ref(id)])
            }
            calls.append(.object(c))
        }

        // The incident.
        var incident = prologue("\(base):incidentcomponentid:\(number):\(o.agency)", lastTime)
        incident["updatedByAgentReference"] = agentRef
        incident["incidentTypeCommonRegistryText"] = .string(incidentType(nature))
        if let nature {
            incident["incidentTypeInternalCode"] = .string(nature)
            incident["incidentTypeInternalText"] = .string(o.natureLabel(nature) ?? nature)
        }
        incident["incidentStatusInternalText"] = .strings([status])
        incident["incidentStatusCommonRegistryText"] = .strings([incidentStatus(status)])
        incident["internalIncidentId"] = .string(number)
        incident["agentReference"] = .array([agentRef])
        if event["location"] != nil || event["address"]?.stringValue != nil {
            var where_: JSONObject = [:]
            if let a = event["address"]?.stringValue { where_["address"] = .string(a) }
            if let l = event["location"]?.objectValue { where_["lat"] = l["lat"]; where_["lon"] = l["lon"] }
            if let pidf = pidf(where_, entity: incidentID) {
                let id = "\(base):locationid:\(number):\(o.agency)"
                var l = withFields(prologue(id, event["opened_at"]), ["locationTypeDescriptionRegistryText": "Incident",
                                                                      "locationByValue": .string(pidf)])
                if let a = event["address"]?.stringValue { l["locationDescriptionText"] = .string(a) }
                locations.append(.object(l))
                incident["locationReference"] = .array([ref(id)])
            }
        }
        if let p = priority {
            incident["incidentPriorityInternalText"] = .string(p)
            if let n = commonPriority(p) { incident["incidentCommonPriorityNumber"] = .int(n) }
        }
        if let talkgroup = event["talkgroup"]?.stringValue { incident["beatOrDispatchGroupText"] = .string(talkgroup) }

        // Incident notes: field messages, victims.
        var incidentNotes: [JSON] = []
        for (k, value) in (event["messages"]?.arrayValue ?? []).enumerated() {
            guard let m = value.objectValue else { continue }
            var text = m["type"]?.stringValue ?? "message"
            if let from = m["from"]?.stringValue { text += " from \(from)" }
            if let v = m["victims"]?.intValue { text += " (victims: \(v))" }
            if let t = m["text"]?.stringValue, !t.isEmpty { text += ": \(t)" }
            let id = "\(base):notesid:\(number).m\(k + 1):\(o.agency)"
            notes.append(.object(withFields(prologue(id, m["at"]), ["notesActionComments": .string(html(text)), "agentReference": agentRef])))
            incidentNotes.append(ref(id))
        }
        if let victims = event["victims"]?.intValue {
            let id = "\(base):notesid:\(number).victims:\(o.agency)"
            notes.append(.object(withFields(prologue(id, lastTime), ["notesActionComments": .string("Victims: \(victims)"),
                                                                    "agentReference": agentRef])))
            incidentNotes.append(ref(id))
        }
        if !incidentNotes.isEmpty { incident["notesReference"] = .array(incidentNotes) }
        if status == "CLOSED" || status == "CANCELLED" {
            var d = prologue("\(base):dispositionid:\(number):\(o.agency)", lastTime)
            // Common Disposition Code registry.
            d["dispositionCommonRegistryCode"] = status == "CLOSED" ? "Completed" : "Cancelled"
            d["dispositionPrimaryIndicator"] = true
            if let outcome = event["outcome"]?.stringValue { d["dispositionDescriptionText"] = .string(outcome) }
            incident["dispositionComponent"] = .array([.object(d)])
        }

        // Units: their last status on this event, the engagement that sent them.
        var lastStatus: [String: (status: String, at: JSON, location: JSONObject?)] = [:]
        var order: [String] = []
        for value in event["units"]?.arrayValue ?? [] {
            guard let s = value.objectValue, let unit = s["unit"]?.stringValue, let st = s["status"]?.stringValue else { continue }
            if lastStatus[unit] == nil { order.append(unit) }
            lastStatus[unit] = (st, s["at"] ?? .null, s["location"]?.objectValue ?? lastStatus[unit]?.location)
        }
        var need: [String: String] = [:]
        let engagements = (event["engagements"]?.arrayValue ?? []).compactMap(\.objectValue)
        for e in engagements {
            guard let unit = e["unit"]?.stringValue else { continue }
            if lastStatus[unit] == nil { order.append(unit); lastStatus[unit] = ("ALERTED", e["engaged_at"] ?? .null, nil) }
            if let n = e["need"]?.stringValue { need[unit] = n }
            if e["released_at"].map({ !$0.isNull }) == true, let s = lastStatus[unit], !["AVAILABLE", "RETURNING"].contains(s.status) {
                // Released without a status of its own (close, cancel): it is no longer on the event.
                lastStatus[unit] = ("RETURNING", e["released_at"]!, s.location)
            }
        }
        let types = EMSIExport.unitTypes(event)
        var resourceID: [String: String] = [:]
        for unit in order {
            guard let s = lastStatus[unit] else { continue }
            let id = "\(base):resourceid:\(unit):\(o.agency)"
            resourceID[unit] = id
            let crew = "\(unit)@\(o.agency)"
            agents.append(.object(withFields(prologue(crew, s.at), ["agentRoleRegistryText": .strings(["Responder"]), "agencyReference": agencyRef])))
            let type = types[unit] ?? EMSIExport.kind(unit: unit, need: need[unit])
            var r = withFields(prologue(id, s.at), [
                "emergencyResourceTypeCommonRegistryText": .string(resourceType(type)),
                "emergencyResourceTypeInternalText": .string(type),
                "resourceAttributeRegistryText": .strings([]),
                "emergencyResourceName": .string(unit),
                "primaryUnitStatusRegistryText": .string(primaryUnitStatus(s.status)),
                "secondaryUnitStatusRegistryText": .strings([]),
                "unitStatusInternal": .strings([s.status]),
                "agentReference": .array([ref(crew)]),
            ])
            if let l = s.location, let pidf = pidf(l, entity: id) {
                let lid = "\(base):locationid:\(unit).\(number):\(o.agency)"
                locations.append(.object(withFields(prologue(lid, s.at), ["locationTypeDescriptionRegistryText": "Unit",
                                                                          "locationByValue": .string(pidf)])))
                r["unitLocationReference"] = ref(lid)
            }
            if let l = incident["locationReference"]?.arrayValue?.first { r["unitDestinationReference"] = l }
            r["activeOnIncidentId"] = .string(incidentID)
            resources.append(.object(r))
        }
        for (k, e) in engagements.enumerated() {
            guard let unit = e["unit"]?.stringValue, let rid = resourceID[unit] else { continue }
            var d = prologue("\(base):dispatchid:\(number).\(k + 1):\(o.agency)", e["engaged_at"])
            d["agencyReference"] = agencyRef
            d["agentReference"] = agentRef
            d["emergencyResourceReference"] = .array([ref(rid)])
            dispatches.append(.object(d))
        }

        var doc = prologue(incidentID, now)
        doc["updatedByAgentReference"] = agentRef
        doc["eidoVersion"] = "1.0"
        doc["issuingElementIdentification"] = .string(o.issuingElement)
        doc["incidentComponent"] = .object(incident)
        if !calls.isEmpty { doc["callComponent"] = .array(calls) }
        if !callbacks.isEmpty { doc["callbackComponent"] = .array(callbacks) }
        if !dispatches.isEmpty { doc["dispatchComponent"] = .array(dispatches) }
        if !notes.isEmpty { doc["notesComponent"] = .array(notes) }
        if !resources.isEmpty { doc["emergencyResourceComponent"] = .array(resources) }
        doc["agencyComponent"] = .array([.object(withFields(prologue(o.agency), [
            "agencyRoleDescriptionRegistryText": .strings(["CallReceiving", "Dispatch"]),
            // IANA urn:emergency:service:responder: a French CTA-CODIS / SAMU handles both.
            "agencyType": .strings(["fire", "ems"]),
            "incidentOwningAgencyIndicator": true,
        ]))])
        doc["agentComponent"] = .array(agents)
        if !locations.isEmpty { doc["locationComponent"] = .array(locations) }
        if !persons.isEmpty { doc["personComponent"] = .array(persons) }
        doc["@context"] = ["@vocab": "./JSON-LD_Contexts/EmergencyIncidentDataObjectType.jsonld"]
        return doc
    }

    // MARK: - Code mappings

    /// NENA Incident Type registry (top level) from our nature family.
    static func incidentType(_ nature: String?) -> String {
        switch nature?.prefix(while: { $0 != "." }) {
        case "SAP"?: "Medical"
        case "INC"?: "Fire"
        case "AVP"?: "Traffic"
        case "TEC"?: "Hazmat"
        case "SEC"?: "Law"
        case "DIV"?: "Rescue"
        default: "Other"
        }
    }

    /// NENA Incident Status registry from our lifecycle.
    static func incidentStatus(_ status: String) -> String {
        switch status {
        case "OPEN", "CLASSIFIED": "Pending"
        case "DISPATCHED": "Dispatched"
        case "ON_SCENE": "OnScene"
        case "CLOSED": "Closed"
        case "CANCELLED": "Cancelled"
        default: "Pending"
        }
    }

    /// STA-023 call priority: P0 highest … P3 low.
    static func priorityIdentifier(_ p: String) -> String? {
        switch p {
        case "P0": "highest"
        case "P1": "high"
        case "P2": "normal"
        case "P3": "low"
        default: nil
        }
    }

    /// `incidentCommonPriorityNumber`: 1 is the most urgent.
    static func commonPriority(_ p: String) -> Int? {
        guard p.count == 2, p.first == "P", let n = Int(p.dropFirst()), (0...3).contains(n) else { return nil }
        return n + 1
    }

    /// NENA Primary Unit Status registry from our unit status.
    static func primaryUnitStatus(_ s: String) -> String {
        switch s {
        case "AVAILABLE": "Available"
        case "ALERTED", "ACKNOWLEDGED": "Dispatched"
        case "EN_ROUTE": "Enroute"
        case "ON_SCENE": "OnScene"
        case "TRANSPORTING": "Transporting"
        case "AT_HOSPITAL": "AtDestination"
        case "RETURNING": "Returning"
        case "OUT_OF_SERVICE": "OutOfService"
        default: "Unavailable"
        }
    }

    /// NENA Emergency Resource Type registry from our unit types (French fleet).
    static func resourceType(_ type: String) -> String {
        switch EMSIExport.unitFamily(type) {
        case .ambulance: "Ambulance"
        case .medical: "ALS"
        case .fire: "Engine"
        case .ladder: "Ladder"
        case .police: "Police"
        case .other: "Other"
        }
    }

    // MARK: - Text

    /// A PIDF-LO (RFC 4119) with a civic address (RFC 5139: the free-text address in `LOC`, the
    /// city in `A3`) and/or a GML point (RFC 5491; a circle when a radius is known). nil when
    /// there is neither.
    static func pidf(_ location: JSONObject, entity: String) -> String? {
        let address = location["address"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let city = location["city"]?.stringValue
        let lat = number(location["lat"]), lon = number(location["lon"])
        guard address != nil || (lat != nil && lon != nil) else { return nil }
        var info = ""
        if address != nil || city != nil {
            info += #"<ca:civicAddress xmlns:ca="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr">"#
            if let country = location["country"]?.stringValue { info += "<ca:country>\(Markup.escape(country))</ca:country>" }
            if let city { info += "<ca:A3>\(Markup.escape(city))</ca:A3>" }
            if let address { info += "<ca:LOC>\(Markup.escape(address))</ca:LOC>" }
            info += "</ca:civicAddress>"
        }
        if let lat, let lon {
            if let radius = number(location["radius_m"]) {
                info += #"<gs:Circle xmlns:gs="http://www.opengis.net/pidflo/1.0" xmlns:gml="http://www.opengis.net/gml" srsName="urn:ogc:def:crs:EPSG::4326">"#
                info += "<gml:pos>\(lat) \(lon)</gml:pos><gs:radius uom=\"urn:ogc:def:uom:EPSG::9001\">\(radius)</gs:radius></gs:Circle>"
            } else {
                info += #"<gml:Point xmlns:gml="http://www.opengis.net/gml" srsName="urn:ogc:def:crs:EPSG::4326">"#
                info += "<gml:pos>\(lat) \(lon)</gml:pos></gml:Point>"
            }
        }
        var out = #"<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model""#
        out += " entity=\"\(Markup.escape(entity))\"><dm:device id=\"location\"><gp:geopriv><gp:location-info>\(info)</gp:location-info>"
        out += "<gp:usage-rules/>"
        if let method = location["method"]?.stringValue { out += "<gp:method>\(Markup.escape(method))</gp:method>" }
        out += "</gp:geopriv></dm:device></presence>"
        return out
    }

    /// A JSON number's own text (so what we stored is what we send), or a numeric string.
    static func number(_ v: JSON?) -> String? {
        switch v {
        case .number(let s)?: s
        case .string(let s)? where Double(s) != nil: s
        default: nil
        }
    }


    /// Notes are HTML5: the text escaped, line breaks as `<br>`.
    static func html(_ s: String) -> String {
        Markup.escape(s).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "<br>")
    }

    /// A value unless missing or null (JSON is nil-literal: `v.flatMap { … ? nil : $0 }` would give `.null`).
    static func present(_ v: JSON?) -> JSON? {
        guard let v, !v.isNull else { return nil }
        return v
    }

    static func withFields(_ o: JSONObject, _ more: JSONObject) -> JSONObject {
        var r = o
        for f in more.fields { r[f.key] = f.value }
        return r
    }
}
