import CCASCore
import GRDB

/// What the intake knows of the store between its transactions, so that correlating a call
/// costs no query: the open events whose last call falls in a time range (with a grid on their
/// position), the calls with a callback number received in a time range, the last event number
/// of each year and the next event id.
///
/// Valid only while nobody else has written: checked at the start of every transaction with
/// `PRAGMA data_version` (moves when another connection — another process, another `Store` on
/// the same file — committed) and the connection's total changes (moves when other code wrote
/// through our own connection). Otherwise everything is dropped and read again for the batch.
/// Measured on 1,000,000 generated calls: the three queries per call it replaces (callback
/// number, place and time, counter) were ~35 % of the stored intake's time.
final class IntakeIndex: @unchecked Sendable {
    // Only touched inside the store's write transactions, which GRDB serialises.
    struct Event {
        var id: Int64
        var number: String
        var lat: Double?
        var lon: Double?
        var lastCallAt: Int64
        var exercise: Bool
    }
    struct Caller {
        var phone: String
        var at: Int64
        var eventID: Int64
        var number: String
        var exercise: Bool
    }

    var valid = false
    var dataVersion: Int64 = 0
    var totalChanges: Int64 = 0
    var pendingDataVersion: Int64 = 0
    var pendingTotalChanges: Int64 = 0
    var policy = CorrelationPolicy()

    /// Every open event whose `last_call_at` is in `eventRange` is in `events` (others may be).
    var events: [Event] = []
    /// Event id → its slot in `events`.
    var eventSlot = Int64Table()
    /// Grid cell → its first and last event (`cellEnds`); `cellNext[slot]` the next event placed
    /// in the same cell (-1: none): a cell's events come in the order they were placed.
    var grid = Int64Table()
    var cellEnds: [(first: Int32, last: Int32)] = []
    var cellNext: [Int32] = []
    var cellDegrees = 0.0
    var eventRange: ClosedRange<Int64>?
    /// Every call with a phone on an open event, received in `callerRange`, is in `callers`:
    /// a hash of the number → its first and last call (`callerEnds`), `callerNext[k]` the next.
    var callers: [Caller] = []
    var callerTable = Int64Table()
    var callerEnds: [(first: Int32, last: Int32)] = []
    var callerNext: [Int32] = []
    var callerRange: ClosedRange<Int64>?
    var counters: [Int: (last: Int, dirty: Bool)] = [:]
    var nextEventID: Int64?

    /// Past this many entries, entries outside what the batch needs are dropped: memory stays
    /// flat however long the input.
    static let keep = 50_000

    func reset(policy: CorrelationPolicy) {
        valid = false
        self.policy = policy
        removeEvents()
        eventRange = nil
        removeCallers()
        callerRange = nil
        counters.removeAll()
        nextEventID = nil
        cellDegrees = max(2 * policy.distanceM / 111_000, 1e-6)
    }

    func removeEvents() {
        events.removeAll(keepingCapacity: true)
        eventSlot.removeAll()
        grid.removeAll()
        cellEnds.removeAll(keepingCapacity: true)
        cellNext.removeAll(keepingCapacity: true)
    }

    func removeCallers() {
        callers.removeAll(keepingCapacity: true)
        callerTable.removeAll()
        callerEnds.removeAll(keepingCapacity: true)
        callerNext.removeAll(keepingCapacity: true)
    }

    func committed() {
        dataVersion = pendingDataVersion
        totalChanges = pendingTotalChanges
        valid = true
    }

    func invalidate() { valid = false }

    /// The grid cell of a place: its row and column of `cellDegrees`.
    func cell(lat: Double, lon: Double) -> (y: Int64, x: Int64) {
        (Int64((lat / cellDegrees).rounded(.down)), Int64((lon / cellDegrees).rounded(.down)))
    }

    static func cellKey(y: Int64, x: Int64) -> Int64 { (y << 32) ^ (x & 0xFFFF_FFFF) }

    /// Links `item` at the end of the list of `key`: `ends` holds each list's first and last.
    private static func link(_ item: Int32, _ key: Int64, _ table: inout Int64Table, _ ends: inout [(first: Int32, last: Int32)],
                             _ next: inout [Int32]) {
        if let e = table.get(key).map(Int.init) {
            next[Int(ends[e].last)] = item
            ends[e].last = item
        } else {
            table.set(key, Int32(ends.count))
            ends.append((item, item))
        }
    }

