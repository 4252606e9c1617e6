import Foundation
import CCASCore
import Yams

/// A unit type: who staffs it and what it can do.
public struct UnitType: Sendable, Equatable {
    public let code: String
    public let service: String
    public let label: String
    public let capabilities: [String]
}

/// One line of a train de départ: `count` units of a type or with a capability, or substitutes.
public struct Need: Sendable, Equatable, CustomStringConvertible {
    /// A unit type (upper case) or a capability (lower case).
    public let name: String
    public let count: Int
    public let substitutes: [String]

    public init(name: String, count: Int, substitutes: [String] = []) {
        self.name = name
        self.count = count
        self.substitutes = substitutes
    }

    public var description: String {
        "\(count) \(name)" + (substitutes.isEmpty ? "" : " (\(substitutes.joined(separator: "|")))")
    }

    /// Reads `2 FPT (FPTL)`, `1 ems_bls`, `police` (count 1).
    public static func parse(_ text: String) -> Need? {
        var rest = Substring(text.trimmingCharacters(in: " "))
        var substitutes: [String] = []
        if let open = rest.firstIndex(of: "(") {
            guard rest.last == ")" else { return nil }
            substitutes = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
                .split(whereSeparator: { $0 == "," || $0 == "|" }).map { String($0).trimmingCharacters(in: " ") }
            if substitutes.contains(where: { $0.isEmpty }) { return nil }
            rest = rest[..<open]
        }
        let words = rest.split(separator: " ")
        guard (1...2).contains(words.count) else { return nil }
        var count = 1
        if words.count == 2 {
            guard let n = Int(words[0]), n > 0 else { return nil }
            count = n
        }
        let name = String(words.last!)
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return Need(name: name, count: count, substitutes: substitutes)
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}

/// The train de départ of one nature.
public struct EngagementRule: Sendable {
    public let nature: String
    public let needs: [Need]
    public let byPriority: [Priority: [Need]]
    public let maxETA: Int?
    /// The line of the rule in engagement.yaml, to name it in decisions.
    public let line: Int

    public func needs(for priority: Priority) -> [Need] { byPriority[priority] ?? needs }
}

/// ETA parameters (eta.yaml).
public struct ETAParameters: Sendable {
    public var roadFactor: Double
    public var turnoutAtStation: Int
    public var turnoutOnTheRoad: Int
    public var onTheRoadBeyondM: Double
    public var turnoutAtStationByType: [String: Int]
    /// km/h by type then priority; "default" for the rest.
    public var speedKmh: [String: [Priority: Double]]
    public var staleAfterS: Int
    public var maxETA: [Priority: Int]
    public var substitutePenaltyS: Int
    public var areaMarginM: Double
    public var sectorRadiusM: Double
    public var alternates: Int

    public func speed(type: String, priority: Priority) -> Double {
        speedKmh[type]?[priority] ?? speedKmh["default"]?[priority] ?? 50
    }

    public func turnout(type: String, onTheRoad: Bool) -> Int {
        onTheRoad ? turnoutOnTheRoad : (turnoutAtStationByType[type] ?? turnoutAtStation)
    }

    /// Seconds to cover `metres` of straight line.
    public func travel(metres: Double, type: String, priority: Priority) -> Double {
        metres * roadFactor / (speed(type: type, priority: priority) / 3.6)
    }
}

/// The radio talkgroup pool (talkgroups.yaml).
public struct TalkgroupPool: Sendable {
    public let names: [String]
    public let priorities: Set<Priority>
    public let minUnits: Int

    /// Whether an event of this priority with this many engaged units gets a talkgroup.
    public func wanted(priority: Priority?, units: Int) -> Bool {
        (priority.map(priorities.contains) ?? false) || units >= minUnits
    }
}

/// The engagement part of the référentiel: rules, ETA parameters, unit types, talkgroups.
public struct EngagementReferentiel: Sendable {
    public static let fileNames = ["engagement.yaml", "eta.yaml", "unit-types.yaml", "talkgroups.yaml"]

