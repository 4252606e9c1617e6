import CCASCore
import CCASRules
import Foundation

/// `ccas-bench classify FILE`: the classifier over every line of FILE (call records, NDJSON),
/// on one core. Prints three rates, each over the whole file:
///   - text: `classify(text:natureHint:)` alone, the texts already in memory;
///   - record: `classify(record:)` on parsed records, written as NDJSON to /dev/null;
///   - path: parse each line, classify the record, write it (the general record path);
///   - line: walk each line without parsing it and append the classification's bytes (what
///     `ccas-classify --no-store` does with a plain call line).
func benchClassify(path: String) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { fatalError("cannot open \(path)") }
    var lines = LineReader(fd: fd)
    var raw: [[UInt8]] = []
    lines.forEachLine { line, _, _ in
        raw.append(Array(line))
        return true
    }
    close(fd)
    let t0 = DispatchTime.now().uptimeNanoseconds
    let classifier = Classifier()
    let initMs = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
    var records: [JSONObject] = []
    records.reserveCapacity(raw.count)
    for line in raw { if case .object(let o)? = try? JSONParser.parse(line) { records.append(o) } }
    let texts = records.map { ($0["text"]?.stringValue, $0["nature_hint"]?.stringValue) }

    func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
    /// CPU time of the process, which a loaded machine does not inflate as it does wall time.
    func cpu() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    var p0 = 0
    let c0 = cpu()
    let textSeconds = seconds {
        for (text, hint) in texts where classifier.classify(text: text, natureHint: hint).priority == .p0 { p0 += 1 }
    }
    let textCPU = cpu() - c0
    let null = open("/dev/null", O_WRONLY)
    let out = RecordWriter(fd: null)
    let c1 = cpu()
    let recordSeconds = seconds {
        for r in records { out.write(classifier.classify(record: r)) }
        out.flush()
    }
    let recordCPU = cpu() - c1
    let c2 = cpu()
    let pathSeconds = seconds {
        for line in raw {
            guard case .object(let o)? = try? JSONParser.parse(line) else { continue }
            out.write(classifier.classify(record: o))
        }
        out.flush()
    }
    let pathCPU = cpu() - c2
    // What `ccas-classify --no-store` does now: walk the line, append the classification bytes.
    var sink = ByteSink(capacity: 1 << 17)
    var written = 0
    let c3 = cpu()
    let lineSeconds = seconds {
        for line in raw {
            line.withUnsafeBytes { bytes in
                var text: Range<Int>? = nil
                guard JSONParser.skimObject(bytes, field: { key, value in
                    if key.count == 4, key.elementsEqual("text".utf8) { text = value }
                }) else { return }
                var close = bytes.count - 1
                while close > 0, bytes[close] != UInt8(ascii: "}") { close -= 1 }
                sink.append(UnsafeRawBufferPointer(rebasing: bytes[..<close]))
                sink.append(literal: ",\"classification\":")
                let inner = text.map { UnsafeRawBufferPointer(rebasing: bytes[($0.lowerBound + 1)..<($0.upperBound - 1)]) }
                    ?? UnsafeRawBufferPointer(start: nil, count: 0)
                classifier.writeClassification(utf8: inner.assumingMemoryBound(to: UInt8.self), natureHint: nil, to: &sink)
                sink.append(literal: "}\n")
                if sink.count > 1 << 16 { written += sink.count; sink.removeAll() }
            }
        }
    }
    let lineCPU = cpu() - c3
    written += sink.count
    close(null)
    func rate(_ n: Int, _ s: Double) -> Int { Int(Double(n) / s) }
    print("{\"bench\":\"classify\",\"lines\":\(raw.count),\"records\":\(records.count),\"p0\":\(p0),"
        + "\"classifier_init_ms\":\(String(format: "%.1f", initMs)),"
        + "\"text_per_s\":\(rate(texts.count, textSeconds)),\"text_cpu_s\":\(String(format: "%.2f", textCPU)),"
        + "\"record_per_s\":\(rate(records.count, recordSeconds)),\"record_cpu_s\":\(String(format: "%.2f", recordCPU)),"
        + "\"path_per_s\":\(rate(raw.count, pathSeconds)),\"path_cpu_s\":\(String(format: "%.2f", pathCPU)),"
        + "\"line_per_s\":\(rate(raw.count, lineSeconds)),\"line_cpu_s\":\(String(format: "%.2f", lineCPU)),\"line_bytes\":\(written)}")
}
