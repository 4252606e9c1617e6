import CCASCore
import Yams

/// The performance indicators of DOMAIN.md and their standards, as data (`indicators.yaml`).
public struct Indicators: Sendable, Equatable {
    /// Seconds within which a sample complies, per indicator; turnout per unit kind, response
    /// per priority (the centre's own targets).
    public var answerTargetS: Double
    public var processingTargetS: Double
    public var turnoutTargetS: [String: Double]
    public var travelTargetS: Double
    public var responseTargetS: [String: Double]
    /// Unit types whose turnout is judged as EMS (60 s) rather than fire (80 s).
    public var emsUnitTypes: Set<String>

    public static let fileName = "indicators.yaml"

    public static let defaultYAML = #"""
    # Performance indicators and their standards (DOMAIN.md, "Timestamps and performance indicators").
    # answer: received → answered (NENA call answering: 90 % within 15 s, 95 % within 20 s)
    answer_target_s: 15
    # processing: answered → first unit alerted (NFPA 1221/1225: 90 % within 64 s, highest priorities)
    processing_target_s: 64
    # turnout: alerted → en route, per unit (NFPA 1710: 60 s EMS, 80 s fire)
    turnout_target_s:
      ems: 60
      fire: 80
    # travel: en route → on scene, first unit on scene (NFPA 1710: 240 s, 90 %)
    travel_target_s: 240
    # response: received → first unit on scene, per event: the centre's own target per priority
    response_target_s:
      P0: 480
      P1: 900
      P2: 1800
      P3: 3600
      none: 900
    # Unit types judged as EMS for turnout (ours and the San Francisco data's).
    ems_unit_types: [VSAV, SMUR, VLM, AMBU, MEDIC, PRIVATE, RESCUE CAPTAIN]
    """#

    public static let `default`: Indicators = try! Indicators(yaml: defaultYAML)

    public init(yaml: String) throws {
        guard let root = try Yams.load(yaml: yaml) as? [String: Any] else {
            throw IndicatorsError("\(Self.fileName): a mapping was expected")
        }
        func number(_ key: String) throws -> Double {
            guard let v = root[key], let d = Self.double(v) else { throw IndicatorsError("\(Self.fileName): \(key) must be a number of seconds") }
            return d
        }
        func table(_ key: String) throws -> [String: Double] {
            guard let map = root[key] as? [String: Any] else { throw IndicatorsError("\(Self.fileName): \(key) must be a mapping") }
            return try map.mapValues { v in
                guard let d = Self.double(v) else { throw IndicatorsError("\(Self.fileName): \(key) values must be seconds") }
                return d
            }
        }
        answerTargetS = try number("answer_target_s")
        processingTargetS = try number("processing_target_s")
        turnoutTargetS = try table("turnout_target_s")
        travelTargetS = try number("travel_target_s")
        responseTargetS = try table("response_target_s")
        emsUnitTypes = Set((root["ems_unit_types"] as? [Any] ?? []).map { "\($0)".uppercased() })
    }

    static func double(_ v: Any) -> Double? {
        if let i = v as? Int { return Double(i) }
        return v as? Double
    }

    public func unitKind(_ type: String?) -> String { emsUnitTypes.contains((type ?? "").uppercased()) ? "ems" : "fire" }
    public func turnoutTarget(_ type: String?) -> Double { turnoutTargetS[unitKind(type)] ?? 80 }
    public func responseTarget(_ priority: String?) -> Double { responseTargetS[priority ?? "none"] ?? responseTargetS["none"] ?? 900 }
}

public struct IndicatorsError: Error, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}
