/// An event (`Store.eventDetail`) → an EMSI message (ISO/TR 22351) as exchanged between French
/// 15 (SAMU) and 18 (SDIS) centres through the Hub Santé (`shared/data/hubsante/EMSI.schema.json`),
/// for `ccas-track export EVENT --format emsi`. A pure transform: the caller gives the sending
/// organisation, the operator, the time, and the HubSante code of a nature (from the référentiel).
///
/// What goes where:
/// - `CONTEXT`: a message id unique per export (`<org>.<event>.<ms>`), `MODE` ACTUAL or EXERCS,
///   `MSGTYPE` ALERT while the event runs, UPDATE once closed, CANCEL when cancelled; `URGENCY`
///   URGENT for P0/P1; `SECLASS` RESTRC (the message names places and people);
/// - `EVENT`: our event number as `ID`, the nature label as `NAME`, `ETYPE.CATEGORY` from the
///   nature's HubSante code (the "fait" families C01…C11, refined for a few natures, table below),
///   `ETYPE.ACTOR` (people; vehicles for road accidents; animals), `LOCTYPE` OTH, `SOURCE` HUMOBS
///   (a caller saw it), `DECL_DATIME` = first call, `STATUS` from our lifecycle (OPEN/CLASSIFIED →
///   NST, DISPATCHED/ON_SCENE → IPR, CLOSED/CANCELLED → COM), the victims as `CASUALTIES`, the
///   location as `EGEO` (WGS 84 point + free-text address), call texts and messages as `FREETEXT`;
/// - one `MISSION` per engagement (unit sent): `TYPE` from the unit's kind and the nature (table
///   below, from EMSI-MISSION.TYPE), `STATUS` from the unit's status (alerted → NST, moving or on
///   scene → IPR, released → COM, cancelled event → CANCLD), `PRIORITY` P0 → 5 … P3 → 1 (EMSI:
///   5 is the most urgent), times of engagement and release, the unit as `RESOURCE_ID`;
/// - one `RESOURCE` per unit: `RCLASS` from its type (units table, `unit_types`; else guessed from
///   its id or need), its last status entered (`units` in entry order, as the unit table takes
///   it, so a back-dated status counts when it was entered) as `STATUS`: alerted → RESRVD, moving →
///   IN_USE/MOBILE, on scene or at hospital → IN_USE/ON_SCENE, available → AVAILB, unavailable →
///   UNAV, out of service → MAINTC; its last known position as `RGEO` CUR.
public enum EMSIExport {
    public struct Options: Sendable {
        /// The sending organisation (`ORIGIN.ORG_ID`, prefix of ids), e.g. `fr.fire.sdis69.cta`.
        public var organisation: String
        public var user: String
        public var at: Timestamp
        public var exercise: Bool
        /// A nature code → its HubSante code (`C02.05.01`) and French label.
        public var nature: @Sendable (String) -> (hubsante: String, label: String)?

        public init(organisation: String, user: String, at: Timestamp, exercise: Bool = false,
                    nature: @escaping @Sendable (String) -> (hubsante: String, label: String)? = { _ in nil }) {
            self.organisation = organisation
            self.user = user
            self.at = at
            self.exercise = exercise
            self.nature = nature
        }
    }

