import CCASCore
import CCASRules
import CCASStore
import Foundation

/// What `ccas-classify` does with a batch: classify each call, keep the results on the stored
/// calls and their events in one transaction, and return the records to print.
public final class ClassificationSession {
    public let classifier: Classifier
    public let store: Store?
    public let operatorName: String
    public let exercise: Bool
    public private(set) var classified = 0
    public private(set) var notStored = 0

    public init(classifier: Classifier, store: Store?, operatorName: String, exercise: Bool) {
        self.classifier = classifier
        self.store = store
        self.operatorName = operatorName
        self.exercise = exercise
    }

    public func process(_ batch: [InputRecord]) throws -> [JSONObject] {
        var out: [JSONObject] = []
        var updates: [CallClassificationUpdate] = []
        out.reserveCapacity(batch.count)
        let now = Timestamp.now.milliseconds
        for input in batch {
            let record = classifier.classify(record: input.record)
            out.append(record)
            guard let c = record["classification"], input.record["classification"] != c || input.record["classification"] == nil,
                  (input.record["kind"]?.stringValue ?? "call") == "call" else { continue }
            classified += 1
            if store != nil, let id = record["id"]?.stringValue, let nature = c["nature"]?.stringValue, let priority = c["priority"]?.stringValue {
                updates.append(CallClassificationUpdate(callID: id, nature: nature, priority: priority, classification: c, at: now,
                                                        exercise: exercise || record["exercise"]?.boolValue == true))
            }
        }
        if let store, !updates.isEmpty {
            let events = try store.saveClassifications(updates, operator: operatorName)
            notStored += events.count { $0 == nil }
        }
        return out
    }
}

// MARK: --no-store, line by line

extension ClassificationSession {
    /// `--no-store`: each call line is written as it was read with its `classification` added
    /// at the end (where `classify(record:)` puts a new key), rendered straight into the output:
    /// the record is neither rebuilt as a value nor serialised again. A line the quick walk
    /// cannot vouch for (invalid, a repeated key, a `\u` escape, a `kind`, `answers` or an
    /// earlier `classification`) goes the general way: parsed, classified, written, or rejected
    /// with the parser's message. Returns the number of records read.
    public func passThrough(input: InputOptions, diagnostics: Diagnostics, output: RecordWriter) throws -> Int {
        var read = 0
        var stopped = false
        for source in input.sources {
            if stopped || output.pipeClosed { break }
            let fd = try RecordStream.open(source, diagnostics)
            defer { if fd != 0 { close(fd) } }
            var lines = LineReader(fd: fd, maxLineBytes: input.maxLineBytes)
            lines.beforeRead = {
                // Nothing more waiting: a live pipeline sees what was classified so far.
                if !RecordStream.inputReady(fd) { ClassificationSession.flush(output, diagnostics) }
            }
            var decoder = NDJSONDecoder()
            try lines.forEachLine { line, number, problem in
                if let problem, case .tooLong(let limit) = problem {
                    diagnostics.reject("line longer than \(limit) bytes (raise --max-line-bytes)", file: source, line: number, raw: Array(line))
                    stopped = input.strict
                    return !stopped
                }
                if passLine(line, output) {
                    read += 1
                    return !output.pipeClosed
                }
                for item in decoder.decode(line: line, number: number) {
                    switch item {
                    case .record(let record, let n):
                        read += 1
                        for out in try process([InputRecord(record: record, file: source, line: n)]) {
                            Terminal.finishing { output.write(out) }
                        }
                    case .bad(let reason, let n, let raw):
                        diagnostics.reject(reason, file: source, line: n, raw: raw)
                        stopped = input.strict
                    }
                }
                Terminal.stopIfAsked { ClassificationSession.stop(output, diagnostics, $0) }
                return !stopped && !output.pipeClosed
            }
            if lines.readError != 0 {
                ClassificationSession.flush(output, diagnostics)
                diagnostics.error("cannot read \(Diagnostics.displayName(source)): \(String(cString: strerror(lines.readError)))")
                throw ExitCodeError.io
            }
        }
        ClassificationSession.flush(output, diagnostics)
        return read
    }

