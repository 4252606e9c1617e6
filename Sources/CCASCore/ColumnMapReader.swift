/// Reads a logged CSV file through a `ColumnMap`, one physical line at a time, and gives per
/// call one `call` record followed by its `status` records (one per non-empty unit time, in
/// time order), or the rejected rows with their line and reason.
///
/// Every row is checked whole (id, times, position, phone, unit times); a row with any fault is
/// rejected and the others go on. A call is built from the first accepted row of its group;
/// later rows of the group add their units' statuses.
///
/// Grouping (`group_by`): rows of one call need not be contiguous — in the SF sample 9 of the
/// 1,560 calls have rows up to 414 rows apart. A group stays open until `group_window` data rows
/// (default 1000) have gone by without one of its rows; then it is emitted. Groups are emitted
/// in the order of their first row, so memory stays bounded by the window, not the file. A row
/// arriving for a group already emitted (further apart than the window) gives its statuses
/// alone when the group is still remembered (the last 4 × window groups), else a second call
/// record with the same id, which the store counts as a duplicate.
///
/// Derived ids (`"id": {"derive": "row_hash"}`): prefix + FNV-1a hash of the row's fields, so
/// re-reading the file gives the same ids. Identical rows (the Montgomery sample has 9, each
/// right after its twin: separate calls logged in the same minute) get `-2`, `-3`… in order;
/// a twin further than the window from its first copy gets the first copy's id (a duplicate).
public struct ColumnMapReader {
    public let map: ColumnMap
    private var csv = CSVReader()
    private var header: [String: Int]?
    private var headerError: InputError?

    private struct Group {
        var call: JSON
        var callID: String
        var statuses: [(at: Int64, record: JSON)]
        var lastRow: Int
    }
    private var groups: [String: Group] = [:]
    private var order: [String] = []
    private var head = 0
    private var emitted: Set<String> = []
    private var emittedOrder: [String] = []
    private var recentHashes: [String: (count: Int, lastRow: Int)] = [:]
    private var recentHashOrder: [(hash: String, row: Int)] = []
    private var recentHashHead = 0

    private var receivedReader: TimeReader
    private var answeredReader: TimeReader?
    private var unitReaders: [TimeReader]

    /// Data rows read (the header not counted), accepted or not.
    public private(set) var rowsRead = 0
    public private(set) var rowsRejected = 0
    public private(set) var callsEmitted = 0
    public private(set) var statusesEmitted = 0

    public init(map: ColumnMap) {
        self.map = map
        // The map checked these when it was read.
        receivedReader = try! TimeReader(format: map.receivedAt.format, timeZone: map.receivedAt.timeZone)
        answeredReader = map.answeredAt.map { try! TimeReader(format: $0.format, timeZone: $0.timeZone) }
        unitReaders = (map.units?.times ?? []).map { try! TimeReader(format: $0.column.format, timeZone: $0.column.timeZone) }
    }

    /// Reads one physical line (without "\n"). Throws only when the header does not have the
    /// columns the map names: nothing after it can be read.
    public mutating func read(line: String) throws(InputError) -> [IntakeOutput] {
        if let headerError { throw headerError }
        let record: CSVRecord
        do {
            guard let r = try csv.read(line: line) else { return [] }
            record = r
        } catch {
            if header != nil {
                rowsRead += 1
                rowsRejected += 1
            }
            return [.rejected(error)]
        }
        guard let header else {
            try bind(record)
            return []
        }
        rowsRead += 1
        var out: [IntakeOutput] = []
        do {
            try take(record, header: header, out: &out)
        } catch {
            rowsRejected += 1
            out.append(.rejected(InputError(line: record.line, error.reason, raw: record.raw)))
        }
        flush(olderThan: rowsRead - (map.groupBy == nil ? 0 : map.groupWindow), into: &out)
        return out
    }

    /// Call at the end of the input: emits the groups still open, and reports an unclosed quote.
    public mutating func finish() -> [IntakeOutput] {
        var out: [IntakeOutput] = []
        do { try csv.finish() } catch {
            rowsRejected += 1
            out.append(.rejected(error))
        }
        flush(olderThan: .max, into: &out)
        return out
    }

