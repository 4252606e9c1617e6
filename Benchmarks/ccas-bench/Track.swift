import CCASCore
import CCASStore
import Foundation
import GRDB

/// The ccas-track benchmarks: `track-report [N] [DB]`, `track-status [RUNS]`, `track-follow [CHANGES]`.
func benchTrack(_ args: [String]) {
    let n = args.count > 1 ? Int(args[1]) : nil
    switch args[0] {
    case "track-report": benchTrackReport(events: n ?? 1_000_000, path: args.count > 2 ? args[2] : nil)
    case "track-status": benchTrackStatus(runs: n ?? 30)
    default: benchTrackFollow(changes: n ?? 200)
    }
}

/// `ccas-bench track-report N [DB]`: builds a store of N events (one call each, one in ten with
/// a second call; 1 to 3 units each going ALERTED → EN_ROUTE → ON_SCENE → RETURNING → AVAILABLE,
/// one event in twenty cancelled before any unit arrived), then times `ccas-track report` on
/// it as a real process, three runs. Target: 1,000,000 events under 3 s.
/// With DB, an existing store of that path is reused (building 1,000,000 events took 10 min at load 5).
func benchTrackReport(events n: Int, path given: String?) {
    let path = given ?? NSTemporaryDirectory() + "ccas-bench-track-\(getpid()).db"
    let reuse = given != nil && FileManager.default.fileExists(atPath: path)
    defer { if given == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } } }
    if !reuse {
        let t0 = DispatchTime.now().uptimeNanoseconds
        do { try buildTrackStore(path: path, events: n) } catch { fatalError("\(error)") }
        let s = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        FileHandle.standardError.write("built \(n) events in \(String(format: "%.1f", s)) s: \(path)\n".data(using: .utf8)!)
    }
    let program = siblingProgram("ccas-track")
    var runs: [ProcessTimes] = []
    for _ in 0..<3 {
        runs.append(timeProcess(program, ["report", "--format", "ndjson", "--db", path], stdout: "/dev/null"))
    }
    guard runs.allSatisfy({ $0.status == 0 }) else { fatalError("ccas-track report failed: \(runs.map(\.status))") }
    let wall = runs.map(\.wall).sorted(), user = runs.map(\.user).sorted()
    print("{\"bench\":\"track_report\",\"events\":\(n),\"runs\":3,\"wall_s_median\":\(fmt(wall[1])),\"wall_s_min\":\(fmt(wall[0])),"
          + "\"user_s_median\":\(fmt(user[1])),\"max_rss_kb\":\(runs.map(\.maxRSSKB).max()!),\"target_s\":3}")
}

