import CCASCore
import CCASStore
import Foundation

/// An input record with where it came from, for diagnostics.
public struct InputRecord {
    public var record: JSONObject
    public var file: String
    public var line: Int
    /// What `prepare` read of the record for the store, so that `process` need not read it again.
    public var item: IntakeItem?
    /// Whether the stored copy of the record (`item`'s JSON) can be printed with fields added at
    /// its end: it has none of the fields the intake adds.
    public var extendable = false
    public init(record: JSONObject, file: String, line: Int, item: IntakeItem? = nil) {
        self.record = record
        self.file = file
        self.line = line
        self.item = item
    }
    public var place: String { "\(Diagnostics.displayName(file)):\(line)" }
}

/// The loop every record-reading program runs: read each input, decode its lines, report and
/// keep the bad ones, hand the good ones to `process` in batches, write what it returns.
///
/// A batch closes when it is full or when the input has nothing more ready, so a batch job
/// gets large transactions and a live pipeline sees each record as soon as it arrives.
///
/// `pipelined`: each batch is stored and printed on a second thread while the next ones are read
/// and prepared (up to two handed over, stored in turn: the output is in input order).
/// For `ccas-intake`, reading and preparing a call costs about half of what storing it does.
/// `beforePrinting` (the intake: make the batch's commit durable, Store.syncCommitted) runs on
/// a third thread while the next batch is stored, and the batch is printed after it, before
/// the next one is — at once when no next batch is waiting, so a live pipeline waits for nothing.
/// (Printing on that third thread instead cost more than it saved on two cores: the records
/// moved between caches.)
public final class RecordStream: @unchecked Sendable {
    public let input: InputOptions
    public let diagnostics: Diagnostics
    public let output: RecordWriter
    public var batchSize = 2_000
    public var pipelined = false
    public var beforePrinting: (@Sendable () throws -> Void)?
    public private(set) var read = 0
    private var pending: [InputRecord] = []
    // Written by the batch thread when pipelined: read and written under `lock`.
    private let lock = NSLock()
    private var _failure: Error?
    private var _stopped = false
    private var _pipeClosed = false
    private var failure: Error? {
        get { lock.withLock { _failure } }
        set { lock.withLock { _failure = newValue } }
    }
    private var stopped: Bool {
        get { lock.withLock { _stopped } }
        set { lock.withLock { _stopped = newValue } }
    }
    private var pipeClosed: Bool { lock.withLock { _pipeClosed } }
    private let batchThread = DispatchQueue(label: "ccas.record-stream.batch")
    private let syncThread = DispatchQueue(label: "ccas.record-stream.sync")
    /// A batch stored, printed once `beforePrinting` is done (batch thread only).
    private var unprinted: Unprinted?
    /// The reading thread has the next batch and waits to hand it over (under `lock`).
    private var _handing = false
    /// A permit per batch that may be handed to the batch thread: two, so the reading thread can
    /// prepare a batch ahead and the batch thread seldom waits for it (2.8 s of a 26 s intake did
    /// with one, threads sharing two cores).
    private static let ahead = 2
    private let idle = DispatchSemaphore(value: ahead)
    /// The batches handed over, in turn: the reading thread fills a slot once the batch it held
    /// before is stored (its permit came back), so the records are freed on that thread.
    private let slots = (0..<ahead).map { _ in BatchSlot() }
    private var handed = 0
    /// Batches handed over and not yet begun (under `lock`).
    private var _queued = 0
    /// What processes the batches: set once by `run` before any is handed over.
    private var inFlightProcess: (([InputRecord]) throws -> [OutputRecord])?
    /// Checks one record as soon as it is read, so its diagnostic comes in input order;
    /// returns nil when it rejected the record.
    private var prepare: ((InputRecord) -> InputRecord?)?

    public init(input: InputOptions, diagnostics: Diagnostics, output: RecordWriter) {
        self.input = input
        self.diagnostics = diagnostics
        self.output = output
    }

