import CCASCore
import CCASRules
import Foundation
import Synchronization

// ccas-bench fuzz TARGET N [SEED] [--replay FILE] [--hang-seconds S]
//
// Mutates real inputs (the shared data, the corpus, the examples, the built-in référentiel) and
// runs each one through a reader in process. Checks: no crash, no hang, every rejection with a
// reason (and a line inside the input where the reader has lines), and every accepted record
// survives emit → parse unchanged. Targets: ndjson, csv, aml, ecall, eido, referentiel, fail-if.
//
// A crash or a hang writes the input to fuzz-crash-TARGET.bin (replay it with --replay); a
// property failure writes fuzz-fail-TARGET-K.bin and makes the run exit 1.

/// The input being run, copied where a signal handler can reach it.
nonisolated(unsafe) private var fuzzCurrent = UnsafeMutablePointer<UInt8>.allocate(capacity: FuzzMutator.maxBytes * 4 + 65_536)
nonisolated(unsafe) private var fuzzCurrentCount = 0
nonisolated(unsafe) private var fuzzCrashPath: UnsafeMutablePointer<CChar>? = nil
/// When the current input started (uptime ns), 0 between inputs: the watchdog's clock.
private let fuzzStartedAt = Atomic<UInt64>(0)

private func fuzzNow() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Saves the current input and dies with the same signal, so the shell sees the crash.
private func saveCurrentInput(_ message: StaticString) {
    message.withUTF8Buffer { _ = write(2, $0.baseAddress, $0.count) }
    if let path = fuzzCrashPath {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd >= 0 {
            _ = write(fd, fuzzCurrent, fuzzCurrentCount)
            close(fd)
        }
    }
}

private func installCrashHandlers(target: String, hangSeconds: Double) {
    fuzzCrashPath = strdup("fuzz-crash-\(target).bin")
    for sig in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT] {
        signal(sig) { sig in
            saveCurrentInput("fuzz: CRASH, input saved in fuzz-crash-TARGET.bin\n")
            signal(sig, SIG_DFL)
            raise(sig)
        }
    }
    // The watchdog: an input running longer than the bound is a hang.
    let limit = UInt64(hangSeconds * 1e9)
    Thread.detachNewThread {
        while true {
            usleep(200_000)
            let started = fuzzStartedAt.load(ordering: .relaxed)
            if started != 0, fuzzNow() &- started > limit {
                saveCurrentInput("fuzz: HANG, input saved in fuzz-crash-TARGET.bin\n")
                _exit(3)
            }
        }
    }
}

// MARK: mutation

/// Byte-level mutations of real seeds, with tokens that have broken parsers before.
struct FuzzMutator {
    static let maxBytes = 1 << 18
    var rng: SplitMix
    let dictionary: [[UInt8]]

    static let commonTokens: [String] = [
        "{\"", "\"}", "[", "]", "{", "}", ",", ":", "\"", "\\", "\\\"", "\\u0000", "\\ud800", "\\udc00", "\\ud83d\\ude00",
        "\\uDBFF\\uDFFF", "\\u00e9", "\\x", "\\", "1e999", "-1e999", "1e-999", "-0", "0.0", "1E400", "NaN", "Infinity", "-Infinity",
        "123456789012345678901234567890", "-9223372036854775809", "9223372036854775807", "18446744073709551616",
        "0.000000000000000000000000000001", "1.7976931348623157e308", "4.9e-324", "null", "true", "false", "[]", "{}",
        "\"\"", "\r\n", "\n", "\r", "\t", "\u{0}", " ", "\u{FEFF}", "é", "e\u{301}", "\u{202E}", "𝕏", "🚑", "\u{85}", "\u{2028}",
        "2026-02-30T25:61:61Z", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "+14:00", "-12:00", "Z", "T",
        "2026-11-29T04:15:30.123456789+01:00", "99999999999", "-99999999999", "1.5e300", "%s", "%n", "'", ";", "--",
        "../", "/", "$(", "`", "&", "*", "!", "|", ">", "<", "#", "-", "=", "==", "!=", ">=", "<=", "@", ".",
    ]