    /// The slots of the events placed in the cell at row `y`, column `x`, in the order placed.
    func forEachEvent(inCellY y: Int64, x: Int64, _ body: (Int) -> Void) {
        guard let e = grid.get(IntakeIndex.cellKey(y: y, x: x)) else { return }
        var slot = cellEnds[Int(e)].first
        while slot >= 0 {
            body(Int(slot))
            slot = cellNext[Int(slot)]
        }
    }

    private func place(_ slot: Int, lat: Double, lon: Double) {
        let c = cell(lat: lat, lon: lon)
        IntakeIndex.link(Int32(slot), IntakeIndex.cellKey(y: c.y, x: c.x), &grid, &cellEnds, &cellNext)
    }

    /// Adds or refreshes an open event.
    func put(_ e: Event) {
        if let slot = eventSlot.get(e.id).map(Int.init) {
            let hadPlace = events[slot].lat != nil && events[slot].lon != nil
            events[slot] = e
            if !hadPlace, let lat = e.lat, let lon = e.lon { place(slot, lat: lat, lon: lon) }
            return
        }
        let slot = events.count
        events.append(e)
        cellNext.append(-1)
        eventSlot.set(e.id, Int32(slot))
        if let lat = e.lat, let lon = e.lon { place(slot, lat: lat, lon: lon) }
    }

    func remove(eventID: Int64) {
        guard let slot = eventSlot.get(eventID).map(Int.init) else { return }
        // A closed event stays in its slot (and its cell), marked so it never matches again.
        events[slot].lat = nil
        events[slot].lon = nil
        events[slot].lastCallAt = Int64.min
        eventSlot.set(eventID, -1)
    }

    static func phoneKey(_ phone: String) -> Int64 { Int64(bitPattern: StableHash.fnv1a64(phone.utf8)) }

    func addCaller(_ c: Caller) {
        callerNext.append(-1)
        IntakeIndex.link(Int32(callers.count), IntakeIndex.phoneKey(c.phone), &callerTable, &callerEnds, &callerNext)
        callers.append(c)
    }

    /// The calls from `phone` in the order added (and the few whose number hashes alike:
    /// compare the number).
    func forEachCaller(_ phone: String, _ body: (Caller) -> Void) {
        guard let e = callerTable.get(IntakeIndex.phoneKey(phone)) else { return }
        var k = callerEnds[Int(e)].first
        while k >= 0 {
            body(callers[Int(k)])
            k = callerNext[Int(k)]
        }
    }

    /// Keeps only what `events`/`callers` ranges `e` and `c` need, when they have grown large.
    func prune(events e: ClosedRange<Int64>, callers c: ClosedRange<Int64>) {
        if events.count > IntakeIndex.keep, let range = eventRange {
            let kept = events.filter { $0.lastCallAt >= e.lowerBound && $0.lastCallAt <= e.upperBound }
            removeEvents()
            eventRange = max(range.lowerBound, e.lowerBound)...min(range.upperBound, e.upperBound)
            for k in kept { put(k) }
        }
        if callers.count > IntakeIndex.keep, let range = callerRange {
            let kept = callers.filter { $0.at >= c.lowerBound && $0.at <= c.upperBound }
            removeCallers()
            callerRange = max(range.lowerBound, c.lowerBound)...min(range.upperBound, c.upperBound)
            for k in kept { addCaller(k) }
        }
    }
}

/// One intake transaction: correlates each call against the index, stores the call, opens or
/// touches its event, and journals, with the hot statements bound through the C API.
final class IntakeSession {
    let db: Database
    let index: IntakeIndex
    let policy: CorrelationPolicy
    let op: String
    let now: Int64
    private var payload = ByteSink(capacity: 512)
    // The transaction's new rows, written many to a statement (`PendingRows`): events and calls
    // before anything reads them (`flushEvents`, `flushCalls`), journal rows at the end.
    private var pendingEvents: [PendingEvent] = []
    private var pendingCalls: [PendingCall] = []
    private var pendingIDs = PendingIDs()
    /// The pending calls' correlation and record JSON.
    private var rowBytes = ByteSink(capacity: 1 << 20)
    private var journalRows: [PendingJournalRow] = []
    private var journalBytes = ByteSink(capacity: 1 << 18)
    /// The texts bound to the statement being run, so SQLite need not copy each one
    /// (`SQLITE_STATIC`): a fixed block, so nothing bound ever moves.
    private let texts = UnsafeMutableRawPointer.allocate(byteCount: IntakeSession.textCapacity, alignment: 8)
    private var textsUsed = 0
    static let textCapacity = 1 << 16
    // The hot statements, looked up once per transaction rather than once per call (GRDB's
    // statement cache hashes the whole SQL text on every lookup).
    private let touchEvent: RawStatement
    private let findCall: RawStatement

