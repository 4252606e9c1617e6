/// An event's lifecycle (DOMAIN.md): OPEN (first call) → CLASSIFIED → DISPATCHED → ON_SCENE →
/// CLOSED, or CANCELLED. Later stages never go back by themselves; `reopen` is explicit.
public enum EventStatus: String, Sendable, CaseIterable, Codable {
    case open = "OPEN"
    case classified = "CLASSIFIED"
    case dispatched = "DISPATCHED"
    case onScene = "ON_SCENE"
    case closed = "CLOSED"
    case cancelled = "CANCELLED"

    /// Order along the lifecycle, so an event only moves forward on its own.
    public var rank: Int {
        switch self {
        case .open: 0
        case .classified: 1
        case .dispatched: 2
        case .onScene: 3
        case .closed, .cancelled: 4
        }
    }

    public var isOpen: Bool { self != .closed && self != .cancelled }
}
