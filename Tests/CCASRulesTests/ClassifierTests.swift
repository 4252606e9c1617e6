import CCASCore
import Testing

@testable import CCASRules

func classify(_ text: String, hint: String? = nil) -> Classification {
    defaultClassifier.classify(text: text, natureHint: hint)
}

@Suite struct FactTests {
    @Test(arguments: [
        ("il respire plus", "breathing", FactValue.bool(false)),
        ("he's not breathing", "breathing", .bool(false)),
        ("il respire pa du tout svp", "breathing", .bool(false)),
        ("elle respire mais elle répond pas", "breathing", .bool(true)),
        ("elle respire mais elle répond pas", "conscious", .bool(false)),
        ("he's unconscious", "conscious", .bool(false)),
        ("she fainted but she's awake now", "conscious", .bool(true)),
        ("trois blessés sur la route", "victims", .int(3)),
        ("at least 4 people are hurt", "victims", .int(4)),
        ("personne de blessé", "victims", .int(0)),
        ("mon fils de 4 ans", "children", .bool(true)),
        ("my daughter is 6 year old", "children", .bool(true)),
        ("un homme avec un couteau", "weapon", .bool(true)),
        ("he has a gun", "weapon", .bool(true)),
        ("elle est encore dedans", "people_inside", .bool(true)),
        ("everyone's out of the house", "people_inside", .bool(false)),
        ("il est coincé dans sa voiture", "trapped", .bool(true)),
        ("ils sont en train de forcer la porte", "in_progress", .bool(true)),
        ("on m'a volé mon vélo hier", "in_progress", .bool(false)),
        ("dans le village de Saint-Martin", "place", .string("rural")),
        ("on the motorway near junction 4", "place", .string("motorway")),
    ])
    func extractsFact(text: String, fact: String, value: FactValue) {
        let c = classify(text)
        #expect(c.facts[fact] == value, "\(c.because)")
    }

    @Test func adultAgeIsNotAChild() {
        #expect(classify("mon père 85 ans est tombé").facts["children"] == nil)
        #expect(classify("she's 7 months pregnant and fainted").facts["children"] == nil)
    }

    @Test func onlyShownFactsAppear() {
        let c = classify("fire in the kitchen, it's spreading, everyone's out")
        #expect(c.facts["spreading"] == nil)
        #expect(c.because.contains { $0.contains("spreading=true") })
    }
}

@Suite struct NegationAndTimeTests {
    @Test func breathingButUnresponsiveIsUnconsciousNotArrest() {
        #expect(classify("il respire mais ne répond pas").nature == "SAP.INCONSCIENT")
        #expect(classify("he's breathing but not responding").nature == "SAP.INCONSCIENT")
    }

    @Test func notBreathingIsArrest() {
        let c = classify("mon père ne respire plus, il est tout gris")
        #expect(c.nature == "SAP.ACR")
        #expect(c.priority == .p0 && c.reflex)
        #expect(c.because.contains { $0.contains("respire plus") })
    }

    @Test func laterStatementWins() {
        let c = classify("he wasn't breathing but now he's coughing")
        #expect(c.nature != "SAP.ACR")
        #expect(c.facts["breathing"] == .bool(true))
    }

    @Test func oldTheftIsNotInProgress() {
        let c = classify("on m'a volé mon vélo hier, je voudrais porter plainte")
        #expect(c.nature == "SEC.VOL")
        #expect(c.priority == .p3)
        #expect(classify("on m'a volé mon vélo hier").priority == .p2)
    }

    @Test func theftInProgressIsP1() {
        #expect(classify("un mec est en train de voler un vélo devant chez moi").priority == .p1)
        #expect(classify("someone's stealing from cars right now on Elm Street").priority == .p1)
    }

    @Test func burglaryDiscoveredAfterIsTheft() {
        #expect(classify("on a été cambriolés pendant le week-end, tout est retourné").nature == "SEC.VOL")
        #expect(classify("des types forcent la porte du voisin").nature == "SEC.CAMBRIOLAGE")
    }

    @Test(arguments: ["bjr jappel pr ma grand mere elle respir pa", "Ma grand-mère NE RESPIRE PLUS", "ma grand mère ne respire plus"])
    func smsCaseAndAccentsFold(text: String) {
        #expect(classify(text).nature == "SAP.ACR")
    }

    @Test func apostrophesOfAnyKindFold() {
        #expect(classify("he isn’t breathing").facts["breathing"] == .bool(false))
        #expect(classify("he isnt breathing").facts["breathing"] == .bool(false))
    }
}

@Suite struct PriorityRuleTests {
    @Test func threeVictimsEscalateByOneLevel() {
        let c = classify("carambolage sur la départementale, au moins 4 blessés")
        #expect(c.nature == "AVP.VEHICULE")
        #expect(c.priority == .p0)
        #expect(!c.reflex, "P0 by escalation alone is not réflexe")
    }

