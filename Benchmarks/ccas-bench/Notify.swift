import CCASCore
import CCASRules
import CCASStore
import Foundation
import GRDB

/// `ccas-bench notify [N]`: decides and queues (outbox + journal, one transaction per 2,000
/// records, as ccas-notify does) the notifications of N committed dispatch records; prints
/// records/s and notifications queued/s. Target: ≥ 10,000 notifications queued a second.
/// Then the real path: the same records as an NDJSON file through the `ccas-notify` program
/// next to this one (`--no-deliver`, into a fresh store), timed from start to exit, with its
/// user CPU time (a fair figure when the machine is loaded).
func benchNotify(records: Int = 10_000) {
    let natures: [(String, String, Int)] = [
        ("SAP.ACR", "P0", 1), ("SAP.MALAISE", "P2", 1), ("AVP.VEHICULE", "P1", 3), ("INC.HABITATION", "P1", 0),
        ("TEC.FUITE_GAZ", "P1", 0), ("SEC.ATTENTAT", "P0", 12), ("SAP.CHUTE", "P2", 1), ("INC.ERP", "P0", 2),
    ]
    let stations = ["CIS Centre", "CIS Nord", "CIS Sud", "CIS Est"]
    var input: [JSONObject] = []
    input.reserveCapacity(records)
    for i in 0..<records {
        let (nature, priority, victims) = natures[i % natures.count]
        let units: [JSON] = (0..<(1 + i % 3)).map { u in
            ["id": .string("U\(i)-\(u)"), "type": "VSAV", "station": .string(stations[(i + u) % stations.count])]
        }
        input.append([
            "kind": "dispatch", "v": 1, "event_id": .string(String(format: "2026-%06d", i + 1)), "committed": true,
            "location": ["address": .string("\(i % 200 + 1) rue de la Paix, Paris"), "lat": 48.869, "lon": 2.331],
            "classification": ["nature": .string(nature), "priority": .string(priority), "facts": ["victims": .int(victims)]],
            "units": .array(units), "talkgroup": "TKG-104",
        ])
    }
    let dir = NSTemporaryDirectory() + "ccas-bench-notify-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store: Store
    do { store = try Store(path: dir + "/ccas.db") } catch { fatalError("\(error)") }
    let engine = NotificationEngine(config: .default)
    var queued = 0
    let t0 = DispatchTime.now().uptimeNanoseconds
    do {
        for start in stride(from: 0, to: input.count, by: 2_000) {
            var items: [OutboxItem] = []
            for record in input[start..<min(start + 2_000, input.count)] {
                for n in engine.decide(record: record) {
                    items.append(OutboxItem(
                        key: n.key, event: n.event, recipient: n.recipient, channel: n.channel.kind.rawValue,
                        target: n.channel.target, rule: n.rule, unit: n.unit, priority: n.priority, payload: n.record,
                        deadlineSeconds: n.deadlineSeconds, exercise: n.exercise))
                }
            }
            queued += try store.queueNotifications(items, at: Int64(Date().timeIntervalSince1970 * 1000), operator: "bench").count
        }
    } catch {
        fatalError("\(error)")
    }
    let s = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    print("{\"bench\":\"notify_engine\",\"records\":\(records),\"notifications\":\(queued),\"seconds\":\(s),\"records_per_s\":\(Int(Double(records) / s)),\"notifications_per_s\":\(Int(Double(queued) / s))}")
    benchNotifyProcess(input, dir: dir)
}

/// Runs `ccas-notify --no-deliver` on the records written as NDJSON; prints the process's
/// notifications queued per second (wall clock and per user+system CPU second).
func benchNotifyProcess(_ input: [JSONObject], dir: String) {
    let file = dir + "/dispatch.ndjson"
    let writer = RecordWriter(fd: open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644))
    for record in input { writer.write(.object(record)) }
    writer.flush()
    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent("ccas-notify").path
    guard FileManager.default.isExecutableFile(atPath: exe) else {
        FileHandle.standardError.write(Data("bench notify: no ccas-notify next to ccas-bench (build it): process run skipped\n".utf8))
        return
    }
    let db = dir + "/process.db"
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = ["run", "--no-deliver", "-q", "--db", db, file]
    p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    var before = rusage(), after = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &before)
    let t0 = DispatchTime.now().uptimeNanoseconds
    do { try p.run() } catch { fatalError("\(error)") }
    p.waitUntilExit()
    let s = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    getrusage(RUSAGE_CHILDREN.rawValue, &after)
    func secs(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    let cpu = secs(after.ru_utime) - secs(before.ru_utime) + secs(after.ru_stime) - secs(before.ru_stime)
    guard p.terminationStatus == 0, let store = try? Store(path: db),
          let queued = try? store.read({ db in try Int.fetchOne(db, sql: "SELECT count(*) FROM notification") ?? 0 })
    else { fatalError("ccas-notify exited \(p.terminationStatus)") }
    print("{\"bench\":\"notify_process\",\"records\":\(input.count),\"notifications\":\(queued),\"seconds\":\(s),\"cpu_seconds\":\(cpu),\"notifications_per_s\":\(Int(Double(queued) / s)),\"notifications_per_cpu_s\":\(Int(Double(queued) / cpu))}")
}