/// Builds the store with prepared INSERTs in a loop, in one transaction: the milestone
/// triggers run for every status, as they do in production. (One INSERT … SELECT over a
/// counter, ordered, took over 30 minutes at 1,000,000 events; this took 10 min, 100,000 in 53 s.)
func buildTrackStore(path: String, events n: Int) throws {
    let store = try Store(path: path)
    let t0: Int64 = 1_767_225_600_000  // 2026-01-01
    let natures = ["SAP.ACR", "SAP.MALAISE", "AVP.VEHICULE", "INC.HABITATION", "TEC.FUITE_GAZ", "SAP.CHUTE", "INC.ERP", "SAP.MALAISE"]
    let crew = ["VSAV", "FPT", "VSR"]
    let steps = ["ALERTED", "EN_ROUTE", "ON_SCENE", "RETURNING", "AVAILABLE"]
    try store.write { db in
        // The whole store is one transaction: keep its pages in memory rather than spilling them.
        try db.execute(sql: "PRAGMA cache_size = -4000000")
        // The call columns are the intake's to keep (v6): written here as it would.
        let event = try db.makeStatement(sql: """
            INSERT INTO event (id, number, status, opened_at, last_call_at, closed_at, nature, priority, exercise,
                               calls, first_received_at, first_answered_at, first_channel)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let call = try db.makeStatement(sql: """
            INSERT INTO call (id, event_id, received_at, answered_at, channel, record, operator, exercise)
            VALUES (?, ?, ?, ?, ?, '{}', 'bench', ?)
            """)
        let status = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO status_log (unit, unit_type, status, at, event_id, source, operator, exercise)
            VALUES (?, ?, ?, ?, ?, 'bench', 'bench', ?)
            """)
        for i in 0..<Int64(n) {
            let opened = t0 + i * 30000, exercise: Int64 = i % 100 == 99 ? 1 : 0
            let answered = opened + 3000 + (i &* 2654435761) % 25000
            let channel = i % 10 == 0 ? "sms" : i % 10 == 1 ? "ecall" : "phone"
            try event.execute(arguments: [i + 1, String(format: "2026-%07lld", i + 1), i % 20 == 7 ? "CANCELLED" : "CLOSED",
                                          opened, opened, opened + 3_600_000, natures[Int(i % 8)], "P\((i * 7) % 4)", exercise,
                                          i % 10 == 3 ? 2 : 1, opened, answered, channel])
            try call.execute(arguments: ["C\(i)", i + 1, opened, answered, channel, exercise])
            if i % 10 == 3 { try call.execute(arguments: ["D\(i)", i + 1, opened + 40000, opened + 45000, "phone", 0]) }
            let lastStep = i % 20 == 7 ? 1 : 4
            for k in 0...lastStep {
                for j in 0...Int64(i % 3) {
                    var at = opened + 35000 + (i &* 40503 + j * 977) % 60000
                    if k >= 1 { at += 20000 + (i &* 7919 + j * 131) % 100000 }
                    if k >= 2 { at += 120000 + (i &* 104729 + j * 31) % 600000 }
                    if k >= 3 { at += 600000 + (i &* 15485863) % 1800000 }
                    if k >= 4 { at += 900000 }
                    try status.execute(arguments: ["U\((i * 3 + j) % 600)", crew[Int(j)], steps[k], at, i + 1, exercise])
                }
            }
        }
    }
}

struct ProcessTimes {
    var status: Int32
    var wall: Double
    var user: Double
    var sys: Double
    var maxRSSKB: Int
}

