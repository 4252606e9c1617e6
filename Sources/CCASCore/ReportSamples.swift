/// What the reports read of one event: its times (ms since the epoch) along the chain from the
/// first ring to the first unit on scene.
public struct EventTimes: Sendable, Equatable {
    public var number: String
    public var nature: String?
    public var priority: String?
    public var status: String
    public var channel: String?
    public var receivedAt: Int64
    public var answeredAt: Int64?
    public var firstAlertedAt: Int64?
    public var firstOnSceneAt: Int64?
    /// En route time of the unit that reached the scene first.
    public var firstOnSceneEnRouteAt: Int64?
    public var closedAt: Int64?
    public var calls: Int

    public init(number: String, nature: String?, priority: String?, status: String, channel: String?, receivedAt: Int64,
                answeredAt: Int64?, firstAlertedAt: Int64?, firstOnSceneAt: Int64?, firstOnSceneEnRouteAt: Int64?,
                closedAt: Int64?, calls: Int) {
        self.number = number
        self.nature = nature
        self.priority = priority
        self.status = status
        self.channel = channel
        self.receivedAt = receivedAt
        self.answeredAt = answeredAt
        self.firstAlertedAt = firstAlertedAt
        self.firstOnSceneAt = firstOnSceneAt
        self.firstOnSceneEnRouteAt = firstOnSceneEnRouteAt
        self.closedAt = closedAt
        self.calls = calls
    }
}

/// One unit's times on one call of an event.
public struct UnitTimes: Sendable, Equatable {
    public var unit: String
    public var unitType: String?
    public var event: String
    public var priority: String?
    public var alertedAt: Int64?
    public var enRouteAt: Int64?
    public var onSceneAt: Int64?
    public var availableAt: Int64?

    public init(unit: String, unitType: String?, event: String, priority: String?, alertedAt: Int64?, enRouteAt: Int64?,
                onSceneAt: Int64?, availableAt: Int64?) {
        self.unit = unit
        self.unitType = unitType
        self.event = event
        self.priority = priority
        self.alertedAt = alertedAt
        self.enRouteAt = enRouteAt
        self.onSceneAt = onSceneAt
        self.availableAt = availableAt
    }
}