    static let newEventCorrelation: JSON = ["rule": "new_event"]

    static func span<S: Sequence<Int64>>(_ times: S) -> ClosedRange<Int64>? {
        var lo = Int64.max, hi = Int64.min
        for t in times { lo = min(lo, t); hi = max(hi, t) }
        return lo <= hi ? lo...hi : nil
    }

    init(_ db: Database, index: IntakeIndex, policy: CorrelationPolicy, operator op: String, span: ClosedRange<Int64>?) throws {
        self.db = db
        self.index = index
        self.policy = policy
        self.op = op
        now = StoreTime.nowMillis()
        let version = try RawStatement(db, "PRAGMA data_version")
        var dv: Int64 = 0
        if try version.step() { dv = version.int64(0) }
        version.reset()
        if !(index.valid && index.dataVersion == dv && index.totalChanges == db.totalChanges && index.policy == policy) {
            index.reset(policy: policy)
        }
        index.valid = false  // until this transaction commits
        index.pendingDataVersion = dv
        if index.nextEventID == nil {
            let max = try RawStatement(db, "SELECT coalesce(max(id), 0) FROM event")
            _ = try max.step()
            index.nextEventID = max.int64(0) + 1
            max.reset()
        }
        touchEvent = try RawStatement(db, IntakeSession.touchEventSQL)
        findCall = try RawStatement(db, "SELECT 1 FROM call WHERE id = ?")
        if let span {
            let w = policy.windowS * 1000, cw = policy.callbackWindowS * 1000
            let events = (span.lowerBound - w)...(span.upperBound + w)
            let callers = (span.lowerBound - cw)...(span.upperBound + cw)
            try cover(events: events)
            try cover(callers: callers)
            index.prune(events: events, callers: callers)
        }
    }

    deinit { texts.deallocate() }

    /// Writes the journal rows and the counters, and notes where the connection stands.
    func finish() throws {
        try flushPending()
        let upsert = try RawStatement(db, """
            INSERT INTO event_counter (year, last) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET last = excluded.last
            """)
        for (year, c) in index.counters where c.dirty {
            upsert.bind(1, year)
            upsert.bind(2, c.last)
            try upsert.run()
            index.counters[year] = (c.last, false)
        }
        index.pendingTotalChanges = db.totalChanges
    }

    // MARK: Loading the index

    private func cover(events range: ClosedRange<Int64>) throws {
        guard let have = index.eventRange, have.overlaps(range) || have.upperBound + 1 == range.lowerBound
                || range.upperBound + 1 == have.lowerBound
        else {
            index.removeEvents()
            try loadEvents(range)
            index.eventRange = range
            return
        }
        if range.lowerBound < have.lowerBound { try loadEvents(range.lowerBound...(have.lowerBound - 1)) }
        if range.upperBound > have.upperBound { try loadEvents((have.upperBound + 1)...range.upperBound) }
        index.eventRange = min(have.lowerBound, range.lowerBound)...max(have.upperBound, range.upperBound)
    }

    private func loadEvents(_ range: ClosedRange<Int64>) throws {
        let s = try RawStatement(db, """
            SELECT id, number, lat, lon, last_call_at, exercise FROM event
            WHERE status NOT IN ('CLOSED', 'CANCELLED') AND last_call_at BETWEEN ? AND ?
            """)
        s.bind(1, range.lowerBound)
        s.bind(2, range.upperBound)
        while try s.step() {
            index.put(.init(id: s.int64(0), number: s.text(1), lat: s.optionalDouble(2), lon: s.optionalDouble(3),
                            lastCallAt: s.int64(4), exercise: s.int64(5) != 0))
        }
        s.reset()
    }