    public let unitTypes: [String: UnitType]
    public let rules: [String: EngagementRule]
    public let eta: ETAParameters
    public let talkgroups: TalkgroupPool

    public static let `default`: EngagementReferentiel = {
        do { return try load(files: files) } catch { fatalError("the built-in engagement référentiel is broken: \(error)") }
    }()

    /// Capabilities of a type (empty for an unknown type).
    public func capabilities(ofType type: String) -> [String] { unitTypes[type]?.capabilities ?? [] }

    /// Every capability named by a type.
    public var knownCapabilities: Set<String> { Set(unitTypes.values.flatMap(\.capabilities)) }

    /// Reads and checks the four files; every problem is named with its file and line.
    /// `natures`, when given, are the codes that must each have a rule.
    public static func load(files: [String: String], natures: [String]? = nil) throws -> EngagementReferentiel {
        var reader = EngagementReader(files: files)
        let result = reader.build(natures: natures)
        if let result, reader.problems.isEmpty { return result }
        throw ReferentielError(problems: reader.problems)
    }

    /// The engagement files of a référentiel folder (`ccas init` writes them there for editing),
    /// the built-in ones standing in for any file the folder does not have.
    public static func load(directory: String) throws -> EngagementReferentiel {
        var all = files
        for name in fileNames {
            let path = (directory as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw ReferentielError(problems: [ReferentielProblem(file: name, line: 0, "cannot read \(path) as UTF-8")])
            }
            all[name] = text
        }
        return try load(files: all)
    }

    /// The problems of a set of files (empty when it is usable).
    public static func check(files: [String: String], natures: [String]? = nil) -> [ReferentielProblem] {
        var reader = EngagementReader(files: files)
        _ = reader.build(natures: natures)
        return reader.problems
    }
}

/// Reads the YAML trees, collecting every problem with its file and line.
struct EngagementReader {
    let files: [String: String]
    var problems: [ReferentielProblem] = []
    private var file = ""

    init(files: [String: String]) { self.files = files }

