import Foundation

/// The référentiel: natures, patterns, questions and aliases, loaded from YAML and hashed, so
/// every decision can name the rules that made it.
public struct Referentiel: Sendable {
    /// The classification files of a référentiel directory, in load order: a folder must have them.
    public static let fileNames = ["natures.yaml", "patterns.yaml", "questions.yaml", "aliases.yaml"]
    /// Every file of a référentiel: classification, engagement, notification. A folder may leave
    /// out the engagement and notification files; the built-in ones stand in for them.
    public static let allFileNames = fileNames + EngagementReferentiel.fileNames + NotificationFiles.fileNames

    /// Every file (`allFileNames`) as read, by name: `export` writes them back byte for byte.
    public let files: [String: String]
    /// `sha256:` of every file, each as its name, a newline, its length, a newline and its bytes,
    /// in the order of `allFileNames`: classify, dispatch and notify decisions made with the same
    /// files carry the same hash. `Referentiel.hash(folder:)` computes it without reading the YAML.
    public let hash: String

    public let natures: [Nature]
    public let factTypes: [String: FactType]
    public let shownFacts: [String]
    public let gendarmerieWhen: [Condition]
    public let childAgeBelow: Int
    public let patterns: [PatternRule]
    public let rewrites: [String: [String]]
    public let numbers: [String: Int]
    public let languageWords: [String: [String]]
    public let questions: [Question]
    public let aliases: [Alias]

    let natureIndex: [String: Int]
    let questionIndex: [String: Int]
    /// `AliasKey.fold` of each alias name, in the order of `aliases`.
    let aliasKeys: [String]

    /// The phrase matcher of `patterns`: compiled in with the built-in référentiel, built on first
    /// use for one read from YAML (checking or listing a référentiel never builds it).
    var matcher: PhraseMatcher { compiledMatcher.get(self) }
    private let compiledMatcher: MatcherCell

    public func nature(_ code: String) -> Nature? { natureIndex[code].map { natures[$0] } }
    public func question(_ id: String) -> Question? { questionIndex[id].map { questions[$0] } }

    init(files: [String: String], natures: [Nature], factTypes: [String: FactType], shownFacts: [String],
         gendarmerieWhen: [Condition], childAgeBelow: Int, patterns: [PatternRule], rewrites: [String: [String]],
         numbers: [String: Int], languageWords: [String: [String]], questions: [Question], aliases: [Alias],
         aliasKeys: [String]? = nil, hash: String? = nil, matcher: PhraseMatcher? = nil)
    {
        compiledMatcher = MatcherCell(matcher)
        let files = Referentiel.completed(files)
        self.files = files
        self.hash = hash ?? Referentiel.hash(of: files)
        self.natures = natures
        self.factTypes = factTypes
        self.shownFacts = shownFacts
        self.gendarmerieWhen = gendarmerieWhen
        self.childAgeBelow = childAgeBelow
        self.patterns = patterns
        self.rewrites = rewrites
        self.numbers = numbers
        self.languageWords = languageWords
        self.questions = questions
        self.aliases = aliases
        var ni: [String: Int] = [:]
        for (i, n) in natures.enumerated() { ni[n.code] = i }
        natureIndex = ni
        var qi: [String: Int] = [:]
        for (i, q) in questions.enumerated() { qi[q.id] = i }
        questionIndex = qi
        self.aliasKeys = aliasKeys ?? aliases.map { AliasKey.fold($0.name) }
    }

    /// The hash of the built-in référentiel, computed when it was compiled: no file read.
    public static var builtInHash: String { DefaultReferentiel.hash }

    /// The hash a référentiel folder's decisions carry, from the bytes of its files: no YAML is
    /// parsed, nothing validated (`check(directory:)` does that). Throws when a classification
    /// file cannot be read.
    public static func hash(folder: String) throws -> String {
        hash(of: try readFiles(directory: folder))
    }

    /// The hash for a folder that may hold only some of the files (say, the notification ones):
    /// the built-in file stands in for each one missing, as the programs do when they load it.
    public static func hash(partialFolder folder: String) -> String {
        var files = DefaultReferentiel.files
        for name in allFileNames {
            let path = (folder as NSString).appendingPathComponent(name)
            if let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) {
                files[name] = text
            }
        }
        return hash(of: files)
    }

    /// `files` with the built-in engagement and notification files where they are missing.
    static func completed(_ files: [String: String]) -> [String: String] {
        var all = files
        for (name, text) in EngagementReferentiel.files where all[name] == nil { all[name] = text }
        for (name, text) in NotificationFiles.files where all[name] == nil { all[name] = text }
        return all
    }

    static func hash(of files: [String: String]) -> String {
        let files = completed(files)
        var bytes: [UInt8] = []
        for name in allFileNames {
            let content = Array((files[name] ?? "").utf8)
            bytes += Array("\(name)\n\(content.count)\n".utf8)
            bytes += content
        }
        return "sha256:" + SHA256.hex(bytes)
    }
}