    public static func message(_ event: JSONObject, options o: Options) -> JSONObject {
        let number = event["event_id"]?.stringValue ?? "unknown"
        let status = event["status"]?.stringValue ?? "OPEN"
        let natureCode = event["nature"]?.stringValue
        let nature = natureCode.flatMap(o.nature)
        let priority = event["priority"]?.stringValue
        let calls = (event["calls"]?.arrayValue ?? []).compactMap(\.objectValue)

        // CONTEXT
        var context: JSONObject = ["ID": .string("\(o.organisation).\(number).\(o.at.milliseconds)"),
                                   "MODE": .string(o.exercise || event["exercise"]?.boolValue == true ? "EXERCS" : "ACTUAL"),
                                   "MSGTYPE": .string(status == "CANCELLED" ? "CANCEL" : status == "CLOSED" ? "UPDATE" : "ALERT"),
                                   "CREATION": .string(time(o.at))]
        context["LEVEL"] = "OPR"
        context["SECLASS"] = "RESTRC"
        if let label = nature?.label ?? natureCode { context["FREETEXT"] = .string(label) }
        context["ORIGIN"] = ["ORG_ID": .string(o.organisation), "USER_ID": .string(o.user)]
        if let priority { context["URGENCY"] = .string(priority == "P0" || priority == "P1" ? "URGENT" : "NOT_URGENT") }

        // EVENT
        var ev: JSONObject = ["ID": .string(number)]
        ev["NAME"] = .string([nature?.label ?? natureCode ?? "événement", event["address"]?.stringValue]
            .compactMap { $0 }.joined(separator: " — "))
        ev["ETYPE"] = ["CATEGORY": .strings([category(hubsante: nature?.hubsante, nature: natureCode)]),
                       "ACTOR": .strings([actor(natureCode)]),
                       "LOCTYPE": .strings(["OTH"])]
        ev["SOURCE"] = "HUMOBS"
        if let first = calls.first?["received_at"].flatMap(parse) ?? event["opened_at"].flatMap(parse) {
            ev["DECL_DATIME"] = .string(time(first))
        }
        if let opened = event["opened_at"].flatMap(parse) { ev["OBS_DATIME"] = .string(time(opened)) }
        ev["STATUS"] = .string(eventStatus(status))
        if let victims = event["victims"]?.intValue {
            var c: JSONObject = ["CONTEXT": .string("\(victims) victime\(victims > 1 ? "s" : "") déclarée\(victims > 1 ? "s" : "")")]
            if let t = (event["closed_at"].flatMap(parse) ?? event["opened_at"].flatMap(parse)) { c["DATIME"] = .string(time(t)) }
            ev["CASUALTIES"] = .array([.object(c)])
        }
        if let position = position(event["location"]?.objectValue, address: event["address"]?.stringValue) {
            var g: JSONObject = ["TYPE": "GEN/LOCAT"]
            if let t = event["opened_at"].flatMap(parse) { g = ["DATIME": .string(time(t)), "TYPE": "GEN/LOCAT"] }
            g["POSITION"] = .object(position)
            ev["EGEO"] = .array([.object(g)])
        }
        var text: [String] = []
        for c in calls { if let t = c["text"]?.stringValue, !t.isEmpty { text.append(t) } }
        for m in (event["messages"]?.arrayValue ?? []).compactMap(\.objectValue) {
            var line = m["type"]?.stringValue ?? "message"
            if let from = m["from"]?.stringValue { line += " (\(from))" }
            if let t = m["text"]?.stringValue, !t.isEmpty { line += ": \(t)" }
            text.append(line)
        }
        if let outcome = event["outcome"]?.stringValue { text.append("Issue : \(outcome)") }
        if !text.isEmpty { ev["FREETEXT"] = .string(text.joined(separator: "\n")) }

        // Units: last status on this event and last position.
        var last: [String: (status: String, at: Timestamp?, location: JSONObject?)] = [:]
        var order: [String] = []
        for s in (event["units"]?.arrayValue ?? []).compactMap(\.objectValue) {
            guard let unit = s["unit"]?.stringValue, let st = s["status"]?.stringValue else { continue }
            if last[unit] == nil { order.append(unit) }
            last[unit] = (st, s["at"].flatMap(parse), s["location"]?.objectValue ?? last[unit]?.location)
        }
        let engagements = (event["engagements"]?.arrayValue ?? []).compactMap(\.objectValue)
        var need: [String: String] = [:]
        for e in engagements {
            guard let unit = e["unit"]?.stringValue else { continue }
            if last[unit] == nil { order.append(unit); last[unit] = ("ALERTED", e["engaged_at"].flatMap(parse), nil) }
            if let n = e["need"]?.stringValue { need[unit] = n }
        }
        let types = unitTypes(event)
        func kind(_ unit: String) -> String { types[unit] ?? EMSIExport.kind(unit: unit, need: need[unit]) }

        var missions: [JSON] = []
        let missionPosition = position(event["location"]?.objectValue, address: event["address"]?.stringValue)
        for (k, e) in engagements.enumerated() {
            guard let unit = e["unit"]?.stringValue else { continue }
            let released = e["released_at"].flatMap(parse)
            let mType = missionType(unitKind: kind(unit), nature: natureCode)
            var m: JSONObject = ["TYPE": .string(mType), "ID": .string("\(o.organisation).\(number).M\(k + 1)"),
                                 "ORG_ID": .string(o.organisation),
                                 "NAME": .string("\(missionLabel(mType)) — \(unit)"),
                                 "STATUS": .string(missionStatus(unit: last[unit]?.status, released: released != nil, eventStatus: status))]
            if let t = e["engaged_at"].flatMap(parse) { m["START_TIME"] = .string(time(t)) }
            if let released { m["END_TIME"] = .string(time(released)) }
            m["RESOURCE_ID"] = .strings([unit])
            if let missionPosition { m["POSITION"] = .object(missionPosition) }
            if let p = priority.flatMap(missionPriority) { m["PRIORITY"] = .string(p) }
            if let reason = e["reason"]?.stringValue { m["FREETEXT"] = .string(reason) }
            missions.append(.object(m))
        }

        var resources: [JSON] = []
        for unit in order {
            guard let s = last[unit] else { continue }
            let kind = kind(unit)
            var r: JSONObject = ["RTYPE": ["RCLASS": .strings([resourceClass(kind)])], "ID": .string(unit),
                                 "ORG_ID": .string(o.organisation), "NAME": .string(unit)]
            r["FREETEXT"] = .string("\(kind) — \(s.status)")
            if let l = s.location, let p = position(l, address: nil) {
                var g: JSONObject = [:]
                if let t = s.at { g["DATIME"] = .string(time(t)) }
                g["TYPE"] = "CUR"
                g["POSITION"] = .array([.object(p)])
                r["RGEO"] = .array([.object(g)])
            }
            r["STATUS"] = .string(resourceStatus(s.status))
            resources.append(.object(r))
        }

        var message: JSONObject = ["CONTEXT": .object(context), "EVENT": .object(ev)]
        if !missions.isEmpty { message["MISSION"] = .array(missions) }
        if !resources.isEmpty { message["RESOURCE"] = .array(resources) }
        return message
    }