    mutating func build(natures: [String]?) -> EngagementReferentiel? {
        var roots: [String: Node] = [:]
        for name in EngagementReferentiel.fileNames {
            file = name
            guard let text = files[name] else { problem(0, "missing file"); continue }
            do {
                // The basic resolver and `[key:]`: Yams' default one ran regular expressions on every
                // key its duplicate check hashed and every `node["key"]` compared (see ReferentielLoader).
                guard let root = try Yams.compose(yaml: text, .basic, .default, .utf8) else { problem(0, "empty file"); continue }
                roots[name] = root
            } catch let error as YamlError {
                problem(line(of: error), "YAML: \(error)")
            } catch {
                problem(0, "YAML: \(error)")
            }
        }
        guard let typesRoot = roots["unit-types.yaml"], let rulesRoot = roots["engagement.yaml"],
            let etaRoot = roots["eta.yaml"], let talkRoot = roots["talkgroups.yaml"]
        else { return nil }

        file = "unit-types.yaml"
        var types: [String: UnitType] = [:]
        for (key, value) in pairs(typesRoot[key: "types"], parent: typesRoot, what: "types") {
            let code = key.string ?? ""
            let caps = strings(value[key: "capabilities"])
            if caps.isEmpty { problem(line(value), "type \(code) has no capabilities") }
            guard let service = value[key: "service"]?.string else { problem(line(value), "type \(code) has no service"); continue }
            types[code] = UnitType(code: code, service: service, label: value[key: "label"]?.string ?? code, capabilities: caps)
        }
        let capabilities = Set(types.values.flatMap(\.capabilities))

        file = "engagement.yaml"
        var rules: [String: EngagementRule] = [:]
        for (key, value) in pairs(rulesRoot[key: "rules"], parent: rulesRoot, what: "rules") {
            let nature = key.string ?? ""
            var needs: [Need] = []
            var byPriority: [Priority: [Need]] = [:]
            var maxETA: Int?
            for (k, v) in pairs(value, parent: key, what: nature) {
                let field = k.string ?? ""
                if field == "needs" {
                    needs = readNeeds(v, types: types, capabilities: capabilities)
                } else if let p = Priority(code: field) {
                    byPriority[p] = readNeeds(v, types: types, capabilities: capabilities)
                } else if field == "max_eta_s" {
                    guard let n = Int(v.string ?? ""), n > 0 else { problem(line(v), "max_eta_s must be a positive number of seconds"); continue }
                    maxETA = n
                } else {
                    problem(line(k), "unknown field \"\(field)\" in the rule of \(nature) (needs, P0…P3, max_eta_s)")
                }
            }
            if rules[nature] != nil { problem(line(key), "a second rule for \(nature)") }
            rules[nature] = EngagementRule(nature: nature, needs: needs, byPriority: byPriority, maxETA: maxETA, line: line(key))
        }
        if let natures {
            for code in natures where rules[code] == nil {
                problem(0, "no rule for the nature \(code) (write `\(code): {needs: []}` if it sends no unit)")
            }
            let known = Set(natures)
            for rule in rules.values where !known.contains(rule.nature) {
                problem(rule.line, "rule for \(rule.nature), which is not a nature of natures.yaml")
            }
        }

        file = "eta.yaml"
        let eta = readETA(etaRoot)

        file = "talkgroups.yaml"
        var names: [String] = []
        for item in talkRoot[key: "pool"]?.sequence.map(Array.init) ?? [] {
            if let s = item.string { names.append(s); continue }
            guard let prefix = item[key: "prefix"]?.string, let from = Int(item[key: "from"]?.string ?? ""),
                let to = Int(item[key: "to"]?.string ?? ""), from >= 0, from <= to, to - from < 10_000
            else { problem(line(item), "a pool entry is a name or {prefix, from, to} with 0 ≤ from ≤ to, at most 10,000 names"); continue }
            let width = item[key: "from"]?.string?.count ?? 1
            for n in from...to {
                let digits = String(n)
                names.append(prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits)
            }
        }
        if names.isEmpty { problem(line(talkRoot), "the talkgroup pool is empty") }
        if Set(names).count != names.count { problem(line(talkRoot[key: "pool"]), "a talkgroup appears twice in the pool") }
        var priorities: Set<Priority> = []
        for p in strings(talkRoot[key: "priorities"]) {
            if let pr = Priority(code: p) { priorities.insert(pr) } else { problem(line(talkRoot[key: "priorities"]), "unknown priority \(p)") }
        }
        let minUnits = Int(talkRoot[key: "min_units"]?.string ?? "2") ?? 2
        return EngagementReferentiel(
            unitTypes: types, rules: rules, eta: eta,
            talkgroups: TalkgroupPool(names: names, priorities: priorities, minUnits: minUnits))
    }

    private mutating func readNeeds(_ node: Node, types: [String: UnitType], capabilities: Set<String>) -> [Need] {
        guard let seq = node.sequence else { problem(line(node), "a train is a list of needs like [2 FPT (FPTL), 1 ems_bls]"); return [] }
        var needs: [Need] = []
        for item in seq {
            guard let text = item.string, let need = Need.parse(text) else {
                problem(line(item), "bad need \"\(item.string ?? "")\" (write COUNT NAME or COUNT NAME (SUBSTITUTE|…))")
                continue
            }
            for name in [need.name] + need.substitutes where types[name] == nil && !capabilities.contains(name) {
                problem(line(item), "\"\(name)\" is neither a unit type nor a capability of unit-types.yaml")
            }
            needs.append(need)
        }
        return needs
    }