    @Test func nobodyHurtDeEscalates() {
        #expect(classify("petit accrochage entre deux voitures, personne de blessé").priority == .p2)
    }

    @Test func fightOverDeEscalates() {
        let c = classify("the fight's over, they all ran off, nobody's badly hurt")
        #expect(c.nature == "SEC.RIXE")
        #expect(c.priority == .p2)
    }

    @Test func dwellingFireWithPeopleInsideIsReflex() {
        let c = classify("feu dans l'appartement du dessus, la voisine est encore dedans")
        #expect(c.nature == "INC.HABITATION")
        #expect(c.priority == .p0 && c.reflex)
        let out = classify("feu dans la cuisine, on est tous sortis")
        #expect(out.priority == .p1 && !out.reflex)
    }

    @Test func fireOutDeEscalates() {
        #expect(classify("le feu est éteint dans la cuisine mais il y a encore de la fumée").priority == .p2)
    }

    @Test func missingChildIsP0() {
        let c = classify("j'ai perdu mon fils de 5 ans au parc")
        #expect(c.nature == "SEC.DISPARITION")
        #expect(c.priority == .p0)
    }

    @Test func highestDefaultPriorityWins() {
        #expect(classify("il est tombé dans la cuisine et il respire plus").nature == "SAP.ACR")
    }

    @Test func circumstanceBeatsBodilyState() {
        #expect(classify("on l'a sorti de la piscine, il respire plus").nature == "SAP.NOYADE")
        #expect(classify("il s'est pendu, on l'a décroché, il respire pas").nature == "SAP.PENDAISON")
        #expect(classify("a man with a gun is holding the staff hostage in the bank").nature == "SEC.PRISE_OTAGE")
    }

    @Test func brawlWithAKnifeStaysABrawlButIsReflex() {
        let c = classify("bagarre devant le lycée, un type a sorti un couteau")
        #expect(c.nature == "SEC.RIXE")
        #expect(c.priority == .p0 && c.reflex)
    }

    @Test func unsureIsIndeterminateP1NeverP3() {
        for text in ["", "allo ?", "euh bonjour", "venez vite"] {
            let c = classify(text)
            #expect(c.nature == "ADM.INDETERMINE", "\(text)")
            #expect(c.priority == .p1)
            #expect(c.services.isEmpty)
        }
    }
}

@Suite struct ServiceTests {
    @Test func policeInTownGendarmerieInTheCountryside() {
        #expect(classify("bagarre devant la gare").services == ["POLICE"])
        #expect(classify("bagarre sur la place du village").services == ["GEND"])
        #expect(classify("fight at the farm out in the countryside").services == ["GEND"])
        #expect(classify("accident de voiture sur l'autoroute").services == ["SP", "SAMU", "GEND"])
    }

    @Test func servicesAreTheNaturesWhateverThePriority() {
        #expect(classify("un câble électrique est tombé sur la route").services == ["SP", "PARTNER:ENEDIS"])
        #expect(classify("un train a déraillé").services == ["SP", "SAMU", "POLICE", "PARTNER:SNCF"])
    }

    @Test func admNaturesHaveNoServices() {
        #expect(classify("c'est quoi la pharmacie de garde ce soir ?").services.isEmpty)
    }
}

@Suite struct HintTests {
    @Test func hintGoesThroughAliases() {
        let c = classify("", hint: "EMS: CARDIAC ARREST")
        #expect(c.nature == "SAP.ACR")
        #expect(classify("", hint: "Structure Fire").nature == "INC.HABITATION")
        #expect(classify("", hint: "Medical Incident").nature == "SAP.MALAISE")
    }

    @Test func strongTextWinsOverGenericHint() {
        let c = classify("he collapsed and he's not breathing, we started CPR", hint: "Medical Incident")
        #expect(c.nature == "SAP.ACR")
        #expect(c.because.contains { $0.contains("generic hint") })
    }

    @Test func unknownHintIsSaid() {
        let c = classify("", hint: "Zorglub")
        #expect(c.nature == "ADM.INDETERMINE")
        #expect(c.because.contains { $0.contains("not a known call type") })
    }

    @Test func sfAndMontgomeryCallTypesAreRecognised() throws {
        for (file, column) in [("sf-fire-calls-2020-04-07.csv", "Call Type"), ("montgomery-pa-911-sample.csv", "title")] {
            let rows = try csvColumn(sharedDirectory + "/data/" + file, column: column)
            let known = rows.filter { classify("", hint: $0).nature != "ADM.INDETERMINE" }.count
            let share = Double(known) / Double(rows.count)
            print("\(file): \(known)/\(rows.count) rows get a nature (\(Int(share * 1000)) ‰)")
            #expect(rows.count > 1000)
            #expect(share >= 0.95, "\(file)")
        }
    }
}