public enum Priority: Int, Sendable, Comparable, CaseIterable {
    case p0 = 0, p1, p2, p3

    public init?(code: String) {
        switch code {
        case "P0": self = .p0
        case "P1": self = .p1
        case "P2": self = .p2
        case "P3": self = .p3
        default: return nil
        }
    }

    public var code: String { "P\(rawValue)" }
    /// One level more urgent (P0 stays P0).
    var raised: Priority { Priority(rawValue: max(0, rawValue - 1))! }
    /// One level less urgent (P3 stays P3).
    var lowered: Priority { Priority(rawValue: min(3, rawValue + 1))! }

    public static func < (a: Priority, b: Priority) -> Bool { a.rawValue < b.rawValue }
}

/// A class: natures are shared by every classification, never copied.
public final class Nature: Sendable {
    public let code: String
    public let labelFR: String
    public let labelEN: String
    public let priority: Priority
    public let reflex: Bool
    public let reflexWhen: [Condition]
    /// As written: `POLICE_OR_GEND` is resolved by place when classifying.
    public let services: [String]
    public let hubsante: String
    public let precedence: Int
    public let when: [Condition]
    public let priorityWhen: [(condition: Condition, priority: Priority)]
    public let questions: [String]
    public let escalating: [Condition]
    public let deEscalating: [Condition]

    public var family: Substring { code.prefix { $0 != "." } }

    init(code: String, labelFR: String, labelEN: String, priority: Priority, reflex: Bool, reflexWhen: [Condition],
         services: [String], hubsante: String, precedence: Int, when: [Condition],
         priorityWhen: [(condition: Condition, priority: Priority)], questions: [String], escalating: [Condition],
         deEscalating: [Condition])
    {
        self.code = code
        self.labelFR = labelFR
        self.labelEN = labelEN
        self.priority = priority
        self.reflex = reflex
        self.reflexWhen = reflexWhen
        self.services = services
        self.hubsante = hubsante
        self.precedence = precedence
        self.when = when
        self.priorityWhen = priorityWhen
        self.questions = questions
        self.escalating = escalating
        self.deEscalating = deEscalating
    }
}

public struct Question: Sendable, Equatable {
    public let id: String
    /// The field this question settles: a fact name, or a free field such as `age`.
    public let settles: String
    public let fr: String
    public let en: String
}

public struct Alias: Sendable, Equatable {
    /// As written in the source system.
    public let name: String
    public let nature: String
    /// A generic call type ("Medical Incident"): strong text evidence wins over it.
    public let generic: Bool
}

/// A rule of patterns.yaml: phrases that are evidence for a nature, or that state facts.
public final class PatternRule: Sendable {
    public enum Target: Sendable {
        case nature(String, weight: Double)
        case facts([(name: String, value: FactSetting)])
    }
    public let id: String
    public let target: Target
    /// (language, phrase) pairs, as written.
    public let phrases: [(lang: String, text: String)]
    /// The phrases parsed, once, when the référentiel was loaded.
    let elements: [[PhraseSyntax.Element]]

    init(id: String, target: Target, phrases: [(lang: String, text: String)], elements: [[PhraseSyntax.Element]]) {
        self.id = id
        self.target = target
        self.phrases = phrases
        self.elements = elements
    }
}

public enum FactType: String, Sendable { case int, bool, string }

public enum FactValue: Sendable, Equatable, CustomStringConvertible {
    case int(Int)
    case bool(Bool)
    case string(String)

    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .bool(let b): return String(b)
        case .string(let s): return s
        }
    }
}

/// What a fact pattern sets: a fixed value, or the number the phrase matched (`<n>`).
public enum FactSetting: Sendable, Equatable {
    case value(FactValue)
    case matchedNumber
}

/// Holds a référentiel's matcher once built; shared by the copies of the référentiel.
final class MatcherCell: @unchecked Sendable {
    private let lock = NSLock()
    private var matcher: PhraseMatcher?

    init(_ matcher: PhraseMatcher?) { self.matcher = matcher }

    func get(_ r: Referentiel) -> PhraseMatcher {
        lock.lock()
        defer { lock.unlock() }
        if let matcher { return matcher }
        let built = PhraseMatcher(referentiel: r)
        matcher = built
        return built
    }
}