    // MARK: - Code mappings

    /// EMSI EVENT.ETYPE.CATEGORY from the HubSante "fait" code (family C01…C11), refined for the
    /// natures where the family says too little.
    static func category(hubsante: String?, nature: String?) -> String {
        switch nature {
        case "AVP.INCARCERATION"?: return "ASR/TRP"
        case "SAP.NOYADE"?: return "ASR/WAT"
        case "SAP.DEFENESTRATION"?: return "ASR/HGT"
        case "TEC.FUITE_GAZ"?: return "EXP/GAS"
        case "TEC.NRBC"?: return "POL/CHM"
        case "DIV.ASCENSEUR"?: return "ASR/TRP"
        case "SEC.DISPARITION"?: return "PSW/MIS"
        case "SEC.ALARME"?, "INC.ALARME"?: return "PSW/ALM"
        case "INC.VEHICULE"?: return "FIR/CLB"
        case "INC.HABITATION"?, "INC.ERP"?, "INC.VEGETATION"?, "INC.CHEMINEE"?, "INC.POUBELLE"?: return "FIR/CLA"
        default: break
        }
        switch hubsante?.prefix(3) {
        case "C01"?: return "TRP/COL"       // accident de la circulation
        case "C02"?: return "HLT"           // atteinte aux personnes
        case "C03"?: return "ASB"           // atteinte aux biens / animal
        case "C04"?: return "FIR/UKN"       // incendie
        case "C05"?: return "EXP/UKN"       // explosion
        case "C06"?, "C07"?: return "PSW/SUS" // infractions, ordre public
        case "C08"?: return "FLD"           // aléas naturels
        case "C09"?: return "POL"           // aléas technologiques
        case "C10"?: return "PSW/MIS"       // disparitions
        default: return "PSW"               // autre, inconnu
        }
    }