@Suite struct RecordTests {
    @Test func classificationIsAppendedAndOtherFieldsKept() throws {
        let record = try JSONParser.parse(#"{"kind":"call","v":1,"id":"C-1","text":"mon père ne respire plus","x":{"y":[1,2]}}"#).objectValue!
        let out = defaultClassifier.classify(record: record)
        #expect(out.keys == ["kind", "v", "id", "text", "x", "classification"])
        #expect(out["x"] == record["x"])
        let c = out["classification"]!
        #expect(c["nature"] == "SAP.ACR")
        #expect(c["priority"] == "P0")
        #expect(c["reflex"] == true)
        #expect(c["services"] == ["SP", "SAMU"])
        #expect(c["referentiel"]?.stringValue == Referentiel.default.hash)
        #expect(c.objectValue?.keys == ["nature", "label", "priority", "reflex", "services", "facts", "missing",
                                         "questions", "confidence", "because", "referentiel"])
    }

    @Test func otherKindsPassThrough() throws {
        let record = try JSONParser.parse(#"{"kind":"status","unit":"VSAV-12","text":"ne respire plus"}"#).objectValue!
        #expect(defaultClassifier.classify(record: record) == record)
    }

    @Test func recordWithoutKindIsACall() throws {
        let record = try JSONParser.parse(#"{"text":"feu de poubelle rue Paul Bert"}"#).objectValue!
        #expect(defaultClassifier.classify(record: record)["classification"]?["nature"] == "INC.POUBELLE")
    }

    @Test func questionsFollowTheCallersLanguage() {
        let fr = classify("ma femme a mal à la poitrine")
        #expect(fr.questions.first?.text.contains("?") == true)
        #expect(fr.label == "douleur thoracique")
        let en = classify("my wife has chest pain")
        #expect(en.label == "chest pain")
        #expect(en.missing.contains("age"))
        #expect(Set(en.missing).count == en.missing.count)
    }
}

/// One column of a CSV file with quoted fields (the SF and Montgomery samples).
func csvColumn(_ path: String, column: String) throws -> [String] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var rows: [[String]] = []
    var field = "", row: [String] = [], quoted = false
    var it = text.makeIterator()
    while let ch = it.next() {
        if quoted {
            if ch == "\"" { quoted = false } else { field.append(ch) }
        } else if ch == "\"" {
            quoted = true
        } else if ch == "," {
            row.append(field); field = ""
        } else if ch == "\n" || ch == "\r\n" {
            row.append(field); field = ""
            rows.append(row); row = []
        } else if ch != "\r" {
            field.append(ch)
        }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    guard let header = rows.first, let i = header.firstIndex(of: column) else { return [] }
    return rows.dropFirst().compactMap { $0.count > i ? $0[i] : nil }
}

/// The record path builds its JSON from prepared pieces and reuses buffers between calls: it must
/// write exactly what `Classification.json` says, call after call, on any thread.
@Suite struct ClassifierRecordPathTests {
    static let records: [JSONObject] = {
        let text = (try? String(contentsOfFile: sharedDirectory + "/corpus/dev-calls.ndjson", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            if case .object(let o)? = try? JSONParser.parse(String(line)) { return o }
            return nil
        }
    }()

    @Test(arguments: [nil, "Medical Incident", "Structure Fire", "EMS: CARDIAC EMERGENCY", "no such call type"])
    func recordPathWritesTheClassificationJSON(hint: String?) {
        #expect(Self.records.count == 263)
        for record in Self.records {
            var input = record
            if let hint { input["nature_hint"] = .string(hint) }
            let out = defaultClassifier.classify(record: input)
            let c = defaultClassifier.classify(text: input["text"]?.stringValue, natureHint: hint)
            #expect(out["classification"] == c.json, "\(record["id"] ?? .null)")
            #expect(out.keys == input.keys + ["classification"])
        }
    }

    /// "on" is both a French and an English word: the language must not depend on the process.
    @Test func languageOfSharedWordsIsStable() {
        let c = defaultClassifier.classify(text: "dumpster on fire behind burger king on main st, no one around", natureHint: nil)
        #expect(c.language == "en" && c.label == "rubbish fire")
    }

    @Test func emptyAndMissingTextsAreIndeterminate() {
        for text in [nil, "", "   ", "..."] as [String?] {
            let c = defaultClassifier.classify(text: text, natureHint: nil)
            #expect(c.nature == "ADM.INDETERMINE" && c.priority == .p1)
        }
        let other = JSONObject([("kind", "unit_status"), ("text", "il ne respire plus")])
        #expect(defaultClassifier.classify(record: other) == other)
    }

    @Test func concurrentCallsGiveTheSameResults() async {
        let expected = Self.records.map { defaultClassifier.classify(record: $0) }
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask { Self.records.map { defaultClassifier.classify(record: $0) } == expected }
            }
            for await same in group { #expect(same) }
        }
    }
}