    private func cover(callers range: ClosedRange<Int64>) throws {
        guard let have = index.callerRange, have.overlaps(range) || have.upperBound + 1 == range.lowerBound
                || range.upperBound + 1 == have.lowerBound
        else {
            index.removeCallers()
            try loadCallers(range)
            index.callerRange = range
            return
        }
        if range.lowerBound < have.lowerBound { try loadCallers(range.lowerBound...(have.lowerBound - 1)) }
        if range.upperBound > have.upperBound { try loadCallers((have.upperBound + 1)...range.upperBound) }
        index.callerRange = min(have.lowerBound, range.lowerBound)...max(have.upperBound, range.upperBound)
    }

    private func loadCallers(_ range: ClosedRange<Int64>) throws {
        let s = try RawStatement(db, """
            SELECT c.phone, c.received_at, e.id, e.number, e.exercise FROM call c JOIN event e ON e.id = c.event_id
            WHERE c.phone IS NOT NULL AND c.received_at BETWEEN ? AND ? AND e.status NOT IN ('CLOSED', 'CANCELLED')
            """)
        s.bind(1, range.lowerBound)
        s.bind(2, range.upperBound)
        while try s.step() {
            index.addCaller(.init(phone: s.text(0), at: s.int64(1), eventID: s.int64(2), number: s.text(3), exercise: s.int64(4) != 0))
        }
        s.reset()
    }

    // MARK: One call