    /// Writes `line` with its classification when it is a plain call record the quick walk
    /// vouches for; false leaves the line to the general way.
    private func passLine(_ line: UnsafeRawBufferPointer, _ output: RecordWriter) -> Bool {
        var text: Range<Int>? = nil
        var hint: Range<Int>? = nil
        var fields = 0
        var plain = true
        let valid = JSONParser.skimObject(line) { key, value in
            fields += 1
            switch key.count {
            case 4 where ClassificationSession.equal(key, "text"): text = value
            case 11 where ClassificationSession.equal(key, "nature_hint"): hint = value
            case 4 where ClassificationSession.equal(key, "kind"):
                if !ClassificationSession.equal(UnsafeRawBufferPointer(rebasing: line[value]), "\"call\"") { plain = false }
            case 7 where ClassificationSession.equal(key, "answers"): plain = false
            case 14 where ClassificationSession.equal(key, "classification"): plain = false
            default: break
            }
        }
        guard valid, plain else { return false }
        // The closing brace: the line ends with it, after optional white space.
        var close = line.count - 1
        while close > 0, line[close] != UInt8(ascii: "}") { close -= 1 }
        let natureHint = hint.flatMap { ClassificationSession.string(line, $0) }
        Terminal.finishing {
            output.writeLine { out in
                out.append(UnsafeRawBufferPointer(rebasing: line[..<close]))
                out.append(literal: fields > 0 ? ",\"classification\":" : "\"classification\":")
                ClassificationSession.withText(line, text) { classifier.writeClassification(utf8: $0, natureHint: natureHint, to: &out) }
                out.append(UInt8(ascii: "}"))
            }
        }
        classified += 1
        Terminal.stopIfAsked { ClassificationSession.stop(output, nil, $0) }
        return true
    }

    private static func flush(_ output: RecordWriter, _ diagnostics: Diagnostics) {
        Terminal.finishing { output.flush() }
        Terminal.stopIfAsked { stop(output, diagnostics, $0) }
    }

    private static func stop(_ output: RecordWriter, _ diagnostics: Diagnostics?, _ signal: Int32) {
        output.flush()
        diagnostics?.note("stopped by \(Terminal.signalName(signal)); every record printed is whole")
    }

    private static func equal(_ bytes: UnsafeRawBufferPointer, _ literal: StaticString) -> Bool {
        bytes.count == literal.utf8CodeUnitCount && memcmp(bytes.baseAddress!, literal.utf8Start, bytes.count) == 0
    }

    /// The string value at `range` of `line`, or nil when the value is not a string.
    private static func string(_ line: UnsafeRawBufferPointer, _ range: Range<Int>) -> String? {
        (try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: line[range])))?.stringValue
    }

    /// The UTF-8 of the text at `range` (empty when there is none or it is not a string): where
    /// it lies in the line when it has no escape, else decoded once.
    private static func withText(_ line: UnsafeRawBufferPointer, _ range: Range<Int>?, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let range, line[range.lowerBound] == UInt8(ascii: "\"") else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let inner = UnsafeRawBufferPointer(rebasing: line[(range.lowerBound + 1)..<(range.upperBound - 1)])
        if inner.isEmpty || memchr(inner.baseAddress!, 0x5C, inner.count) == nil {
            return body(inner.assumingMemoryBound(to: UInt8.self))
        }
        var decoded = string(line, range) ?? ""
        decoded.withUTF8(body)
    }
}

/// One classification for a person on a terminal.
public enum ClassificationSheet {
    public static func render(_ c: Classification, colour: Bool) -> String {
        let p = c.priority.code
        let painted = colour ? (p == "P0" ? "\u{1B}[1;31m\(p)\u{1B}[0m" : p == "P1" ? "\u{1B}[1;33m\(p)\u{1B}[0m" : p) : p
        var s = "\(painted)  \(c.nature)  \(c.label)\(c.reflex ? "  — départ réflexe" : "")\n"
        s += "services: \(c.services.isEmpty ? "—" : c.services.joined(separator: ", "))   confidence: \(Int((c.confidence * 100).rounded())) %\n"
        if let facts = c.json["facts"]?.objectValue, !facts.isEmpty {
            s += "facts: " + facts.fields.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "\n"
        }
        for b in c.because { s += "because: \(b)\n" }
        if !c.missing.isEmpty { s += "missing: \(c.missing.joined(separator: ", "))\n" }
        for q in c.questions { s += "ask: \(q.text)\n" }
        s += "référentiel: \(c.referentiel)\n"
        return s
    }
}

/// The classifier behind `ccas-intake guided`: after each answer, what it now thinks and the
/// questions that would settle what is still missing.
public struct ClassifierFollowUp: FollowUpQuestions {
    public let classifier: Classifier
    public init(classifier: Classifier) { self.classifier = classifier }

    public func assess(_ record: JSONObject, language: String) -> FollowUp {
        let c = classifier.classify(text: record["text"]?.stringValue, natureHint: record["nature_hint"]?.stringValue,
                                    answers: Classifier.answers(of: record))
        let reflex = c.reflex ? (language == "en" ? " immediate departure" : " départ réflexe") : ""
        return FollowUp(summary: "\(c.nature) \(c.priority.code)\(reflex) — \(c.label)", questions: c.questions)
    }

    /// A bare yes, no or number is the answer to the question, not words of the description.
    public func answerJoinsText(question: String, answer: String) -> Bool {
        classifier.fact(answering: question, answer) == nil && !Classifier.isBareYesOrNo(answer)
    }
}