    /// EMSI ETYPE.ACTOR: who or what the event is about.
    static func actor(_ nature: String?) -> String {
        switch nature?.prefix(while: { $0 != "." }) {
        case "AVP"?: return "VEH"
        case "INC"? where nature == "INC.VEHICULE": return "VEH"
        case "INC"?: return "BEV"
        default: return nature == "DIV.ANIMAL" || nature == "DIV.NID_INSECTES" ? "ANI" : "PPL"
        }
    }

    static func eventStatus(_ s: String) -> String {
        switch s {
        case "DISPATCHED", "ON_SCENE": "IPR"
        case "CLOSED", "CANCELLED": "COM"
        default: "NST"
        }
    }

    /// EMSI-MISSION.TYPE from what the unit is and what the event is.
    static func missionType(unitKind: String, nature: String?) -> String {
        switch nature {
        case "SAP.RELEVAGE"?: return "SAV/ASC/FR_PPL/LIFT"
        case "AVP.INCARCERATION"?: return "GEN/RECVRY"
        case "TEC.NRBC"?: return "CBRN/TSA"
        case "INC.ALARME"?: return "FSTT/RRHAZ/FR_CO"
        case "DIV.OUVERTURE_PORTE"?: return "FSTT/TA/FR_CLRACCSS"
        default: break
        }
        switch unitFamily(unitKind) {
        case .medical: return "SAV/AR/FR_MED"
        case .ambulance: return "SAV/ASC"
        case .fire, .ladder: return nature?.hasPrefix("INC.") == true ? "FFST/FR_FIRE" : "FSTT/TA"
        case .police, .other: return "INT/RECCE"
        }
    }

    static func missionLabel(_ type: String) -> String {
        switch type {
        case "SAV/ASC": "Prise en charge secouriste"
        case "SAV/AR/FR_MED": "Prise en charge médicale"
        case "SAV/ASC/FR_PPL/LIFT": "Relevage"
        case "GEN/RECVRY": "Dégagement de personne"
        case "CBRN/TSA": "Levée de doute NRBC"
        case "FSTT/RRHAZ/FR_CO": "Levée de doute CO"
        case "FSTT/TA/FR_CLRACCSS": "Ouverture d'accès"
        case "FFST/FR_FIRE": "Lutte incendie"
        case "FSTT/TA": "Appui technique"
        default: "Reconnaissance"
        }
    }

    static func missionStatus(unit: String?, released: Bool, eventStatus: String) -> String {
        if eventStatus == "CANCELLED" { return "CANCLD" }
        if released || eventStatus == "CLOSED" { return "COM" }
        switch unit {
        case "EN_ROUTE"?, "ON_SCENE"?, "TRANSPORTING"?, "AT_HOSPITAL"?: return "IPR"
        case "RETURNING"?, "AVAILABLE"?: return "COM"
        default: return "NST"
        }
    }

    /// EMSI priority 0…5, 5 the most urgent.
    static func missionPriority(_ p: String) -> String? {
        switch p {
        case "P0": "5"
        case "P1": "4"
        case "P2": "2"
        case "P3": "1"
        default: nil
        }
    }

    static func resourceStatus(_ s: String) -> String {
        switch s {
        case "ALERTED", "ACKNOWLEDGED": "RESRVD"
        case "EN_ROUTE", "TRANSPORTING", "RETURNING": "IN_USE/MOBILE"
        case "ON_SCENE", "AT_HOSPITAL": "IN_USE/ON_SCENE"
        case "AVAILABLE": "AVAILB"
        case "OUT_OF_SERVICE": "MAINTC"
        default: "UNAV"
        }
    }

    static func resourceClass(_ kind: String) -> String {
        // Types the family says too little of (DOMAIN.md's fleet).
        switch kind.uppercased() {
        case "VSR": return "MAT/VEH/ROADVE/FRFGTN/RSC"
        case "RCH": return "MAT/VEH/ROADVE/FRFGTN/HAZMAT"
        case "VLCG": return "MAT/VEH/ROADVE/FRFGTN/C3"
        case "CCF", "CCGC": return "MAT/VEH/ROADVE/FRFGTN/FRF"
        default: break
        }
        return switch unitFamily(kind) {
        case .ambulance: "MAT/VEH/ROADVE/AMBUL"
        case .medical: "HUM/UNIT/MEDCL"
        case .fire: "MAT/VEH/ROADVE/FRFGTN/PUMP"
        case .ladder: "MAT/VEH/ROADVE/FRFGTN/AERIAL"
        case .police: "MAT/VEH/ROADVE/POLICE/PATROL"
        case .other: "MAT/VEH"
        }
    }

