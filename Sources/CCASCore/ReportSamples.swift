import Foundation

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

/// What the report reads, column by column: names as small integers (a report over a million
/// events makes one String per distinct nature, priority, channel, unit and unit type, not one
/// per row) and times as plain integers, with `ReportSamples.missing` for "no such time".
///
/// A missing nature reads as "unclassified", priority as "none", channel as "unknown" and unit
/// type as "" — the names the report shows them under.
public struct ReportSamples: Sendable {
    /// Stands for a time that did not happen (a NULL column), so that a row stays a few plain words.
    public static let missing = Int64.min

    @frozen public struct Event: Sendable {
        public var nature: Int32, priority: Int32, channel: Int32
        public var receivedAt: Int64
        public var answeredAt: Int64, firstAlertedAt: Int64, firstOnSceneAt: Int64, firstOnSceneEnRouteAt: Int64

        @inlinable public init(nature: Int32, priority: Int32, channel: Int32, receivedAt: Int64, answeredAt: Int64,
                               firstAlertedAt: Int64, firstOnSceneAt: Int64, firstOnSceneEnRouteAt: Int64) {
            self.nature = nature
            self.priority = priority
            self.channel = channel
            self.receivedAt = receivedAt
            self.answeredAt = answeredAt
            self.firstAlertedAt = firstAlertedAt
            self.firstOnSceneAt = firstOnSceneAt
            self.firstOnSceneEnRouteAt = firstOnSceneEnRouteAt
        }
    }

    /// One unit on one call of an event (`UnitTimes`), with its event's priority.
    @frozen public struct Engagement: Sendable {
        public var unit: Int32, unitType: Int32, priority: Int32
        public var alertedAt: Int64, enRouteAt: Int64, onSceneAt: Int64, availableAt: Int64

        @inlinable public init(unit: Int32, unitType: Int32, priority: Int32, alertedAt: Int64, enRouteAt: Int64,
                               onSceneAt: Int64, availableAt: Int64) {
            self.unit = unit
            self.unitType = unitType
            self.priority = priority
            self.alertedAt = alertedAt
            self.enRouteAt = enRouteAt
            self.onSceneAt = onSceneAt
            self.availableAt = availableAt
        }
    }

    public var natures = ReportNames(), priorities = ReportNames(), channels = ReportNames()
    public var units = ReportNames(), unitTypes = ReportNames()
    public var events: [Event] = []
    public var engagements: [Engagement] = []

    public init() {}

    /// The same samples from the record form (tests, and callers that have `EventTimes`).
    public init(events: [EventTimes], units: [UnitTimes]) {
        func time(_ t: Int64?) -> Int64 { t ?? Self.missing }
        self.events = events.map { e in
            Event(nature: natures.id(e.nature ?? "unclassified"), priority: priorities.id(e.priority ?? "none"),
                  channel: channels.id(e.channel ?? "unknown"), receivedAt: e.receivedAt, answeredAt: time(e.answeredAt),
                  firstAlertedAt: time(e.firstAlertedAt), firstOnSceneAt: time(e.firstOnSceneAt),
                  firstOnSceneEnRouteAt: time(e.firstOnSceneEnRouteAt))
        }
        engagements = units.map { u in
            Engagement(unit: self.units.id(u.unit), unitType: unitTypes.id(u.unitType ?? ""), priority: priorities.id(u.priority ?? "none"),
                       alertedAt: time(u.alertedAt), enRouteAt: time(u.enRouteAt), onSceneAt: time(u.onSceneAt),
                       availableAt: time(u.availableAt))
        }
    }
}

/// Distinct names numbered in order of appearance, looked up by their UTF-8 bytes so that a row
/// read from SQLite needs no String unless its name is new (open addressing on an FNV-1a hash).
public struct ReportNames: Sendable {
    public private(set) var names: [String] = []
    private var utf8: [[UInt8]] = []
    /// Name index + 1 per slot, 0 when free; a power of two long, at most half full.
    private var slots = [Int32](repeating: 0, count: 16)
    private var last: Int32 = -1

    public init() {}

    public var count: Int { names.count }
    public subscript(_ id: Int32) -> String { names[Int(id)] }

    public mutating func id(_ name: String) -> Int32 {
        var name = name
        return name.withUTF8 { b in id(utf8: b) }
    }

    public mutating func id(utf8 b: UnsafeBufferPointer<UInt8>) -> Int32 {
        // Rows often repeat the previous name (one event's units, one type after another).
        if last >= 0, Self.equal(utf8[Int(last)], b) { return last }
        let mask = slots.count - 1
        var slot = Self.hash(b) & mask
        while slots[slot] != 0 {
            let i = slots[slot] - 1
            if Self.equal(utf8[Int(i)], b) { last = i; return i }
            slot = (slot + 1) & mask
        }
        let i = Int32(names.count)
        utf8.append(Array(b))
        names.append(String(decoding: b, as: UTF8.self))
        slots[slot] = i + 1
        if names.count * 2 > slots.count { rehash() }
        last = i
        return i
    }

    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in b { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    static func equal(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && a.withUnsafeBufferPointer { a in a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
    }

    private mutating func rehash() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (i, bytes) in utf8.enumerated() {
            var slot = bytes.withUnsafeBufferPointer(Self.hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i) + 1
        }
    }
}

extension ReportSamples {
    /// Appends another part's rows, renumbering its names into ours.
    public mutating func merge(_ other: ReportSamples) {
        let nature = other.natures.names.map { natures.id($0) }, priority = other.priorities.names.map { priorities.id($0) }
        let channel = other.channels.names.map { channels.id($0) }, unit = other.units.names.map { units.id($0) }
        let unitType = other.unitTypes.names.map { unitTypes.id($0) }
        events.reserveCapacity(events.count + other.events.count)
        for var e in other.events {
            e.nature = nature[Int(e.nature)]
            e.priority = priority[Int(e.priority)]
            e.channel = channel[Int(e.channel)]
            events.append(e)
        }
        engagements.reserveCapacity(engagements.count + other.engagements.count)
        for var u in other.engagements {
            u.unit = unit[Int(u.unit)]
            u.unitType = unitType[Int(u.unitType)]
            u.priority = priority[Int(u.priority)]
            engagements.append(u)
        }
    }
}