    private mutating func readETA(_ root: Node) -> ETAParameters {
        func number(_ key: String, _ fallback: Double) -> Double {
            guard let node = root[key: key] else { problem(line(root), "missing \(key)"); return fallback }
            guard let d = Double(node.string ?? ""), d >= 0, d <= EngagementReader.largest else {
                problem(line(node), "\(key) must be a number from 0 to \(Int(EngagementReader.largest))")
                return fallback
            }
            return d
        }
        var turnoutByType: [String: Int] = [:]
        for (k, v) in pairs(root[key: "turnout_at_station_by_type"], parent: root, what: "turnout_at_station_by_type") {
            turnoutByType[k.string ?? ""] = seconds(v) ?? { problem(line(v), "turnout must be whole seconds"); return 0 }()
        }
        var speeds: [String: [Priority: Double]] = [:]
        for (k, v) in pairs(root[key: "speed_kmh"], parent: root, what: "speed_kmh") {
            speeds[k.string ?? ""] = priorityMap(v, positive: true)
        }
        if speeds["default"]?.count != 4 { problem(line(root[key: "speed_kmh"]), "speed_kmh needs a default with P0, P1, P2 and P3") }
        let maxETA = priorityMap(root[key: "max_eta_s"], positive: true).mapValues { Int($0) }
        if maxETA.count != 4 { problem(line(root[key: "max_eta_s"]), "max_eta_s needs P0, P1, P2 and P3") }
        let turnout = root[key: "turnout_s"]
        let atStation = seconds(turnout?[key: "AVAILABLE"]) ?? { problem(line(turnout), "turnout_s needs AVAILABLE"); return 120 }()
        let onRoad = seconds(turnout?[key: "RETURNING"]) ?? { problem(line(turnout), "turnout_s needs RETURNING"); return 20 }()
        return ETAParameters(
            roadFactor: number("road_factor", 1.35), turnoutAtStation: atStation, turnoutOnTheRoad: onRoad,
            onTheRoadBeyondM: number("on_the_road_beyond_m", 500), turnoutAtStationByType: turnoutByType,
            speedKmh: speeds, staleAfterS: Int(number("stale_after_s", 1800)), maxETA: maxETA,
            substitutePenaltyS: Int(number("substitute_penalty_s", 120)), areaMarginM: number("area_margin_m", 20000),
            sectorRadiusM: number("sector_radius_m", 30000), alternates: Int(number("alternates", 4)))
    }

    /// The bound of every number of eta.yaml: ETAs are made of them and become whole seconds
    /// (`Int(eta)`), which traps beyond Int.max — a fuzzed `max_eta_s: {P0: 1234567890123456789012345678901500}`
    /// crashed the loader. 10⁹ s is 31 years; 10⁹ km/h or a factor of 10⁹ keep ETAs far below Int.max.
    static let largest = 1_000_000_000.0

    /// Whole seconds from 0 to `largest`, or nil.
    private func seconds(_ node: Node?) -> Int? {
        guard let n = Int(node?.string ?? ""), n >= 0, Double(n) <= EngagementReader.largest else { return nil }
        return n
    }

    private mutating func priorityMap(_ node: Node?, positive: Bool) -> [Priority: Double] {
        var map: [Priority: Double] = [:]
        for (k, v) in pairs(node, parent: nil, what: "priorities") {
            guard let p = Priority(code: k.string ?? "") else { problem(line(k), "unknown priority \(k.string ?? "")"); continue }
            guard let d = Double(v.string ?? ""), !positive || d >= 1, d <= EngagementReader.largest else {
                problem(line(v), "\(p.code) must be a number from \(positive ? 1 : 0) to \(Int(EngagementReader.largest))")
                continue
            }
            map[p] = d
        }
        return map
    }

    // MARK: helpers

    private mutating func problem(_ line: Int, _ message: String) {
        problems.append(ReferentielProblem(file: file, line: line, message))
    }

    private func line(_ node: Node?) -> Int { node?.mark?.line ?? 0 }

    private func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 0
        }
    }

    private mutating func pairs(_ node: Node?, parent: Node?, what: String) -> [(Node, Node)] {
        guard let node else { problem(line(parent), "missing \(what)"); return [] }
        guard let mapping = node.mapping else { problem(line(node), "\(what) must be a mapping"); return [] }
        return mapping.map { ($0.key, $0.value) }
    }

    private func strings(_ node: Node?) -> [String] {
        guard let node else { return [] }
        if let s = node.string { return [s] }
        return node.sequence?.compactMap(\.string) ?? []
    }
}