/// Runs a program to its exit; wall time from spawn to reaped, CPU times from wait4.
func timeProcess(_ program: String, _ arguments: [String], stdout: String? = nil, environment: [String: String] = [:]) -> ProcessTimes {
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for p in argv + envp { free(p) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if let stdout { posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
    var pid: pid_t = 0
    let t0 = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, program, &actions, nil, argv, envp) == 0 else { fatalError("cannot run \(program)") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let wall = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return ProcessTimes(status: exit, wall: wall, user: seconds(usage.ru_utime), sys: seconds(usage.ru_stime), maxRSSKB: usage.ru_maxrss)
}

/// A program built next to this one.
func siblingProgram(_ name: String) -> String {
    let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    let path = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent(name).path
    guard FileManager.default.isExecutableFile(atPath: path) else { fatalError("\(path) not built") }
    return path
}

func fmt(_ x: Double) -> String { String(format: "%.3f", x) }

/// `ccas-bench track-status [RUNS]`: `ccas-track status UNIT unavailable|available` (one durable
/// status change: unit row, status log, journal, synchronous=FULL) against the `sqlite3` shell
/// making one durable insert into a WAL store, interleaved in the same run, each a fresh process.
/// Target: the ratio of medians ≤ 1.5.
func benchTrackStatus(runs: Int) {
    let dir = NSTemporaryDirectory() + "ccas-bench-status-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/ccas.db", reference = dir + "/sqlite.db"
    do {
        let store = try Store(path: path)
        try store.write { db in
            try db.execute(sql: """
                WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < 199)
                INSERT INTO unit (id, type, station, capabilities, status, status_at, updated_at)
                  SELECT 'U' || i, 'VSAV', 'CIS ' || (i % 10), '[]', 'AVAILABLE', 0, 0 FROM c
                """)
        }
    } catch { fatalError("\(error)") }
    let sqlite = "/usr/bin/sqlite3"
    _ = timeProcess(sqlite, [reference, "PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, unit TEXT, status TEXT, at INTEGER);"],
                    stdout: "/dev/null")
    let track = siblingProgram("ccas-track")
    var ours: [ProcessTimes] = [], theirs: [ProcessTimes] = []
    for i in 0..<runs {
        let status = i % 2 == 0 ? "unavailable" : "available"
        ours.append(timeProcess(track, ["status", "U7", status, "--db", path, "--operator", "bench"], stdout: "/dev/null"))
        theirs.append(timeProcess(sqlite, [reference, "PRAGMA synchronous=FULL; INSERT INTO t (unit, status, at) VALUES ('U7', '\(status)', \(i));"],
                                  stdout: "/dev/null"))
    }
    guard ours.allSatisfy({ $0.status == 0 }), theirs.allSatisfy({ $0.status == 0 }) else {
        fatalError("a run failed: ccas-track \(ours.map(\.status)), sqlite3 \(theirs.map(\.status))")
    }
    func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
    let a = median(ours.map(\.wall)), b = median(theirs.map(\.wall))
    print("{\"bench\":\"track_status\",\"runs\":\(runs),\"ccas_track_ms_median\":\(fmt(a * 1000)),\"sqlite3_ms_median\":\(fmt(b * 1000)),"
          + "\"ccas_track_cpu_ms_median\":\(fmt(median(ours.map { $0.user + $0.sys }) * 1000)),"
          + "\"sqlite3_cpu_ms_median\":\(fmt(median(theirs.map { $0.user + $0.sys }) * 1000)),\"ratio\":\(fmt(a / b)),\"target_ratio\":1.5}")
}

/// `ccas-bench track-follow [CHANGES]`: `ccas-track journal --follow` runs as its own process;
/// this one writes CHANGES journal rows, one transaction each at random moments, and times
/// each from its commit to its line on the follower's standard output. Target: p99 < 100 ms.
func benchTrackFollow(changes: Int) {
    let dir = NSTemporaryDirectory() + "ccas-bench-follow-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/ccas.db"
    let store: Store
    do { store = try Store(path: path) } catch { fatalError("\(error)") }
    let follower = Process()
    follower.executableURL = URL(fileURLWithPath: siblingProgram("ccas-track"))
    follower.arguments = ["journal", "--follow", "--db", path]
    let pipe = Pipe()
    follower.standardOutput = pipe
    do { try follower.run() } catch { fatalError("\(error)") }
    defer { follower.terminate(); follower.waitUntilExit() }
    let fd = pipe.fileHandleForReading.fileDescriptor
    var pending = [UInt8]()
    /// Reads until a line holding `needle` arrives; false after 5 s.
    func waitFor(_ needle: String) -> Bool {
        let deadline = DispatchTime.now().uptimeNanoseconds + 5_000_000_000
        let bytes = Array(needle.utf8)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while DispatchTime.now().uptimeNanoseconds < deadline {
            while let nl = pending.firstIndex(of: 10) {
                let line = pending[..<nl]
                pending.removeSubrange(...nl)
                if line.count >= bytes.count, (0...(line.count - bytes.count)).contains(where: { line.dropFirst($0).starts(with: bytes) }) { return true }
            }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&p, 1, 100) > 0 {
                let n = read(fd, &buffer, buffer.count)
                if n <= 0 { return false }
                pending.append(contentsOf: buffer[..<n])
            }
        }
        return false
    }
    func write(_ subject: String) {
        do {
            _ = try store.write { db in
                try Journal.append(db, at: Int64(Date().timeIntervalSince1970 * 1000), operator: "bench", kind: "bench.mark",
                                   subject: subject, payload: .object([:]))
            }
        } catch { fatalError("\(error)") }
    }
    write("warm-up")
    guard waitFor("warm-up") else { fatalError("the follower printed nothing") }
    var rng = SplitMix(seed: 5)
    var latencies: [Double] = []
    for i in 0..<changes {
        usleep(useconds_t(rng.next() % 60_000))  // anywhere in the follower's polling period
        write("mark-\(i)-")
        let committed = DispatchTime.now().uptimeNanoseconds
        guard waitFor("mark-\(i)-") else { fatalError("change \(i) never showed") }
        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - committed) / 1e6)
    }
    let sorted = latencies.sorted()
    func p(_ q: Double) -> String { fmt(Percentile.of(sorted, q) ?? 0) }
    print("{\"bench\":\"track_follow\",\"changes\":\(changes),\"p50_ms\":\(p(50)),\"p90_ms\":\(p(90)),\"p99_ms\":\(p(99)),"
          + "\"max_ms\":\(fmt(sorted.last ?? 0)),\"target_ms\":100}")
}