    private mutating func bind(_ record: CSVRecord) throws(InputError) {
        var index: [String: Int] = [:]
        for (k, name) in record.fields.enumerated() where index[name] == nil {
            index[name.trimmingSpaces()] = k
        }
        let missing = map.columns.filter { index[$0] == nil }
        guard missing.isEmpty else {
            let e = InputError(line: record.line,
                               "the header lacks the column\(missing.count == 1 ? "" : "s") \(missing.map { "\"\($0)\"" }.joined(separator: ", ")) named by the map (the header has \(record.fields.map { "\"\($0)\"" }.joined(separator: ", ")))",
                               raw: record.raw)
            headerError = e
            throw e
        }
        header = index
    }

    private mutating func take(_ record: CSVRecord, header: [String: Int], out: inout [IntakeOutput]) throws(InputError) {
        let fields = record.fields
        func value(_ column: String) -> String {
            let v = fields[header[column]!]
            guard let f = v.utf8.first, let l = v.utf8.last else { return v }
            return f == 0x20 || f == 0x09 || l == 0x20 || l == 0x09 ? v.trimmingSpaces() : v
        }
        func nonEmpty(_ column: String?) -> String? {
            guard let column else { return nil }
            let v = value(column)
            return v.isEmpty ? nil : v
        }
        func time(_ column: ColumnMap.TimeColumn, _ reader: inout TimeReader) throws(InputError) -> Timestamp? {
            guard let text = nonEmpty(column.column) else { return nil }
            do { return try reader.read(text) } catch {
                throw InputError("\"\(column.column)\" is \"\(text)\", expected \(reader.expected) (\(error.reason))")
            }
        }

        // Identity and group.
        let id: String
        switch map.identity {
        case .column(let column, let prefix):
            guard let v = nonEmpty(column) else { throw InputError("missing id: \"\(column)\" is empty") }
            id = prefix + v
        case .rowHash(let prefix):
            let hash = StableHash.hex(parts: fields)
            let seen = (recentHashes[hash]?.count ?? 0) + 1
            recentHashes[hash] = (seen, rowsRead)
            recentHashOrder.append((hash, rowsRead))
            id = prefix + hash + (seen > 1 ? "-\(seen)" : "")
        }
        let groupKey: String
        if let g = map.groupBy {
            guard let v = nonEmpty(g) else { throw InputError("missing group key: \"\(g)\" is empty") }
            groupKey = v
        } else {
            groupKey = id
        }

        // The call's fields, checked on every row.
        guard let received = try time(map.receivedAt, &receivedReader) else {
            throw InputError("\"\(map.receivedAt.column)\" is empty: a call needs the time it came in")
        }
        var answered: Timestamp?
        if let column = map.answeredAt, var reader = answeredReader {
            answered = try time(column, &reader)
            answeredReader = reader
        }
        var coordinate: Coordinate?
        if let column = map.location, let text = nonEmpty(column) {
            coordinate = try position(Geo.parsePair(text, allowNullIsland: map.dropNullIsland), column: column)
        } else if let latColumn = map.lat, let lonColumn = map.lon {
            let la = nonEmpty(latColumn), lo = nonEmpty(lonColumn)
            if la != nil || lo != nil {
                guard let la, let lo else {
                    throw InputError("\"\(la == nil ? latColumn : lonColumn)\" is empty but \"\(la == nil ? lonColumn : latColumn)\" is not")
                }
                coordinate = try position(Geo.coordinate(lat: la, lon: lo, allowNullIsland: map.dropNullIsland),
                                          column: "\(latColumn)\"/\"\(lonColumn)")
            }
        }
        if map.dropNullIsland, let c = coordinate, abs(c.lat) < 1e-6, abs(c.lon) < 1e-6 { coordinate = nil }
        var phone: String?
        if let raw = nonEmpty(map.callerPhone) {
            switch Phone.normalise(raw, defaultCountry: map.phoneCountry) {
            case .success(let p): phone = p
            case .failure(let e): throw InputError("\"\(map.callerPhone!)\": \(e.reason)")
            }
        }

        // The units' statuses.
        var statuses: [(at: Int64, record: JSON)] = []
        if let units = map.units {
            let unit = nonEmpty(units.id)
            for (k, entry) in units.times.enumerated() {
                guard let at = try time(entry.column, &unitReaders[k]) else { continue }
                guard let unit else { throw InputError("\"\(units.id)\" is empty but \"\(entry.column.column)\" has a time") }
                var status: JSONObject = ["kind": "status", "v": 1, "unit": .string(unit)]
                if let type = nonEmpty(units.type) { status["unit_type"] = .string(type) }
                status["status"] = .string(entry.status)
                status["at"] = .string(at.iso8601)
                status["call_id"] = .string(id)
                status["source"] = .string(map.system)
                statuses.append((at.milliseconds, .object(status)))
            }
        }

        if var group = groups[groupKey] {
            group.statuses += statuses
            group.lastRow = rowsRead
            groups[groupKey] = group
            return
        }
        if emitted.contains(groupKey) {
            // A straggler of a call already emitted: its statuses alone.
            for s in statuses.sorted(by: { $0.at < $1.at }) { out.append(.record(s.record)) }
            statusesEmitted += statuses.count
            return
        }

        var call: JSONObject = ["kind": "call", "v": 1, "id": .string(id), "received_at": .string(received.iso8601)]
        if let answered { call["answered_at"] = .string(answered.iso8601) }
        call["channel"] = .string(map.channel)
        var caller = JSONObject()
        if let phone { caller["phone"] = .string(phone) }
        if let name = nonEmpty(map.callerName) { caller["name"] = .string(name) }
        if !caller.isEmpty { call["caller"] = .object(caller) }
        var location = JSONObject()
        if let a = nonEmpty(map.address) { location["address"] = .string(a) }
        if let c = nonEmpty(map.city) { location["city"] = .string(c) }
        if let coordinate {
            location["lat"] = .double(coordinate.lat, places: 7)
            location["lon"] = .double(coordinate.lon, places: 7)
        }
        if !location.isEmpty {
            location["source"] = .string(map.system)
            call["location"] = .object(location)
        }
        let text = map.text.compactMap { nonEmpty($0) }
        if !text.isEmpty { call["text"] = .string(text.joined(separator: " — ")) }
        if let hint = nonEmpty(map.natureHint) { call["nature_hint"] = .string(hint) }
        if let key = nonEmpty(map.eventKey) { call["correlation_key"] = .string("\(map.system):\(key)") }
        var source: JSONObject = ["system": .string(map.system)]
        for k in map.keep {
            if let v = nonEmpty(k.column) { source[k.key] = .string(v) }
        }
        source["line"] = .int(record.line)
        call["source"] = .object(source)

        groups[groupKey] = Group(call: .object(call), callID: id, statuses: statuses, lastRow: rowsRead)
        order.append(groupKey)
    }

    private func position(_ result: Result<Coordinate, InputError>, column: String) throws(InputError) -> Coordinate {
        switch result {
        case .success(let c): return c
        case .failure(let e): throw InputError("bad coordinates in \"\(column)\": \(e.reason)")
        }
    }

    /// Emits, in order of first row, the open groups whose last row is at or before `row`;
    /// stops at the first that is still open, so output follows the input's order.
    private mutating func flush(olderThan row: Int, into out: inout [IntakeOutput]) {
        while head < order.count {
            let key = order[head]
            guard let group = groups[key], group.lastRow <= row else { break }
            head += 1
            groups[key] = nil
            out.append(.record(group.call))
            callsEmitted += 1
            // Stable sort: statuses at the same instant keep the map's order (alerted before en route).
            let sorted = group.statuses.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            for s in sorted { out.append(.record(s.element.record)) }
            statusesEmitted += group.statuses.count
            if map.groupBy != nil {
                emitted.insert(key)
                emittedOrder.append(key)
            }
        }
        if head > 4096, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
        let memory = 4 * map.groupWindow
        if emittedOrder.count > 2 * memory {
            for key in emittedOrder.prefix(emittedOrder.count - memory) { emitted.remove(key) }
            emittedOrder.removeFirst(emittedOrder.count - memory)
        }
        // Forget row hashes older than the window.
        while recentHashHead < recentHashOrder.count, recentHashOrder[recentHashHead].row <= rowsRead - map.groupWindow {
            let old = recentHashOrder[recentHashHead]
            if recentHashes[old.hash]?.lastRow == old.row { recentHashes[old.hash] = nil }
            recentHashHead += 1
        }
        if recentHashHead > 4096, recentHashHead * 2 > recentHashOrder.count {
            recentHashOrder.removeFirst(recentHashHead)
            recentHashHead = 0
        }
    }
}
