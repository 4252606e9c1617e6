import CCASCore
import Foundation

// ccas-bench: the measurements of Benchmarks/run.sh, in one release binary.
//   ccas-bench generate-calls N [SEED]   writes N call records (~300 bytes each) as NDJSON
//   ccas-bench parse-emit FILE           parses and re-emits every line, prints lines/s

func generateCalls(_ n: Int, seed: UInt64) {
    var rng = SplitMix(seed: seed)
    let texts = [
        "mon père ne respire plus, il est tout gris", "feu dans la cuisine, beaucoup de fumée, personne à l'intérieur",
        "accident entre deux voitures sur la rocade, un blessé", "he collapsed in the kitchen and is not breathing",
        "odeur de gaz dans la cage d'escalier", "someone broke into the shop next door right now",
        "ma fille a fait une chute de vélo, elle saigne du genou", "wasp nest above the front door",
    ]
    let streets = ["rue de la Paix", "avenue Jean Jaurès", "boulevard Voltaire", "Mission St", "quai de Seine"]
    let out = RecordWriter(fd: 1)
    let start: Int64 = 1_767_225_600_000  // 2026-01-01
    for i in 0..<n {
        let at = start + Int64(i) * 31_000 + Int64(rng.next() % 1000)
        let lat = 48.80 + Double(rng.next() % 100_000) / 1_000_000 * 15
        let lon = 2.25 + Double(rng.next() % 100_000) / 1_000_000 * 25
        let phone = "+3361234" + String(format: "%04d", Int(rng.next() % 10_000))
        let record: JSON = [
            "kind": "call", "v": 1, "id": .string("GEN-\(i + 1)"), "received_at": .string(Timestamp(milliseconds: at).iso8601),
            "channel": "phone", "caller": ["phone": .string(phone)],
            "location": ["address": .string("\(rng.next() % 200 + 1) \(streets[Int(rng.next() % 5)]), Paris"),
                         "lat": .double(lat, places: 6), "lon": .double(lon, places: 6)],
            "text": .string(texts[Int(rng.next() % UInt64(texts.count))]),
        ]
        out.write(record)
    }
    out.flush()
}

func parseEmit(_ path: String) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { fatalError("cannot open \(path)") }
    var lines = LineReader(fd: fd)
    let out = RecordWriter(fd: open("/dev/null", O_WRONLY))
    var count = 0, bad = 0
    let t0 = DispatchTime.now().uptimeNanoseconds
    lines.forEachLine { line, _, _ in
        if let value = try? JSONParser.parse(line) { out.write(value); count += 1 } else { bad += 1 }
        return true
    }
    out.flush()
    let s = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    print("{\"bench\":\"parse_emit\",\"lines\":\(count),\"bad\":\(bad),\"seconds\":\(s),\"lines_per_s\":\(Int(Double(count) / s))}")
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let args = CommandLine.arguments
switch args.count > 1 ? args[1] : "" {
case "generate-calls": generateCalls(Int(args[2]) ?? 1000, seed: args.count > 3 ? UInt64(args[3]) ?? 1 : 1)
case "parse-emit": parseEmit(args[2])
case "noop": break  // the start-up floor of a Swift program, for start-up comparisons
case "recommend": benchRecommend(units: args.count > 2 ? Int(args[2]) ?? 10_000 : 10_000, events: args.count > 3 ? Int(args[3]) ?? 10_000 : 10_000)
case "classify": benchClassify(path: args[2])
case "fuzz": fuzzMain(Array(args.dropFirst(2)))
case "track-report", "track-status", "track-follow": benchTrack(Array(args.dropFirst()))
case "notify": benchNotify(records: args.count > 2 ? Int(args[2]) ?? 10_000 : 10_000)
default:
    FileHandle.standardError.write("usage: ccas-bench generate-calls N [SEED] | parse-emit FILE | recommend [UNITS] [EVENTS] | notify [RECORDS] | classify FILE\n".data(using: .utf8)!)
    exit(64)
}