    enum UnitFamily { case ambulance, medical, fire, ladder, police, other }

    /// Our unit types (unit-types.yaml: VSAV, SMUR, FPT…) and engagement capabilities (`ems_als`,
    /// `fire_suppression`…) by kind.
    static func unitFamily(_ kind: String) -> UnitFamily {
        let k = kind.uppercased()
        func any(_ list: [String]) -> Bool { list.contains { k == $0 || k.hasPrefix($0) } }
        if any(["SMUR", "VLM", "UMH", "EMS_ALS"]) { return .medical }
        if any(["VSAV", "AMBU", "ASSU", "VSL", "EMS_BLS", "TRANSPORT", "MEDIC", "AMBULANCE"]) { return .ambulance }
        if any(["EPA", "EPS", "BEA", "AERIAL", "TRUCK", "LADDER"]) { return .ladder }
        if any(["FPT", "CCF", "CCGC", "VSR", "VTU", "RCH", "FIRE_", "WATER", "WILDLAND", "RESCUE", "EXTRICATION", "HAZMAT", "ENGINE"]) {
            return .fire
        }
        if any(["PSIG", "PATG", "BAC", "PS", "POLICE", "ARMED_RESPONSE", "GEND"]) { return .police }
        return .other
    }

    /// Each unit's type as the store knows it (`ccas-track export` gives `unit_types` from the
    /// units table; a status line may carry its own `unit_type`), which the mappings prefer to
    /// any guess from the id or the need it was engaged for.
    public static func unitTypes(_ event: JSONObject) -> [String: String] {
        var types: [String: String] = [:]
        for s in (event["units"]?.arrayValue ?? []).compactMap(\.objectValue) {
            if let unit = s["unit"]?.stringValue, let type = s["unit_type"]?.stringValue, !type.isEmpty { types[unit] = type }
        }
        for f in event["unit_types"]?.objectValue?.fields ?? [] {
            if let type = f.value.stringValue, !type.isEmpty { types[f.key] = type }
        }
        return types
    }

    /// What a unit is for the mappings when the store does not say: its type from its id when we know it (`VSAV-1`), else
    /// what it was engaged for (a type or a capability), else the id's letters.
    static func kind(unit: String, need: String?) -> String {
        let byID = unitType(unit)
        if unitFamily(byID) != .other { return byID }
        return need ?? byID
    }

    /// A unit's type from its id when nothing else says (`VSAV-1` → `VSAV`, `E23` → `E`).
    public static func unitType(_ unit: String) -> String {
        let letters = unit.prefix { $0.isLetter }
        return letters.isEmpty ? unit : String(letters)
    }

    // MARK: - Values

    /// EMSI times: `YYYY-MM-DDTHH:MM:SS+00:00` (seconds, explicit offset).
    static func time(_ t: Timestamp) -> String {
        String(Timestamp(milliseconds: t.milliseconds).iso8601.prefix(19)) + "+00:00"
    }

    static func parse(_ v: JSON) -> Timestamp? {
        guard let s = v.stringValue else { return nil }
        return try? Timestamp.parse(s)
    }

    static func position(_ location: JSONObject?, address: String?) -> JSONObject? {
        var p: JSONObject = [:]
        if let location, let lat = location["lat"]?.doubleValue, let lon = location["lon"]?.doubleValue {
            p["TYPE"] = "POINT"
            p["COORDSYS"] = "EPSG-4326"
            func num(_ v: JSON?, _ d: Double) -> JSON { if case .number? = v { return v! } else { return .double(d) } }
            p["COORD"] = .array([["LAT": num(location["lat"], lat), "LONG": num(location["lon"], lon)]])
        }
        if let address, !address.isEmpty { p["ADDRESS"] = .strings([address]) }
        return p.isEmpty ? nil : p
    }
}
