import CCASCore
import CCASRules
import CCASStore
import Foundation

/// `ccas-bench notify [N]`: decides and queues (outbox + journal, one transaction per 2,000
/// records, as ccas-notify does) the notifications of N committed dispatch records; prints
/// records/s and notifications queued/s. Target: ≥ 10,000 notifications queued a second.
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
    print("{\"bench\":\"notify\",\"records\":\(records),\"notifications\":\(queued),\"seconds\":\(s),\"records_per_s\":\(Int(Double(records) / s)),\"notifications_per_s\":\(Int(Double(queued) / s))}")
}