    init(seed: UInt64, tokens: [String]) {
        rng = SplitMix(seed: seed)
        dictionary = (FuzzMutator.commonTokens + tokens).map { Array($0.utf8) }
    }

    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(rng.next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// A small number, mostly 1–4, sometimes large.
    mutating func smallCount() -> Int { chance(90) ? 1 + below(4) : 1 + below(64) }

    mutating func mutate(_ seed: [UInt8], others: [[UInt8]]) -> [UInt8] {
        var b = seed
        let rounds = chance(20) ? 0 : 1 + below(chance(70) ? 3 : 12)
        for _ in 0..<rounds {
            step(&b, others: others)
            if b.count > FuzzMutator.maxBytes { b.removeLast(b.count - FuzzMutator.maxBytes) }
        }
        return b
    }

    private mutating func step(_ b: inout [UInt8], others: [[UInt8]]) {
        let at = below(b.count + 1)
        switch below(16) {
        case 0:  // flip a bit
            if !b.isEmpty { b[below(b.count)] ^= UInt8(1 << below(8)) }
        case 1:  // an interesting byte
            let interesting: [UInt8] = [0, 0xFF, 0x7F, 0x80, 0xC0, 0xE0, 0xF0, 0x22, 0x5C, 0x0A, 0x0D, 0x2C, 0x3A, 0x7B, 0x7D, 0x5B, 0x5D, 0x20, 0x09, 0x3B, 0x3D]
            if !b.isEmpty { b[below(b.count)] = interesting[below(interesting.count)] }
        case 2:  // random bytes inserted
            b.insert(contentsOf: (0..<smallCount()).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: at)
        case 3, 4:  // a range deleted
            if !b.isEmpty {
                let n = min(smallCount() * (chance(30) ? 16 : 1), b.count - min(at, b.count))
                b.removeSubrange(min(at, b.count)..<min(at, b.count) + n)
            }
        case 5:  // a range duplicated
            if !b.isEmpty {
                let from = below(b.count), n = min(1 + below(64), b.count - from)
                b.insert(contentsOf: b[from..<from + n], at: at)
            }
        case 6:  // spliced with another seed
            if let other = others.isEmpty ? nil : others[below(others.count)], !other.isEmpty {
                let from = below(other.count)
                let n = min(1 + below(512), other.count - from)
                if chance(50) { b.insert(contentsOf: other[from..<from + n], at: at) } else { b = Array(b[..<at]) + other[from...] }
            }
        case 7:  // truncated
            b.removeSubrange(at...)
        case 8, 9, 10:  // a dictionary token inserted or written over
            let token = dictionary[below(dictionary.count)]
            if chance(50) || at >= b.count { b.insert(contentsOf: token, at: at) } else {
                b.replaceSubrange(at..<min(b.count, at + token.count), with: token)
            }
        case 11:  // deep nesting
            let opener: [[UInt8]] = [Array("[".utf8), Array("{\"a\":".utf8), Array("- ".utf8), Array("a:\n ".utf8), Array("[{".utf8)]
            let o = opener[below(opener.count)]
            let depth = chance(50) ? 500 + below(40) : 1 + below(chance(10) ? 5000 : 100)
            var nest: [UInt8] = []
            nest.reserveCapacity(o.count * depth)
            for _ in 0..<depth { nest += o }
            b.insert(contentsOf: nest, at: at)
        case 12:  // a long run (long lines, long fields, huge numbers)
            let byte: [UInt8] = [0x39, 0x61, 0x20, 0x22, 0x2C, 0x5C, 0xC3]
            b.insert(contentsOf: repeatElement(byte[below(byte.count)], count: chance(20) ? 4000 + below(10_000) : 1 + below(600)), at: at)
        case 13:  // line endings: CRLF everywhere, or a bare CR
            if chance(50) {
                var out: [UInt8] = []
                out.reserveCapacity(b.count + 64)
                for c in b { if c == 0x0A { out.append(0x0D) }; out.append(c) }
                b = out
            } else { b.insert(0x0D, at: at) }
        case 14:  // a byte-order mark
            b.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: chance(70) ? 0 : at)
        default:  // invalid UTF-8
            let bad: [[UInt8]] = [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xFE], [0xC3], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80]]
            b.insert(contentsOf: bad[below(bad.count)], at: at)
        }
    }
}

// MARK: the run

/// What one input did.
enum FuzzOutcome {
    case accepted(Int)
    case rejected(Int)
    case mixed(accepted: Int, rejected: Int)
}

/// A broken promise: the reader took the input but said something false about it.
struct FuzzFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// One reader under test: its seeds and how to run one input through it.
protocol FuzzTarget {
    var tokens: [String] { get }
    /// A new input: a mutated seed (or seeds).
    mutating func next(_ m: inout FuzzMutator) -> [UInt8]
    /// Runs the input; throws a failure when a property does not hold.
    func run(_ input: [UInt8]) throws(FuzzFailure) -> (accepted: Int, rejected: Int)
}