    /// Runs to the end of every input. `process` returns the records to print for a batch; it
    /// may report bad records itself through `diagnostics.reject`. Throws what `process` threw.
    public func run(
        decoder makeDecoder: () -> any RecordDecoder,
        prepare: ((InputRecord) -> InputRecord?)? = nil,
        process: @escaping ([InputRecord]) throws -> [JSONObject]
    ) throws {
        try run(decoder: makeDecoder, prepare: prepare, printing: { try process($0).map(OutputRecord.object) })
    }

    /// `run`, for a `process` that returns records some of which are already rendered.
    public func run(
        decoder makeDecoder: () -> any RecordDecoder,
        prepare: ((InputRecord) -> InputRecord?)? = nil,
        printing process: @escaping ([InputRecord]) throws -> [OutputRecord]
    ) throws {
        self.prepare = prepare
        inFlightProcess = process
        for source in input.sources {
            if stopped { break }
            let fd = try RecordStream.open(source, diagnostics)
            defer { if fd != 0 { close(fd) } }
            var decoder = makeDecoder()
            var lines = LineReader(fd: fd, maxLineBytes: input.maxLineBytes)
            lines.beforeRead = { [unowned self] in
                // Close the batch when nothing more is waiting: live pipelines stay live.
                if !self.pending.isEmpty, !RecordStream.inputReady(fd) { self.flushBatch(process) }
                // (A pipelined batch flushes its own output.)
                if !self.pipelined, !RecordStream.inputReady(fd) { self.output.flush() }
            }
            lines.forEachLine { line, number, problem in
                if let problem, case .tooLong(let limit) = problem {
                    diagnostics.reject("line longer than \(limit) bytes (raise --max-line-bytes)", file: source, line: number, raw: Array(line))
                    if input.strict { stopped = true }
                    return !stopped && failure == nil
                }
                take(decoder.decode(line: line, number: number), source: source, process: process)
                return !stopped && failure == nil && !pipeClosed
            }
            if lines.readError != 0 {
                diagnostics.error("cannot read \(Diagnostics.displayName(source)): \(String(cString: strerror(lines.readError)))")
                flushBatch(process)
                drain()
                if let failure { throw failure }
                throw ExitCodeError.io
            }
            if !stopped { take(decoder.finish(), source: source, process: process) }
            flushBatch(process)
            drain()
            if let failure { throw failure }
            if pipeClosed { return }
        }
        flushBatch(process)
        drain()
        output.flush()
        if let failure { throw failure }
    }

    /// Waits for the batch in flight, if any, and its printing.
    private func drain() {
        guard pipelined else { return }
        for _ in 0..<RecordStream.ahead { idle.wait() }
        for _ in 0..<RecordStream.ahead { idle.signal() }
        batchThread.sync { printUnprinted() }
    }

    private func take(_ items: [DecodedItem], source: String, process: @escaping ([InputRecord]) throws -> [OutputRecord]) {
        for item in items {
            switch item {
            case .record(let record, let line):
                read += 1
                var input = InputRecord(record: record, file: source, line: line)
                if let prepare {
                    guard let prepared = prepare(input) else {
                        if self.input.strict { stopped = true; return }
                        continue
                    }
                    input = prepared
                }
                pending.append(input)
                if pending.count >= batchSize { flushBatch(process) }
            case .bad(let reason, let line, let raw):
                diagnostics.reject(reason, file: source, line: line, raw: raw)
                if input.strict { stopped = true; return }
            }
        }
    }

    private func flushBatch(_ process: @escaping ([InputRecord]) throws -> [OutputRecord]) {
        guard !pending.isEmpty, failure == nil else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        guard pipelined else {
            store(batch, process)
            return
        }
        lock.withLock { _handing = true }
        idle.wait()  // the batch `ahead` before is stored (and printed, or printed after the next one is stored)
        lock.withLock { _handing = false }
        guard failure == nil, !pipeClosed else { idle.signal(); return }
        // The batch thread only reads the slot: the batch it held is released here, so the
        // reading thread pays for freeing its records (≈ 9,000 instructions a call).
        let slot = slots[handed % RecordStream.ahead]
        handed += 1
        slot.records = batch
        lock.withLock { _queued += 1 }
        // Unowned: the reading thread owns the stream, hence the store, and releases it at the end
        // (closing the store checkpoints its WAL); the batch thread must not hold the last reference.
        batchThread.async { [unowned self] in
            store(slot.records, inFlightProcess!)
            idle.signal()
        }
    }

