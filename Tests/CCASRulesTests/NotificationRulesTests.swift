import CCASCore
import Testing

@testable import CCASRules

@Suite("Notification rules (DOMAIN.md defaults), templates and the recipients file")
struct NotificationRulesTests {
    let engine = NotificationEngine(config: .default)

    func facts(_ nature: String, _ priority: String, victims: Int? = nil, more: [String: JSON] = [:],
               units: [EventFacts.Unit] = [], engaged: Bool = true, exercise: Bool = false) -> EventFacts
    {
        var f: [String: JSON] = more
        if let victims { f["victims"] = .int(victims) }
        return EventFacts(event: "2026-000042", nature: nature, priority: priority, address: "12 rue de la Paix, Paris",
                          lat: 48.869, lon: 2.331, facts: f, units: units, unitsEngaged: engaged, talkgroup: "TKG-104",
                          exercise: exercise)
    }

    func recipients(_ f: EventFacts) -> Set<String> { Set(engine.decide(f).map(\.recipient)) }

    @Test("the built-in files load and are exposed for export, check and hash")
    func defaults() throws {
        #expect(Set(NotificationFiles.files.keys) == ["recipients.yaml", "notification-rules.yaml", "templates.yaml"])
        #expect(NotificationConfig.check(files: NotificationFiles.files).isEmpty)
        let ids = Set(NotificationConfig.default.recipients.map(\.id))
        #expect(ids.isSuperset(of: ["supervisor", "duty_officer", "prefect", "prosecutor", "mayor", "sncf", "grdf", "enedis",
                                    "dir", "samu", "police", "gendarmerie", "station"]))
        #expect(NotificationConfig.default.recipients.allSatisfy { !$0.channels.isEmpty && $0.escalation != nil })
    }

    @Test("every P0 → room supervisor; a P1 without other facts → nobody")
    func p0() {
        #expect(recipients(facts("SAP.ACR", "P0")) == ["supervisor"])
        #expect(recipients(facts("SAP.MALAISE", "P1")).isEmpty)
        #expect(engine.decide(facts("SAP.ACR", "P0"))[0].deadlineSeconds == 60)
        #expect(engine.decide(facts("SAP.ACR", "P0"))[0].rule == "p0.supervisor")
    }

    @Test("victims ≥ 3 or a sensitive nature → duty officer")
    func dutyOfficer() {
        #expect(recipients(facts("AVP.VEHICULE", "P1", victims: 3)) == ["duty_officer"])
        #expect(recipients(facts("AVP.VEHICULE", "P1", victims: 2)).isEmpty)
        #expect(recipients(facts("SEC.VIOLENCES_INTRAFAMILIALES", "P0")) == ["supervisor", "duty_officer"])
        #expect(recipients(facts("TEC.NRBC", "P1")).contains("duty_officer"))
    }

    @Test("attack, hostage taking, ≥ 10 victims → prefect, prosecutor and all services")
    func major() {
        let all: Set = ["prefect", "prosecutor", "samu", "police", "gendarmerie"]
        #expect(recipients(facts("SEC.ATTENTAT", "P0")).isSuperset(of: all))
        #expect(recipients(facts("SEC.PRISE_OTAGE", "P0")).isSuperset(of: all))
        #expect(recipients(facts("AVP.VEHICULE", "P1", victims: 10)).isSuperset(of: all))
        #expect(recipients(facts("AVP.VEHICULE", "P1", victims: 9)).isDisjoint(with: all))
        let n = engine.decide(facts("SEC.ATTENTAT", "P0")).first { $0.recipient == "prefect" }!
        #expect(n.rule == "major.authorities" && n.ask == "decide" && n.reason.contains("attentat"))
    }

    @Test("a death → prosecutor")
    func death() {
        #expect(recipients(facts("SAP.CHUTE", "P2", more: ["deaths": 1])) == ["prosecutor"])
        #expect(recipients(facts("SAP.CHUTE", "P2", more: ["dead": true])) == ["prosecutor"])
        #expect(recipients(facts("SAP.CHUTE", "P2", more: ["deaths": 0])).isEmpty)
        let record: JSONObject = ["kind": "event", "event_id": "2026-000001", "nature": "SAP.ACR", "priority": "P0", "outcome": "death"]
        #expect(Set(engine.decide(record: record).map(\.recipient)) == ["supervisor", "prosecutor"])
    }

    @Test("rail → SNCF, gas → GRDF, electricity → ENEDIS, road obstacle → DIR, public building → mayor")
    func partners() {
        #expect(recipients(facts("AVP.FERROVIAIRE", "P0")).contains("sncf"))
        #expect(recipients(facts("TEC.FUITE_GAZ", "P1")) == ["grdf"])
        #expect(recipients(facts("TEC.ELECTRIQUE", "P1")) == ["enedis"])
        #expect(recipients(facts("DIV.ARBRE", "P2")) == ["dir"])
        #expect(recipients(facts("INC.ERP", "P0")).contains("mayor"))
        #expect(recipients(facts("INC.HABITATION", "P1", more: ["place": "public_building"])) == ["mayor"])
        #expect(engine.decide(facts("TEC.FUITE_GAZ", "P1"))[0].reason == "gaz")
    }

    @Test("every engaged unit → its station's channel, one notification per unit; recommendations alert nobody")
    func stations() {
        let units = [EventFacts.Unit(id: "VSAV-12", type: "VSAV", station: "CIS Centre"),
                     EventFacts.Unit(id: "FPT-3", type: "FPT", station: "CIS Nord")]
        let planned = engine.decide(facts("SAP.CHUTE", "P2", units: units))
        #expect(planned.map(\.recipient) == ["station:CIS Centre", "station:CIS Nord"])
        #expect(planned.map(\.unit) == ["VSAV-12", "FPT-3"])
        #expect(planned[0].text.contains("départ immédiat de VSAV-12"))
        #expect(engine.decide(facts("SAP.CHUTE", "P2", units: units, engaged: false)).isEmpty)
        let dispatch: JSONObject = ["kind": "dispatch", "event_id": "2026-000042", "committed": false,
                                    "units": [["id": "VSAV-12", "station": "CIS Centre"]]]
        #expect(engine.decide(record: dispatch).isEmpty)
    }

    @Test("a recipient chosen by several rules gets one notification naming them all; keys are stable")
    func merged() {
        let planned = engine.decide(facts("SEC.ATTENTAT", "P0", more: ["deaths": 2]))
        let prosecutor = planned.filter { $0.recipient == "prosecutor" }
        #expect(prosecutor.count == 1)
        #expect(prosecutor[0].rules == ["major.authorities", "death.prosecutor"])
        #expect(prosecutor[0].key == "2026-000042:prosecutor#0")
        #expect(engine.decide(facts("SEC.ATTENTAT", "P0", more: ["deaths": 2])).map(\.key) == planned.map(\.key))
    }

    @Test("French text by default: event, nature, priority, address, coordinates, victims, units, talkgroup, ask")
    func french() {
        let units = [EventFacts.Unit(id: "VSAV-12", station: "CIS Centre")]
        let withLabel = NotificationEngine(config: .default, natureLabel: { code, lang in code == "SAP.ACR" ? (lang == "en" ? "cardiac arrest" : "arrêt cardio-respiratoire") : nil })
        let n = withLabel.decide(facts("SAP.ACR", "P0", victims: 1, units: units)).first { $0.recipient == "supervisor" }!
        #expect(n.language == "fr")
        #expect(n.subject == "[P0] 2026-000042 arrêt cardio-respiratoire")
        for part in ["Événement 2026-000042", "arrêt cardio-respiratoire (SAP.ACR)", "priorité P0", "12 rue de la Paix, Paris",
                     "48.869, 2.331", "Victimes : 1", "VSAV-12 (CIS Centre)", "Conférence radio : TKG-104",
                     "prendre connaissance ; accusez réception"] {
            #expect(n.text.contains(part), "\(part) missing from \(n.text)")
        }
        let en = NotificationEngine(config: .default, language: "en", natureLabel: withLabel.natureLabel)
        let e = en.decide(facts("SAP.ACR", "P0", units: units)).first { $0.recipient == "supervisor" }!
        for part in ["Event 2026-000042: cardiac arrest (SAP.ACR), priority P0.", "Victims: not stated", "Talkgroup: TKG-104",
                     "Asked: take note; acknowledge."] {
            #expect(e.text.contains(part), "\(part) missing from \(e.text)")
        }
    }

    @Test("exercises: marked in the text, and recipients flagged out of exercises are not told")
    func exercise() {
        let planned = engine.decide(facts("SEC.ATTENTAT", "P0", exercise: true))
        #expect(!planned.contains { $0.recipient == "prefect" || $0.recipient == "prosecutor" })
        #expect(planned.allSatisfy { $0.exercise && $0.text.hasPrefix("EXERCICE ") && $0.subject.hasPrefix("EXERCICE ") })
    }

    @Test("escalation goes to the recipient's escalation recipient, once per chain")
    func escalation() throws {
        let f = facts("SAP.ACR", "P0")
        let plan = try #require(engine.escalation(of: "2026-000042:supervisor#0", recipient: "supervisor", facts: f, deadline: 60))
        #expect(plan.to.id == "duty_officer")
        #expect(plan.notifications[0].key == "2026-000042:supervisor#0>duty_officer#0")
        #expect(plan.notifications[0].escalationOf == "2026-000042:supervisor#0")
        #expect(plan.notifications[0].text.contains("chef de salle n'a pas accusé réception"))
        let next = try #require(engine.escalation(of: plan.notifications[0].key, recipient: "duty_officer", facts: f, deadline: 60))
        #expect(next.notifications[0].key == "2026-000042:supervisor#0>supervisor#0")
        #expect(engine.escalation(of: "k", recipient: "station:CIS X", facts: f, deadline: 60)?.to.id == "supervisor")
    }

    @Test("channel override sends every notification to one place")
    func override() {
        let hook = ChannelSpec(kind: .webhook, target: "http://127.0.0.1:9/x")
        let e = NotificationEngine(config: .default, channelOverride: hook)
        #expect(e.decide(facts("SEC.ATTENTAT", "P0")).allSatisfy { $0.channel == hook })
    }

    func problems(recipients: String) -> [String] {
        var files = NotificationFiles.files
        files["recipients.yaml"] = recipients
        return NotificationConfig.check(files: files).map(\.description)
    }

    @Test("a bad recipients file: every problem, named file:line")
    func badRecipients() {
        let bad = """
            recipients:
              - id: supervisor
                kind: role
                channels: [{type: pigeon}]
                escalation: nobody
              - id: supervisor
                kind: boss
                channels: [{type: webhook, target: "ftp://x"}]
            """
        let p = problems(recipients: bad)
        #expect(p.contains("recipients.yaml:4: recipient supervisor: unknown channel type \"pigeon\" (stdout, webhook, exec, cap, file)"))
        #expect(p.contains { $0.hasPrefix("recipients.yaml:5:") && $0.contains("unknown recipient \"nobody\"") })
        #expect(p.contains { $0.hasPrefix("recipients.yaml:6: duplicate recipient supervisor") })
        #expect(p.contains { $0.hasPrefix("recipients.yaml:7:") && $0.contains("kind must be role, partner or station") })
        // Rules naming recipients that are gone are reported too.
        #expect(p.contains { $0.hasPrefix("notification-rules.yaml:") && $0.contains("unknown recipient \"prefect\"") })
        #expect(throws: ReferentielError.self) {
            var files = NotificationFiles.files
            files["recipients.yaml"] = bad
            _ = try NotificationConfig.load(files: files)
        }
        let syntax = problems(recipients: "recipients:\n  - id: [unclosed\n")
        #expect(syntax.first?.hasPrefix("recipients.yaml:") == true && syntax.first?.contains("YAML") == true)
    }

    @Test("bad rules and templates are reported with their line")
    func badRules() {
        var files = NotificationFiles.files
        files["notification-rules.yaml"] = """
            deadlines: {P0: 60}
            rules:
              - id: r1
                when: [{priority: [P9], colour: red}]
                notify: [supervisor]
                why_fr: x
                why_en: x
              - id: r2
                when: [{fact: ["victims>>3"]}]
                notify: [supervisor]
            """
        files["templates.yaml"] = """
            languages:
              fr: {subject: "{oops}", body: "b", message: "m"}
            """
        let p = NotificationConfig.check(files: files).map(\.description)
        #expect(p.contains("notification-rules.yaml:4: rule r1: unknown priority \"P9\""))
        #expect(p.contains { $0.hasPrefix("notification-rules.yaml:4:") && $0.contains("unknown condition \"colour\"") })
        #expect(p.contains { $0.hasPrefix("notification-rules.yaml:9:") && $0.contains("bad fact test") })
        #expect(p.contains { $0.hasPrefix("notification-rules.yaml:8:") && $0.contains("must say why") })
        #expect(p.contains { $0.hasPrefix("templates.yaml:2:") && $0.contains("{oops}") })
    }
}