    func take(_ call: IncomingCall) throws -> IntakeOutcome {
        // The call id is the idempotency check: nothing is written for a call stored before, by an
        // earlier transaction or earlier in this one (rows are written at its end, see `PendingRows`).
        let idHash = PendingIDs.hash(call.id)
        if pendingIDs.mayContain(idHash), let earlier = pendingCalls.last(where: { $0.call.id == call.id }) {
            return IntakeOutcome(callID: call.id, eventNumber: earlier.number, duplicate: true, newEvent: false,
                                 correlation: earlier.correlation)
        }
        if try callExists(call.id) { return try duplicate(call.id) }

        var event: (id: Int64, number: String)?
        var correlation = IntakeSession.newEventCorrelation
        if let key = call.correlationKey {
            try flushEvents()  // the key may be an event opened earlier in this transaction
            let byKey = try RawStatement(db, "SELECT id, number FROM event WHERE correlation_key = ?")
            byKey.bind(1, key)
            if try byKey.step() {
                let number = byKey.text(1)
                event = (byKey.int64(0), number)
                correlation = ["rule": "incident_key", "event": .string(number), "key": .string(key)]
            }
            byKey.reset()
        } else {
            if let phone = call.phone, let match = sameCaller(phone, call) {
                event = (match.id, match.number)
                correlation = ["rule": "callback_number", "event": .string(match.number), "delay_s": .int(match.delay / 1000),
                               "window_s": .int(policy.callbackWindowS)]
            }
            if event == nil, let lat = call.lat, let lon = call.lon, let match = nearbyEvent(lat: lat, lon: lon, call) {
                event = (match.id, match.number)
                correlation = ["rule": "proximity", "event": .string(match.number), "distance_m": .int(Int(match.distance.rounded())),
                               "delay_s": .int(match.delay / 1000), "max_distance_m": .double(policy.distanceM),
                               "window_s": .int(policy.windowS)]
            }
        }

        let receivedText = call.receivedText ?? StoreTime.format(call.receivedAt)
        let eventID: Int64
        let number: String
        if let event {
            eventID = event.id
            number = event.number
            try touch(event.id, call)
        } else {
            eventID = index.nextEventID!
            number = try openEvent(id: eventID, for: call, receivedText: receivedText)
        }
        let correlationStart = rowBytes.count
        JSONWriter.write(correlation, to: &rowBytes)
        let recordStart = rowBytes.count
        if let json = call.recordJSON {
            json.withUnsafeBytes { rowBytes.append($0) }
        } else {
            JSONWriter.write(.object(call.record), to: &rowBytes)
        }
        pendingIDs.insert(idHash)
        pendingCalls.append(PendingCall(call: call, eventID: eventID, number: number, correlation: correlation,
                                        correlationBytes: correlationStart..<recordStart, recordBytes: recordStart..<rowBytes.count))
        if let phone = call.phone {
            index.addCaller(.init(phone: phone, at: call.receivedAt, eventID: eventID, number: number, exercise: call.exercise))
        }

        payload.removeAll()
        payload.append(literal: #"{"call":"#)
        JSONWriter.writeString(call.id, to: &payload)
        payload.append(literal: #","event":"#)
        JSONWriter.writeString(number, to: &payload)
        payload.append(literal: #","channel":"#)
        JSONWriter.writeString(call.channel, to: &payload)
        payload.append(literal: #","received_at":"#)
        JSONWriter.writeString(receivedText, to: &payload)
        payload.append(literal: #","correlation":"#)
        payload.append(UnsafeRawBufferPointer(rebasing: rowBytes.bytes[correlationStart..<recordStart]))
        payload.append(UInt8(ascii: "}"))
        journal(kind: "call.received", subject: call.id, exercise: call.exercise)
        return IntakeOutcome(callID: call.id, eventNumber: number, duplicate: false, newEvent: event == nil, correlation: correlation)
    }

    private func duplicate(_ id: String) throws -> IntakeOutcome {
        let existing = try RawStatement(db, """
            SELECT e.number, c.correlation FROM call c JOIN event e ON e.id = c.event_id WHERE c.id = ?
            """)
        existing.bind(1, id)
        guard try existing.step() else {
            existing.reset()
            throw StoreError.refused("call \(id) was neither stored nor found")
        }
        let number = existing.text(0)
        let correlation = existing.isNull(1) ? JSON.null : ((try? JSONParser.parse(existing.text(1))) ?? .null)
        existing.reset()
        return IntakeOutcome(callID: id, eventNumber: number, duplicate: true, newEvent: false, correlation: correlation)
    }

    private func callExists(_ id: String) throws -> Bool {
        let s = findCall
        startTexts()
        bindText(s, 1, id)
        let found = try s.step()
        s.reset()
        return found
    }

    /// A call joins an event: its last call time moves, a missing place is filled in.
    private func touch(_ id: Int64, _ call: IncomingCall) throws {
        if let first = pendingEvents.first, id >= first.id { try flushEvents() }
        let touch = touchEvent
        touch.bind(1, call.receivedAt)
        touch.bind(2, call.lat)
        touch.bind(3, call.lon)
        touch.bind(4, call.address)
        touch.bind(5, id)
        touch.bind(6, call.answeredAt)
        touch.bind(7, call.channel)
        if try touch.step() {
            if touch.int64(5) != 0 {
                index.put(.init(id: id, number: touch.text(0), lat: touch.optionalDouble(1), lon: touch.optionalDouble(2),
                                lastCallAt: touch.int64(3), exercise: touch.int64(4) != 0))
            } else {
                index.remove(eventID: id)
            }
        }
        touch.reset()
    }

    /// Opens event `id` with the next number of the call's year (the counter is written back
    /// at the end of the transaction, which holds the write lock throughout: gapless).
    private func openEvent(id: Int64, for call: IncomingCall, receivedText: String) throws -> String {
        let year = StoreTime.year(of: call.receivedAt)
        var last: Int
        if let c = index.counters[year] {
            last = c.last
        } else {
            let read = try RawStatement(db, "SELECT last FROM event_counter WHERE year = ?")
            read.bind(1, year)
            last = try read.step() ? Int(read.int64(0)) : 0
            read.reset()
        }
        last += 1
        index.counters[year] = (last, true)
        let number = EventNumber.format(year: year, sequence: last)
        pendingEvents.append(PendingEvent(id: id, number: number, call: call))
        index.nextEventID = id + 1
        index.put(.init(id: id, number: number, lat: call.lat, lon: call.lon, lastCallAt: call.receivedAt, exercise: call.exercise))

        payload.removeAll()
        payload.append(literal: #"{"event":"#)
        JSONWriter.writeString(number, to: &payload)
        payload.append(literal: #","first_call":"#)
        JSONWriter.writeString(call.id, to: &payload)
        payload.append(literal: #","opened_at":"#)
        JSONWriter.writeString(receivedText, to: &payload)
        payload.append(UInt8(ascii: "}"))
        journal(kind: "event.opened", subject: number, exercise: call.exercise)
        return number
    }

    /// Queues the journal row whose payload is in `payload`: it is written with the others of
    /// the transaction, in the same order, before the commit (nothing in the transaction reads it).
    private func journal(kind: StaticString, subject: String, exercise: Bool) {
        let subjectStart = journalBytes.count
        journalBytes.append(subject)
        let payloadStart = journalBytes.count
        journalBytes.append(payload.bytes)
        journalRows.append(PendingJournalRow(kind: kind, subject: subjectStart..<payloadStart,
                                             payload: payloadStart..<journalBytes.count, exercise: exercise))
    }

    /// Writes every queued row, in order: before a statement of another kind reads the store
    /// (a unit status in the same batch), and at the end of the transaction.
    func flushPending() throws {
        try flushCalls()
        try flushJournal()
    }

    private func flushEvents() throws {
        guard !pendingEvents.isEmpty else { return }
        try insertRows(pendingEvents.count, PendingRows.event, shared: { _ in }) { st, i, slot in
            let e = pendingEvents[i]
            let b = Int32(1 + 11 * slot)
            st.bind(b, e.id)
            bindText(st, b + 1, e.number)
            st.bind(b + 2, e.call.receivedAt)
            st.bind(b + 3, e.call.lat)
            st.bind(b + 4, e.call.lon)
            bindText(st, b + 5, e.call.address)
            bindText(st, b + 6, e.call.phone)
            bindText(st, b + 7, e.call.correlationKey)
            st.bind(b + 8, e.call.exercise)
            st.bind(b + 9, e.call.answeredAt)
            bindText(st, b + 10, e.call.channel)
        }
        pendingEvents.removeAll(keepingCapacity: true)
    }

    /// Writes the queued calls, after the events they belong to.
    private func flushCalls() throws {
        try flushEvents()
        guard !pendingCalls.isEmpty else { return }
        let bytes = rowBytes.bytes
        try insertRows(pendingCalls.count, PendingRows.call, shared: { bindText($0, 1, op) }) { st, i, slot in
            let c = pendingCalls[i]
            let b = Int32(2 + 13 * slot)
            bindText(st, b, c.call.id)
            st.bind(b + 1, c.eventID)
            st.bind(b + 2, c.call.receivedAt)
            st.bind(b + 3, c.call.answeredAt)
            bindText(st, b + 4, c.call.channel)
            bindText(st, b + 5, c.call.phone)
            st.bind(b + 6, c.call.lat)
            st.bind(b + 7, c.call.lon)
            bindText(st, b + 8, c.call.address)
            bindText(st, b + 9, c.call.text)
            st.bind(b + 10, staticText: UnsafeRawBufferPointer(rebasing: bytes[c.correlationBytes]))
            st.bind(b + 11, staticText: UnsafeRawBufferPointer(rebasing: bytes[c.recordBytes]))
            st.bind(b + 12, c.call.exercise)
        }
        pendingCalls.removeAll(keepingCapacity: true)
        pendingIDs.removeAll()
        rowBytes.removeAll()
    }

    private func flushJournal() throws {
        guard !journalRows.isEmpty else { return }
        let bytes = journalBytes.bytes
        try insertRows(journalRows.count, PendingRows.journal, shared: { st in
            st.bind(1, now)
            bindText(st, 2, op)
        }) { st, i, slot in
            let r = journalRows[i]
            let b = Int32(3 + 4 * slot)
            st.bind(b, literal: r.kind)
            st.bind(b + 1, staticText: UnsafeRawBufferPointer(rebasing: bytes[r.subject]))
            st.bind(b + 2, staticText: UnsafeRawBufferPointer(rebasing: bytes[r.payload]))
            st.bind(b + 3, r.exercise)
        }
        journalRows.removeAll(keepingCapacity: true)
        journalBytes.removeAll()
    }

    /// Inserts `count` queued rows in order, `shape.perStatement` to a statement and the rest one
    /// by one: `shared` binds what all rows of a statement share, `row(statement, i, slot)` binds
    /// row `i` as the statement's `slot`-th.
    private func insertRows(_ count: Int, _ shape: PendingRows, shared: (RawStatement) -> Void,
                            row: (RawStatement, Int, Int) -> Void) throws {
        var next = 0
        if count >= shape.perStatement {
            let many = try RawStatement(db, shape.manySQL)
            while count - next >= shape.perStatement {
                startTexts()
                shared(many)
                for slot in 0..<shape.perStatement { row(many, next + slot, slot) }
                try many.run()
                next += shape.perStatement
            }
        }
        if next < count {
            let one = try RawStatement(db, shape.oneSQL)
            while next < count {
                startTexts()
                shared(one)
                row(one, next, 0)
                try one.run()
                next += 1
            }
        }
    }

    // MARK: Binding texts without a copy by SQLite

    /// Empties `texts` for the statement about to be bound (the previous one has run and been
    /// reset, so nothing reads what it pointed at any more).
    @inline(__always) private func startTexts() { textsUsed = 0 }

    /// Binds `s` from a copy in `texts`; SQLite copies it itself when `texts` is full.
    @inline(__always) private func bindText(_ st: RawStatement, _ i: Int32, _ s: String?) {
        guard var s else { st.bindNull(i); return }
        s.withUTF8 { b in
            let n = b.count
            if textsUsed + n <= IntakeSession.textCapacity {
                let at = texts + textsUsed
                if n > 0 { at.copyMemory(from: b.baseAddress!, byteCount: n) }
                st.bind(i, staticText: UnsafeRawBufferPointer(start: at, count: n))
                textsUsed += n
            } else {
                st.bind(i, text: UnsafeRawBufferPointer(b))
            }
        }
    }

    static let touchEventSQL = """
        UPDATE event SET last_call_at = max(last_call_at, ?1),
          lat = coalesce(lat, ?2), lon = coalesce(lon, ?3), address = coalesce(address, ?4),
          calls = calls + 1,
          first_channel = CASE WHEN first_received_at IS NULL OR ?1 < first_received_at THEN ?7 ELSE first_channel END,
          first_received_at = CASE WHEN first_received_at IS NULL OR ?1 < first_received_at THEN ?1 ELSE first_received_at END,
          first_answered_at = CASE WHEN ?6 IS NOT NULL AND (first_answered_at IS NULL OR ?6 < first_answered_at)
                                   THEN ?6 ELSE first_answered_at END
        WHERE id = ?5
        RETURNING number, lat, lon, last_call_at, exercise, status NOT IN ('CLOSED', 'CANCELLED')
        """
    // MARK: Correlation against the index

    /// The open event with a call from the same number within the callback window (nearest in time).
    private func sameCaller(_ phone: String, _ call: IncomingCall) -> (id: Int64, number: String, delay: Int64)? {
        let window = policy.callbackWindowS * 1000
        var best: IntakeIndex.Caller?
        var bestDelay = Int64.max
        index.forEachCaller(phone) { c in
            guard c.phone == phone, c.exercise == call.exercise else { return }
            let d = abs(call.receivedAt - c.at)
            if d <= window, d < bestDelay { best = c; bestDelay = d }
        }
        guard let best else { return nil }
        return (best.eventID, best.number, bestDelay)
    }

    /// The nearest open event within the distance, whose last call is within the time window.
    private func nearbyEvent(lat: Double, lon: Double, _ call: IncomingCall) -> (id: Int64, number: String, distance: Double, delay: Int64)? {
        let window = policy.windowS * 1000
        let box = Geo.boundingBox(lat: lat, lon: lon, radiusM: policy.distanceM)
        var best: (slot: Int, distance: Double)?
        func consider(_ slot: Int) {
            let e = index.events[slot]
            guard e.exercise == call.exercise, let y = e.lat, let x = e.lon, abs(e.lastCallAt - call.receivedAt) <= window,
                  y >= box.minLat, y <= box.maxLat, x >= box.minLon, x <= box.maxLon
            else { return }
            let d = Geo.distance(Coordinate(lat: lat, lon: lon), Coordinate(lat: y, lon: x))
            if d <= policy.distanceM, d < (best?.distance ?? .infinity) { best = (slot, d) }
        }
        let low = index.cell(lat: box.minLat, lon: box.minLon), high = index.cell(lat: box.maxLat, lon: box.maxLon)
        if (high.y - low.y + 1) * (high.x - low.x + 1) > 64 {
            for slot in index.events.indices { consider(slot) }
        } else {
            for y in low.y...high.y {
                for x in low.x...high.x {
                    index.forEachEvent(inCellY: y, x: x) { consider($0) }
                }
            }
        }
        guard let best else { return nil }
        let e = index.events[best.slot]
        return (e.id, e.number, best.distance, abs(call.receivedAt - e.lastCallAt))
    }
}

/// A journal row waiting for the end of its transaction: its subject and payload are ranges of
/// the session's `journalBytes`.
struct PendingJournalRow {
    var kind: StaticString
    var subject: Range<Int>
    var payload: Range<Int>
    var exercise: Bool
}

/// A new event with its first call: the report's first-call columns (v5) are written with it, and
/// moved by `touchEventSQL`, as no trigger on `call` keeps them (v6).
struct PendingEvent {
    var id: Int64
    var number: String
    var call: IncomingCall
}

/// A call to store, on event `eventID`: its correlation and record are ranges of `rowBytes`.
struct PendingCall {
    var call: IncomingCall
    var eventID: Int64
    var number: String
    var correlation: JSON
    var correlationBytes: Range<Int>
    var recordBytes: Range<Int>
}

/// The statements that write queued rows, many to a statement: SQLite's cost per statement
/// (cursors opened and freed, the statement halted and reset) was ≈ 3,500 instructions of the
/// ≈ 13,500 a one-row journal insert took (callgrind, 20,000 rows). Rows keep their order, so
/// journal numbers and event ids come out as row-by-row inserts gave them.
struct PendingRows {
    let perStatement: Int
    let oneSQL: String
    let manySQL: String

    init(perStatement: Int, _ sql: (Int) -> String) {
        self.perStatement = perStatement
        oneSQL = sql(1)
        manySQL = sql(perStatement)
    }

    /// ?1…?11 for each row.
    static let event = PendingRows(perStatement: 32) { rows in
        "INSERT OR FAIL INTO event (id, number, opened_at, last_call_at, lat, lon, address, phone, correlation_key, exercise, "
            + "calls, first_received_at, first_answered_at, first_channel) VALUES "
            + (0..<rows).map { r in
                let p = (0..<11).map { "?\(1 + 11 * r + $0)" }
                return "(\(p[0]), \(p[1]), \(p[2]), \(p[2]), \(p[3]), \(p[4]), \(p[5]), \(p[6]), \(p[7]), \(p[8]), 1, \(p[2]), \(p[9]), \(p[10]))"
            }.joined(separator: ", ")
    }
    /// ?1 the operator; then 13 for each row.
    static let call = PendingRows(perStatement: 32) { rows in
        "INSERT INTO call (id, event_id, received_at, answered_at, channel, phone, lat, lon, address, text, correlation, "
            + "record, exercise, operator) VALUES "
            + (0..<rows).map { r in
                "(" + (0..<13).map { "?\(2 + 13 * r + $0)" }.joined(separator: ", ") + ", ?1)"
            }.joined(separator: ", ")
    }
    /// ?1 the time, ?2 the operator; then 4 for each row.
    static let journal = PendingRows(perStatement: 64) { rows in
        "INSERT OR FAIL INTO journal (at, operator, kind, subject, payload, exercise) VALUES "
            + (0..<rows).map { r in
                let b = 3 + 4 * r
                return "(?1, ?2, ?\(b), ?\(b + 1), ?\(b + 2), ?\(b + 3))"
            }.joined(separator: ", ")
    }
}

/// The ids of the queued calls, as a set of bits of their hashes: a call is compared with the
/// queued ones only when both its bits are set (a duplicate, or ≈ 1 in 1,000 others with 2,000
/// queued), which costs far less than hashing each id into a dictionary.
struct PendingIDs {
    private var bits = [UInt64](repeating: 0, count: 1024)
    private var used = false

    /// FNV-1a, then multiplied by 2⁶⁴/φ so that the two 16-bit indexes (the top bits) depend on
    /// every byte: FNV-1a's low bits alone told "GEN-500001" from "GEN-500002" so poorly that 3 %
    /// of sequential ids looked queued, and each such call compared ids with the whole queue.
    static func hash(_ id: String) -> UInt64 { StableHash.fnv1a64(id.utf8) &* 0x9E37_79B9_7F4A_7C15 }

    private static func slots(_ h: UInt64) -> (Int, Int) { (Int(h >> 48), Int((h >> 32) & 0xFFFF)) }

    func mayContain(_ h: UInt64) -> Bool {
        let (a, b) = PendingIDs.slots(h)
        return bits[a >> 6] & (1 << UInt64(a & 63)) != 0 && bits[b >> 6] & (1 << UInt64(b & 63)) != 0
    }

    mutating func insert(_ h: UInt64) {
        let (a, b) = PendingIDs.slots(h)
        bits[a >> 6] |= 1 << UInt64(a & 63)
        bits[b >> 6] |= 1 << UInt64(b & 63)
        used = true
    }

    mutating func removeAll() {
        if used { for i in bits.indices { bits[i] = 0 } }
        used = false
    }
}