    /// Stores the batch and prints it (see the type's comment for when). A SIGINT/SIGTERM from
    /// the start of the batch until its last record is on standard output waits for both, then
    /// ends the program with 130/143: nothing is half written, nothing stored goes unprinted. A
    /// stop asked before the batch began leaves it unstored.
    private func store(_ batch: [InputRecord], _ process: ([InputRecord]) throws -> [OutputRecord]) {
        if pipelined { lock.withLock { _queued -= 1 } }
        guard Terminal.beginFinishing() else { return printUnprinted() }
        var records: [OutputRecord] = []
        do {
            records = try process(batch)
            if input.strict, diagnostics.rejected > 0 { stopped = true }
        } catch {
            failure = error
        }
        printUnprinted()  // the batch before: its beforePrinting ran while this one was stored
        guard pipelined, let beforePrinting, failure == nil, !records.isEmpty else {
            return printBatch(records, prepared: false)
        }
        let stored = Unprinted(records)
        syncThread.async { stored.prepare(beforePrinting) }
        unprinted = stored
        // Printed now unless another batch is coming at once: a live pipeline waits for nothing.
        if !lock.withLock({ _queued > 0 || _handing }) { printUnprinted() }
    }

    private func printUnprinted() {
        guard let stored = unprinted else { return }
        unprinted = nil
        stored.done.wait()
        if let error = stored.error, failure == nil { failure = error }
        printBatch(stored.records, prepared: true)
    }

    private func printBatch(_ records: [OutputRecord], prepared: Bool) {
        do {
            if !prepared, failure == nil, !records.isEmpty { try beforePrinting?() }
            // After a failure (this batch's or one before it) nothing more is printed: a commit
            // after a failed sync may not be on the disk.
            if failure == nil { for record in records { output.write(record) } }
        } catch {
            failure = error
        }
        output.flush()
        if output.pipeClosed { lock.withLock { _pipeClosed = true } }
        Terminal.endFinishing()
        Terminal.stopIfAsked { signal in
            diagnostics.note("stopped by \(Terminal.signalName(signal)) after a whole batch: every record printed was stored (or spooled)")
        }
    }

    /// The descriptor to read `source` from (`-`: standard input, 0); an error said and exit 74
    /// when it cannot be opened.
    static func open(_ source: String, _ diagnostics: Diagnostics) throws -> Int32 {
        guard source != "-" else { return 0 }
        let fd = Glibc.open(source, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            diagnostics.error("cannot read \(source): \(String(cString: strerror(errno)))")
            throw ExitCodeError.io
        }
        return fd
    }

    /// True when reading `fd` would not block (a regular file always is).
    static func inputReady(_ fd: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) > 0
    }
}

/// Errors that only carry an exit code: their message was already printed.
public enum ExitCodeError: Error {
    case io
    case data
    case tryAgain
    public var code: Int32 {
        switch self {
        case .io: ExitStatus.ioError
        case .data: ExitStatus.dataError
        case .tryAgain: ExitStatus.tryAgain
        }
    }
}

/// A batch handed to the batch thread (RecordStream.slots).
private final class BatchSlot: @unchecked Sendable {
    var records: [InputRecord] = []
}

/// A stored batch's records, and `beforePrinting` run for them on the sync thread.
private final class Unprinted: @unchecked Sendable {
    let records: [OutputRecord]
    let done = DispatchSemaphore(value: 0)
    private(set) var error: Error?
    init(_ records: [OutputRecord]) { self.records = records }
    func prepare(_ body: () throws -> Void) {
        do { try body() } catch { self.error = error }
        done.signal()
    }
}