func fuzzMain(_ arguments: [String]) {
    var args = arguments
    func option(_ name: String) -> String? {
        guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
        defer { args.removeSubrange(i...(i + 1)) }
        return args[i + 1]
    }
    let replay = option("--replay")
    let hangSeconds = option("--hang-seconds").flatMap(Double.init) ?? 10
    guard let name = args.first, var target = makeFuzzTarget(name) else {
        FileHandle.standardError.write("usage: ccas-bench fuzz ndjson|csv|aml|ecall|eido|referentiel|fail-if N [SEED] [--replay FILE] [--hang-seconds S]\n".data(using: .utf8)!)
        exit(64)
    }
    installCrashHandlers(target: name, hangSeconds: hangSeconds)

    if let replay {
        guard let data = FileManager.default.contents(atPath: replay) else { fatalError("cannot read \(replay)") }
        do {
            let r = try target.run([UInt8](data))
            print("{\"fuzz\":\"\(name)\",\"replay\":\"\(replay)\",\"accepted\":\(r.accepted),\"rejected\":\(r.rejected)}")
        } catch {
            print("fuzz \(name): \(error)")
            exit(1)
        }
        return
    }

    let count = args.count > 1 ? Int(args[1]) ?? 1000 : 1000
    let seed = args.count > 2 ? UInt64(args[2]) ?? 1 : 1
    var mutator = FuzzMutator(seed: seed, tokens: target.tokens)
    var accepted = 0, rejected = 0, failures = 0, inputs = 0
    var slowest: UInt64 = 0
    var slowestInput: [UInt8] = []
    let t0 = fuzzNow()
    for _ in 0..<count {
        let input = target.next(&mutator)
        input.withUnsafeBufferPointer { fuzzCurrent.update(from: $0.baseAddress!, count: min($0.count, FuzzMutator.maxBytes * 4 + 65_536)) }
        fuzzCurrentCount = input.count
        let started = fuzzNow()
        fuzzStartedAt.store(started, ordering: .relaxed)
        do {
            let r = try target.run(input)
            accepted += r.accepted
            rejected += r.rejected
        } catch {
            failures += 1
            if failures <= 10 {
                let path = "fuzz-fail-\(name)-\(failures).bin"
                _ = FileManager.default.createFile(atPath: path, contents: Data(input))
                FileHandle.standardError.write("fuzz \(name): FAILURE (\(path)): \(error)\n".data(using: .utf8)!)
            }
        }
        let took = fuzzNow() - started
        fuzzStartedAt.store(0, ordering: .relaxed)
        if took > slowest {
            slowest = took
            slowestInput = input
        }
        inputs += 1
    }
    let seconds = Double(fuzzNow() - t0) / 1e9
    _ = FileManager.default.createFile(atPath: "fuzz-slowest-\(name).bin", contents: Data(slowestInput))
    print("{\"fuzz\":\"\(name)\",\"inputs\":\(inputs),\"seed\":\(seed),\"seconds\":\(String(format: "%.1f", seconds)),\"accepted\":\(accepted),\"rejected\":\(rejected),\"failures\":\(failures),\"crashes\":0,\"hangs\":0,\"slowest_ms\":\(String(format: "%.2f", Double(slowest) / 1e6)),\"slowest_bytes\":\(slowestInput.count)}")
    if failures > 0 { exit(1) }
}

func makeFuzzTarget(_ name: String) -> (any FuzzTarget)? {
    switch name {
    case "ndjson": NDJSONFuzz()
    case "csv": CSVFuzz()
    case "aml": AMLFuzz()
    case "ecall": DocumentFuzz(kind: .ecall)
    case "eido": DocumentFuzz(kind: .eido)
    case "referentiel": ReferentielFuzz()
    case "fail-if": ThresholdFuzz()
    default: nil
    }
}

// MARK: seeds

/// Where seeds are read: the package root (cwd or CCAS_ROOT) and the shared data beside it.
enum FuzzSeeds {
    static let root = ProcessInfo.processInfo.environment["CCAS_ROOT"] ?? FileManager.default.currentDirectoryPath
    static let shared = ProcessInfo.processInfo.environment["CCAS_SHARED"] ?? root + "/../shared"

    static func file(_ path: String) -> [UInt8]? {
        for base in [root, shared, shared + "/data", "/work/shared", "/work/shared/data"] {
            if let d = FileManager.default.contents(atPath: base + "/" + path) { return [UInt8](d) }
        }
        return nil
    }

    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: true).map { Array($0) }
    }
}

private func fuzzCheckReason(_ reason: String, _ what: String) throws(FuzzFailure) {
    if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw FuzzFailure("\(what): a rejection without a reason") }
}

/// An accepted record: emit → parse gives it back; the normaliser either rejects it with a
/// reason or gives a call that emits and parses back too, and that it leaves as it is.
private func fuzzCheckRecord(_ value: JSON, normaliser: CallNormaliser, normalise: Bool) throws(FuzzFailure) -> Bool {
    let text = JSONWriter.string(value)
    let back: JSON
    do { back = try JSONParser.parse(text) } catch { throw FuzzFailure("emitted record does not parse (\(error)): \(text.prefix(300))") }
    if back != value { throw FuzzFailure("parse(emit(x)) != x for \(text.prefix(300))") }
    guard normalise else { return true }
    switch normaliser.normalise(value) {
    case .failure(let e):
        try fuzzCheckReason(e.reason, "normaliser")
        return false
    case .success(let call):
        let callText = JSONWriter.string(call)
        guard let again = try? JSONParser.parse(callText), again == call else {
            throw FuzzFailure("normalised call does not round-trip: \(callText.prefix(300))")
        }
        switch normaliser.normalise(call) {
        case .success(let twice) where twice == call: return true
        case .success(let twice): throw FuzzFailure("normalising twice changes the call: \(callText.prefix(300)) → \(JSONWriter.string(twice).prefix(300))")
        case .failure(let e): throw FuzzFailure("the normaliser rejects its own output (\(e.reason)): \(callText.prefix(300))")
        }
    }
}

