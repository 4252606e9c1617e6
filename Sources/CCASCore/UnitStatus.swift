/// A unit's status (DOMAIN.md), and which changes are allowed without forcing.
///
/// AVAILABLE → ALERTED → ACKNOWLEDGED → EN_ROUTE → ON_SCENE → (TRANSPORTING → AT_HOSPITAL) →
/// RETURNING → AVAILABLE; UNAVAILABLE and OUT_OF_SERVICE from any state.
public enum UnitStatus: String, Sendable, CaseIterable, Codable {
    case available = "AVAILABLE"
    case alerted = "ALERTED"
    case acknowledged = "ACKNOWLEDGED"
    case enRoute = "EN_ROUTE"
    case onScene = "ON_SCENE"
    case transporting = "TRANSPORTING"
    case atHospital = "AT_HOSPITAL"
    case returning = "RETURNING"
    case unavailable = "UNAVAILABLE"
    case outOfService = "OUT_OF_SERVICE"

    /// Reads `EN_ROUTE`, `en-route`, `en route`, `enroute`.
    public init?(text: String) {
        let key = text.uppercased().replacingAll([" ", "-"], with: "_")
        if let s = UnitStatus(rawValue: key) { self = s; return }
        switch key {
        case "ENROUTE": self = .enRoute
        case "ONSCENE", "ON_SITE", "ONSITE", "ARRIVED": self = .onScene
        case "ACK", "ACKNOWLEDGE": self = .acknowledged
        case "OOS": self = .outOfService
        default: return nil
        }
    }

    /// Statuses reachable from this one without `--force`.
    public var next: Set<UnitStatus> { Set(successors) }

    /// `next` as a list, which `canChange` reads: a program's first Set of a type costs a scan of
    /// every protocol conformance in the (static) binary, 5% of a `ccas-track status` (callgrind).
    var successors: [UnitStatus] {
        var next: [UnitStatus] = [.unavailable, .outOfService]
        switch self {
        case .available: next.append(.alerted)
        case .alerted: next += [.acknowledged, .enRoute, .available]  // released before leaving
        case .acknowledged: next += [.enRoute, .available]
        case .enRoute: next += [.onScene, .returning]  // recalled on the way
        case .onScene: next += [.transporting, .returning, .available]
        case .transporting: next += [.atHospital, .returning]
        case .atHospital: next += [.returning, .available]
        case .returning: next += [.available, .alerted]  // re-engaged on the way back
        case .unavailable, .outOfService: next.append(.available)
        }
        return next
    }

    public func canChange(to status: UnitStatus) -> Bool { successors.contains(status) }

    /// Can be engaged on an event now.
    public var isEngageable: Bool { self == .available || self == .returning }

    /// Engaged on an event (alerted up to returning).
    public var isEngaged: Bool {
        switch self {
        case .alerted, .acknowledged, .enRoute, .onScene, .transporting, .atHospital: true
        default: false
        }
    }
}

extension String {
    func replacingAll(_ targets: [Character], with replacement: Character) -> String {
        String(map { targets.contains($0) ? replacement : $0 })
    }
}