// MARK: NDJSON: LineReader + JSONParser + NDJSONDecoder + CallNormaliser

struct NDJSONFuzz: FuzzTarget {
    let tokens = ["\"kind\":\"call\"", "\"v\":1", "\"id\":", "\"received_at\":", "\"channel\":\"phone\"", "\"caller\":{\"phone\":",
                  "\"location\":{\"lat\":", "\"lon\":", "\"text\":", "+33612345678", "0612345678", "\"status\"", "1767225600"]
    var seeds: [[UInt8]] = []
    let normaliser = CallNormaliser()
    /// A file the LineReader reads each input from (the reader wants a descriptor).
    let fd: Int32
    static let maxLine = 4096

    init() {
        for path in ["corpus/dev-calls.ndjson", "examples/inputs/calls.ndjson"] {
            guard let b = FuzzSeeds.file(path) else { continue }
            for line in FuzzSeeds.lines(b) {
                // The corpus has texts, not calls: made calls so that most inputs get past the normaliser.
                guard var o = (try? JSONParser.parse(line))?.objectValue else { continue }
                if o["received_at"] == nil {
                    o["kind"] = "call"
                    o["received_at"] = .string(Timestamp(milliseconds: 1_767_225_600_000 + Int64(seeds.count) * 61_000).iso8601)
                    o["channel"] = "phone"
                    o["caller"] = ["phone": .string("+3361234\(1000 + seeds.count)")]
                }
                seeds.append(Array(JSONWriter.string(.object(o)).utf8))
            }
        }
        seeds.append(Array(#"{"kind":"call","v":1,"id":"GEN-1","received_at":"2026-01-01T00:00:31.123Z","channel":"phone","caller":{"phone":"+33612340042"},"location":{"address":"12 rue de la Paix, Paris","lat":48.861234,"lon":2.301234},"text":"odeur de gaz dans la cage d'escalier"}"#.utf8))
        seeds.append(Array(#"{"id":"x","received_at":1767225600,"channel":"sms","caller":{"phone":"06 12 34 56 78"},"location":{"lat":"48.85","lon":"2.35"},"text":"feu"}"#.utf8))
        let path = NSTemporaryDirectory() + "ccas-fuzz-\(getpid()).ndjson"
        fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        unlink(path)
    }

    mutating func next(_ m: inout FuzzMutator) -> [UInt8] {
        var lines: [UInt8] = []
        for k in 0..<(1 + m.below(4)) {
            if k > 0 { lines.append(0x0A) }
            lines += seeds[m.below(seeds.count)]
        }
        if m.chance(50) { lines.append(0x0A) }
        return m.mutate(lines, others: seeds)
    }

    /// The lines as LineReader promises them: BOM dropped at the start, split on LF, a CR
    /// before the LF dropped, a last line without LF kept, over-long lines flagged.
    static func expectedLines(_ input: [UInt8]) -> [[UInt8]] {
        var body = input[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var out = body.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        if body.last == 0x0A || body.isEmpty { out.removeLast() }
        return out.map { $0.last == 0x0D ? Array($0.dropLast()) : $0 }
    }

    func run(_ input: [UInt8]) throws(FuzzFailure) -> (accepted: Int, rejected: Int) {
        _ = ftruncate(fd, 0)
        _ = input.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        lseek(fd, 0, SEEK_SET)
        let expected = NDJSONFuzz.expectedLines(input)
        var reader = LineReader(fd: fd, maxLineBytes: NDJSONFuzz.maxLine, chunk: 4096)
        var decoder = NDJSONDecoder()
        var accepted = 0, rejected = 0
        var seen = 0
        var failure: FuzzFailure?
        reader.forEachLine { line, number, problem in
            seen += 1
            guard number == seen, number <= expected.count else {
                failure = FuzzFailure("LineReader: line number \(number) after \(seen - 1) lines (\(expected.count) expected)")
                return false
            }
            let want = expected[number - 1]
            if let problem {
                // A line of exactly the limit plus its CR may be taken as over-long.
                guard case .tooLong = problem, want.count >= NDJSONFuzz.maxLine, Array(line) == Array(want.prefix(line.count)), line.count == min(256, want.count) else {
                    failure = FuzzFailure("LineReader: line \(number) flagged \(problem) but it has \(want.count) bytes")
                    return false
                }
                rejected += 1
                return true
            }
            guard want.count <= NDJSONFuzz.maxLine + 1, Array(line) == want else {
                failure = FuzzFailure("LineReader: line \(number) is \(line.count) bytes, expected \(want.count) bytes\(want.count > NDJSONFuzz.maxLine ? " (over the limit)" : "")")
                return false
            }
            for item in decoder.decode(line: line, number: number) {
                switch item {
                case .bad(let reason, let n, _):
                    if reason.isEmpty || n != number { failure = FuzzFailure("line \(number): a rejection without a reason or at line \(n)"); return false }
                    rejected += 1
                case .record(let object, let n):
                    if n != number { failure = FuzzFailure("line \(number): a record said to be at line \(n)"); return false }
                    do {
                        if try fuzzCheckRecord(.object(object), normaliser: normaliser, normalise: true) { accepted += 1 } else { rejected += 1 }
                    } catch {
                        failure = FuzzFailure("line \(number): \(error)")
                        return false
                    }
                }
            }
            return true
        }
        if let failure { throw failure }
        if seen != expected.count { throw FuzzFailure("LineReader gave \(seen) lines, expected \(expected.count)") }
        return (accepted, rejected)
    }
}

// MARK: CSV through the shipped column maps

struct CSVFuzz: FuzzTarget {
    let tokens = ["\"\"", "\",\"", ",,", "\"(37.7, -122.4)\"", "(0, 0)", "(91, 181)", "04/07/2020 11:53:08 PM", "13/45/2020 25:61:61 AM",
                  "02/29/2021 12:00:00 AM", "2016-01-15 12:01", "2016-13-45 99:99", "-75.38", "40.08", "E32", "ENGINE"]
    struct Source { var map: String; var mapText: [UInt8]; var header: [UInt8]; var rows: [[UInt8]] }
    var sources: [Source] = []
    let normaliser = CallNormaliser()

    init() {
        for (map, data) in [("examples/maps/sf-fire.json", "data/sf-fire-calls-2020-04-07.csv"), ("examples/maps/montgomery.json", "data/montgomery-pa-911-sample.csv")] {
            guard let mapText = FuzzSeeds.file(map), let csv = FuzzSeeds.file(data) else { continue }
            let lines = FuzzSeeds.lines(csv)
            sources.append(Source(map: map, mapText: mapText, header: lines[0], rows: Array(lines.dropFirst().prefix(5000))))
        }
        if sources.isEmpty {
            let map = #"{"system":"t","channel":"phone","time_format":"yyyy-MM-dd HH:mm","id":{"derive":"row_hash"},"received_at":"t","lat":"lat","lon":"lng","text":"title"}"#
            sources.append(Source(map: "built-in", mapText: Array(map.utf8), header: Array("lat,lng,title,t".utf8),
                                  rows: [Array("40.08,-75.38,EMS: FALL VICTIM,2016-01-15 12:01".utf8)]))
        }
    }

    /// Input layout: which source (one byte), whether the map is mutated (one byte), the map's
    /// length (4 bytes), the map, then the CSV text. A replay file carries all of it.
    mutating func next(_ m: inout FuzzMutator) -> [UInt8] {
        let s = m.below(sources.count)
        let source = sources[s]
        let mutateMap = m.chance(8)
        let map = mutateMap ? m.mutate(source.mapText, others: sources.map(\.mapText)) : source.mapText
        var rows: [UInt8] = []
        let first = m.below(source.rows.count)
        for k in 0..<(1 + m.below(6)) {
            rows.append(0x0A)
            rows += source.rows[(first + k * (m.chance(70) ? 1 : 1 + m.below(400))) % source.rows.count]
        }
        var csv = source.header
        if mutateMap { csv += rows } else if m.chance(15) { csv = m.mutate(csv + rows, others: source.rows) } else {
            csv += m.mutate(rows, others: source.rows)
        }
        var input: [UInt8] = [UInt8(s), mutateMap ? 1 : 0]
        withUnsafeBytes(of: UInt32(map.count).littleEndian) { input += $0 }
        return input + map + csv
    }

    func run(_ input: [UInt8]) throws(FuzzFailure) -> (accepted: Int, rejected: Int) {
        guard input.count >= 6 else { return (0, 0) }
        let mapLength = Int(input[2..<6].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }.littleEndian)
        guard 6 + mapLength <= input.count else { return (0, 0) }
        let mapBytes = Array(input[6..<(6 + mapLength)])
        let csv = Array(input[(6 + mapLength)...])
        let map: ColumnMap
        do { map = try ColumnMap(text: String(decoding: mapBytes, as: UTF8.self)) } catch {
            try fuzzCheckReason(error.reason, "column map")
            return (0, 1)
        }
        var reader = ColumnMapReader(map: map)
        var lines = csv.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        if csv.last == 0x0A { lines.removeLast() }
        var accepted = 0, rejected = 0
        func take(_ outputs: [IntakeOutput], at number: Int) throws(FuzzFailure) {
            for output in outputs {
                switch output {
                case .rejected(let e):
                    try fuzzCheckReason(e.reason, "CSV line \(number)")
                    let line = e.line ?? number
                    if line < 1 || line > lines.count { throw FuzzFailure("CSV line \(number): rejection at line \(line) of \(lines.count)") }
                    rejected += 1
                case .record(let value):
                    let isCall = value["kind"]?.stringValue == "call"
                    if try fuzzCheckRecord(value, normaliser: normaliser, normalise: isCall) { accepted += 1 } else { rejected += 1 }
                }
            }
        }
        for (k, raw) in lines.enumerated() {
            let line = raw.last == 0x0D ? Array(raw.dropLast()) : raw
            guard let text = String(validating: line, as: UTF8.self) else { rejected += 1; continue }
            do { try take(try reader.read(line: text), at: k + 1) } catch let e as InputError {
                try fuzzCheckReason(e.reason, "CSV header")
                return (accepted, rejected + 1)
            } catch let f as FuzzFailure { throw f } catch { throw FuzzFailure("\(error)") }
        }
        try take(reader.finish(), at: lines.count)
        return (accepted, rejected)
    }
}

// MARK: AML payloads, one a line

struct AMLFuzz: FuzzTarget {
    let tokens = ["A\"ML=1;", "lt=", "lg=", "rd=", "top=", "lc=", "pm=", "si=", "ei=", "mcc=", "mnc=", "ml=", ";ml=124", "pm=N",
                  "pm=G", "+48.85341", "-000.00000", "+90.00001", "20261129041530", "20261331041530", "99991231235959", "rd=N", ";;", "=="]
    var seeds: [[UInt8]] = []
    let normaliser = CallNormaliser()

    init() {
        if let b = FuzzSeeds.file("examples/inputs/aml.txt") { seeds += FuzzSeeds.lines(b) }
        seeds += [
            "A\"ML=1;lt=+48.85341;lg=+2.34880;rd=20;top=20261129041530;lc=90;pm=G;si=208150123456789;ei=356938035643809;mcc=208;mnc=15;ml=124",
            "A\"ML=1;lt=+00.00000;lg=+000.00000;rd=N;top=20220131173734;lc=0;pm=N;si=234159000000000;ei=123456789012345;mcc=234;mnc=15;ml=127",
            "A\"ML=1;lt=+51.53321;lg=-0.12601;rd=14;top=20220131171748;lc=68;pm=W;si=234159000000000;ei=123456789012345;mcc=234;mnc=15;ml=126",
            "A\"ML=1;lt=+51.5;lg=-0.1;top=20220131171748;pm=C",
        ].map { Array($0.utf8) }
    }

    mutating func next(_ m: inout FuzzMutator) -> [UInt8] { m.mutate(seeds[m.below(seeds.count)], others: seeds) }

    func run(_ input: [UInt8]) throws(FuzzFailure) -> (accepted: Int, rejected: Int) {
        var accepted = 0, rejected = 0
        for raw in input.split(separator: 0x0A) {
            let line = raw.last == 0x0D ? Array(raw.dropLast()) : Array(raw)
            guard let payload = String(validating: line, as: UTF8.self) else { rejected += 1; continue }
            if payload.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            switch AML.parse(payload, sender: "06 12 34 56 78") {
            case .failure(let e):
                try fuzzCheckReason(e.reason, "AML")
                rejected += 1
            case .success(let value):
                if try fuzzCheckRecord(value, normaliser: normaliser, normalise: true) { accepted += 1 } else { rejected += 1 }
            }
        }
        return (accepted, rejected)
    }
}

// MARK: eCall MSD and EIDO documents

struct DocumentFuzz: FuzzTarget {
    enum Kind { case ecall, eido }
    let kind: Kind
    var seeds: [[UInt8]] = []
    let normaliser = CallNormaliser()
    var tokens: [String] {
        switch kind {
        case .ecall: ["\"control\":", "\"automaticActivation\":", "\"vehicleType\":", "\"timestamp\":", "\"vehicleLocation\":",
                      "\"positionLatitude\":", "\"positionLongitude\":", "\"vehicleDirection\":", "\"recentVehicleLocationN1\":",
                      "\"latitudeDelta\":", "\"longitudeDelta\":", "\"vehicleIdentificationNumber\":", "\"numberOfPassengers\":",
                      "324000000", "648000000", "-648000001", "255", "\"VF1BM0B0H41234567\"", "\"vehiclePropulsionStorageType\":"]
        case .eido: ["\"$id\":", "\"$ref\":", "\"callComponent\":", "\"locationComponent\":", "\"notesComponent\":",
                     "\"callStartTimestamp\":", "\"lastUpdateTimeStamp\":", "<gml:pos>", "</gml:pos>", "<gml:radius>", "\"locationReference\":",
                     "\"incidentTrackingIdentifier\":", "\"agentComponent\":", "\"personComponent\":", "&lt;", "<![CDATA[", "\"notesReference\":"]
        }
    }

    init(kind: Kind) {
        self.kind = kind
        switch kind {
        case .ecall:
            if let b = FuzzSeeds.file("examples/inputs/ecall-msd.json") { seeds.append(b) }
            seeds.append(Array(#"{"control":{"automaticActivation":false,"testCall":false,"positionCanBeTrusted":true,"vehicleType":3},"timestamp":1795926930,"vehicleLocation":{"positionLatitude":-175872276,"positionLongitude":-8455680},"vehicleIdentificationNumber":"VF1BM0B0H41234567","numberOfPassengers":2}"#.utf8))
        case .eido:
            if let b = FuzzSeeds.file("data/eido/sample-call-transfer.json") { seeds.append(b) }
            seeds.append(Array(#"{"incidentTrackingIdentifier":"urn:emergency:uid:incidentid:1:x","lastUpdateTimeStamp":"2026-11-29T04:15:30Z","callComponent":[{"$id":"c1","callStartTimestamp":"2026-11-29T04:15:30+01:00"}]}"#.utf8))
        }
        // Arrays of documents and one a line, as the intake takes them.
        let flat = seeds.map { Array(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "\n", with: " ").utf8) }
        seeds.append([UInt8]("[".utf8) + flat.joined(separator: Array(",\n".utf8)) + [UInt8]("]".utf8))
        seeds.append(Array(flat.joined(separator: [0x0A])))
    }

    mutating func next(_ m: inout FuzzMutator) -> [UInt8] { m.mutate(seeds[m.below(seeds.count)], others: seeds) }

    func read(_ value: JSON) -> [IntakeOutput] {
        switch kind {
        case .ecall:
            switch ECall.parse(value, sender: "+33612345678") {
            case .success(let r): return [.record(r)]
            case .failure(let e): return [.rejected(e)]
            }
        case .eido: return EIDO.read(value)
        }
    }

    func run(_ input: [UInt8]) throws(FuzzFailure) -> (accepted: Int, rejected: Int) {
        // One document (or an array of them); else one a line.
        var documents: [JSON] = []
        var accepted = 0, rejected = 0
        if let whole = try? JSONParser.parse(input) {
            documents = whole.arrayValue ?? [whole]
        } else {
            for raw in input.split(separator: 0x0A) where !raw.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                do { documents.append(try JSONParser.parse(Array(raw))) } catch {
                    try fuzzCheckReason(error.description, "JSON")
                    rejected += 1
                }
            }
        }
        for document in documents {
            for output in read(document) {
                switch output {
                case .rejected(let e):
                    try fuzzCheckReason(e.reason.replacingOccurrences(of: "eCall MSD:", with: "").replacingOccurrences(of: "EIDO:", with: ""), "document")
                    rejected += 1
                case .record(let value):
                    if try fuzzCheckRecord(value, normaliser: normaliser, normalise: true) { accepted += 1 } else { rejected += 1 }
                }
            }
        }
        return (accepted, rejected)
    }
}

// MARK: the référentiel loader (YAML)

struct ReferentielFuzz: FuzzTarget {
    let tokens = [": ", "- ", "  ", "\n  - ", "&a ", "*a", "<<: *a", "!!str ", "!!int ", "!!binary ", "? ", "---\n", "...\n", "%YAML 1.1\n",
                  "|\n", ">-\n", "'", "\"", "{a: [b, {c: d}]}", "~", "0x1F", "1_000", ".inf", "-.nan", "\t", "#", "\\N",
                  "when: ", "fact: ", "nature: ", "needs: ", "priority: P0", "code: ", "id: ", "!", "&", "=", ">=", "!="]
    enum Group: Int, CaseIterable { case natures, engagement, notification }
    let groups: [[(name: String, text: [UInt8])]]
    /// The built-in files cut into top-level sections, so that most inputs are small.
    let sections: [[[[UInt8]]]]

    init() {
        let natures = Referentiel.default.files
        groups = [
            Referentiel.fileNames.map { ($0, Array((natures[$0] ?? "").utf8)) },
            EngagementReferentiel.files.keys.sorted().map { ($0, Array((EngagementReferentiel.files[$0] ?? "").utf8)) },
            NotificationFiles.fileNames.map { ($0, Array((NotificationFiles.files[$0] ?? "").utf8)) },
        ]
        sections = groups.map { files in files.map { ReferentielFuzz.sections(of: $0.text) } }
    }

    /// Top-level blocks (a key at column 0 with what is indented under it), list items split.
    static func sections(of text: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var current: [UInt8] = []
        for line in text.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let startsBlock = line.first.map { $0 != 0x20 && $0 != 0x23 && $0 != 0x2D } ?? false
            let startsItem = line.starts(with: Array("  - ".utf8)) || line.starts(with: Array("- ".utf8))
            if (startsBlock || (startsItem && current.count > 2000)) && !current.isEmpty {
                out.append(current)
                current = []
            }
            current += line
            current.append(0x0A)
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// Input layout: the group (one byte), then each file as "==> name <==\n" and its text.
    mutating func next(_ m: inout FuzzMutator) -> [UInt8] {
        let g = m.below(groups.count)
        let files = groups[g]
        let victim = m.below(files.count)
        var input: [UInt8] = [UInt8(g)]
        let whole = m.chance(3)
        for (k, file) in files.enumerated() {
            var text: [UInt8]
            if whole || file.text.count < 3000 { text = file.text } else {
                // A few consecutive sections, always with the first (facts, defaults…).
                let parts = sections[g][k]
                let from = m.below(parts.count), n = 1 + m.below(3)
                text = parts[0] + parts[from..<min(parts.count, from + n)].joined()
            }
            if k == victim { text = m.mutate(text, others: sections[g][k]) }
            input += Array("==> \(file.name) <==\n".utf8) + text
        }
        return input
    }

    /// The files of an input: decoded as a loader reading them would (invalid UTF-8 replaced), then
    /// cut at each "==> " on the bytes. (Foundation's components(separatedBy:) took a sixth of the run.)
    static func files(of input: [UInt8]) -> (group: Int, files: [String: String]) {
        guard let g = input.first else { return (0, [:]) }
        let text = Array(String(decoding: input.dropFirst(), as: UTF8.self).utf8)
        let open = Array("==> ".utf8), close = Array(" <==\n".utf8)
        func find(_ needle: [UInt8], from: Int, to end: Int) -> Int? {
            var i = from
            while i + needle.count <= end {
                if text[i] == needle[0], text[i..<i + needle.count].elementsEqual(needle) { return i }
                i += 1
            }
            return nil
        }
        var parts: [Range<Int>] = []  // what follows each "==> ", up to the next
        var at = find(open, from: 0, to: text.count)
        while let start = at {
            let next = find(open, from: start + open.count, to: text.count)
            parts.append(start + open.count..<(next ?? text.count))
            at = next
        }
        var files: [String: String] = [:]
        for part in parts {
            guard let c = find(close, from: part.lowerBound, to: part.upperBound) else { continue }
            files[String(decoding: text[part.lowerBound..<c], as: UTF8.self)] = String(decoding: text[c + close.count..<part.upperBound], as: UTF8.self)
        }
        return (Int(g), files)
    }

    /// Lines of a file as YAML counts them (it breaks at CR and U+0085, U+2028, U+2029 too), plus
    /// one: an error at the end of the input is on the line after the last.
    static func lineCount(_ text: String) -> Int {
        var n = 2
        for s in text.unicodeScalars {
            switch s.value {
            case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: n += 1
            default: break
            }
        }
        return n
    }

    func run(_ input: [UInt8]) throws(FuzzFailure) -> (accepted: Int, rejected: Int) {
        let (g, files) = ReferentielFuzz.files(of: input)
        let problems: [ReferentielProblem]
        switch Group(rawValue: g % 3)! {
        case .natures: problems = Referentiel.check(files: files)
        case .engagement: problems = EngagementReferentiel.check(files: files)
        case .notification: problems = NotificationConfig.check(files: files)
        }
        var lineCounts: [String: Int] = [:]
        for p in problems {
            try fuzzCheckReason(p.message, "référentiel")
            guard let text = files[p.file] else {
                // A missing file, or a built-in one checked against the given files (engagement rules
                // name natures): a file of the référentiel all the same.
                if p.line == 0 || groups.joined().contains(where: { $0.name == p.file }) { continue }
                throw FuzzFailure("a problem in \"\(p.file)\", which is not a référentiel file: \(p)")
            }
            let lineCount = lineCounts[p.file] ?? ReferentielFuzz.lineCount(text)
            lineCounts[p.file] = lineCount
            if p.line < 0 || p.line > lineCount { throw FuzzFailure("problem at line \(p.line) of a \(lineCount)-line file: \(p)") }
        }
        return problems.isEmpty ? (1, 0) : (0, 1)
    }
}

// MARK: ccas-track report --fail-if

struct ThresholdFuzz: FuzzTarget {
    let tokens = ["response", "answer", ".p90", ".p50_s", ".compliance", ".count", ".target", "@priority:P0", "@nature:SAP.ACR", ">", ">=", "<",
                  "<=", "==", "!=", "600", "0.9", "1e308", "1e309", "-0", "nan", "inf", "0x1p3", ",", " ", "..", "@@", "=>", "<>"]
    let seeds = ["response.p90>600", "answer.compliance<0.9", "response@priority:P0.p90_s>=480", "response.p90>5000,answer.count<1",
                 "response.p42>1", "dispatch.p95 <= 120", "answer.ratio!=1", "busy@unit:VSAV.busy_s==3600"].map { Array($0.utf8) }

    mutating func next(_ m: inout FuzzMutator) -> [UInt8] { m.mutate(seeds[m.below(seeds.count)], others: seeds) }

    func run(_ input: [UInt8]) throws(FuzzFailure) -> (accepted: Int, rejected: Int) {
        // The argument as the shell gives it: text up to a NUL, invalid UTF-8 replaced.
        let text = String(decoding: input.prefix { $0 != 0 }, as: UTF8.self)
        do {
            let list = try Threshold.parseList(text)
            for t in list {
                guard !t.indicator.isEmpty, t.value.isFinite else { throw FuzzFailure("accepted a threshold without indicator or value: \(t)") }
                guard let again = try? Threshold.parse(t.text), again == t else { throw FuzzFailure("\"\(t.text)\" does not parse back to itself") }
            }
            return (1, 0)
        } catch let e as ThresholdError {
            try fuzzCheckReason(e.description, "--fail-if")
            return (0, 1)
        } catch let f as FuzzFailure { throw f } catch { throw FuzzFailure("\(error)") }
    }
}
