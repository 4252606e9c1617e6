import Foundation
import Testing

/// A real HTTP receiver on loopback (Fixtures/webhook-receiver.py), started and stopped by the test.
final class WebhookReceiver {
    let dir: String
    let log: String
    private(set) var port = 0
    private var process: Process?

    init(dir: String) {
        self.dir = dir
        log = dir + "/requests.ndjson"
    }

    func start(port: Int = 0, _ options: [String] = []) throws {
        let portFile = dir + "/port-\(UUID().uuidString)"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Shell.packageRoot + "/Tests/EndToEndTests/Fixtures/webhook-receiver.py", log, portFile,
                       "--port", String(port)] + options
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        process = p
        for _ in 0..<200 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let n = Int(text) {
                self.port = n
                return
            }
            usleep(25_000)
        }
        throw CocoaError(.fileNoSuchFile)
    }

    func stop() {
        guard let p = process else { return }
        // SIGKILL: a child of the test runner may inherit a mask that blocks SIGTERM.
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        process = nil
    }

    var url: String { "http://127.0.0.1:\(port)/hook" }

    /// Every request received, oldest first.
    var requests: [[String: Any]] {
        guard let text = try? String(contentsOfFile: log, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    deinit { stop() }
}

@Suite("ccas-notify delivering to a real webhook receiver", .serialized)
struct NotifyWebhookTests {
    let dir = Shell.tempDir()
    var db: String { dir + "/ccas.db" }
    var secretFile: String { dir + "/secret" }
    let secret = "s3cret-for-tests"

    init() throws {
        try secret.write(toFile: dir + "/secret", atomically: true, encoding: .utf8)
    }

    static let p0 = #"{"kind":"dispatch","v":1,"event_id":"2026-000042","committed":true,"location":{"address":"12 rue de la Paix, Paris","lat":48.869,"lon":2.331},"classification":{"nature":"SEC.ATTENTAT","priority":"P0","facts":{"victims":4}},"units":[{"id":"VSAV-12","type":"VSAV","station":"CIS Centre"},{"id":"PS-3","type":"PS","station":"Commissariat Centre"}],"talkgroup":"TKG-104"}"#

    func notify(_ args: String, stdin: String? = nil) throws -> Shell.Result {
        try Shell.run("ccas-notify \(args) --db '\(db)'", stdin: stdin, env: ["CCAS_WEBHOOK_SECRET_FILE": secretFile])
    }

    /// The signature the receiver got, checked with Python's hmac module (an independent implementation).
    func signatureIsValid(_ request: [String: Any]) throws -> Bool {
        let headers = request["headers"] as? [String: String] ?? [:]
        guard let header = headers["X-CCAS-Signature"] ?? headers["X-Ccas-Signature"] else { return false }
        let body = request["body"] as? String ?? ""
        try body.write(toFile: dir + "/body", atomically: true, encoding: .utf8)
        let r = try Shell.run("""
            python3 -c 'import hmac,hashlib,sys; print("sha256="+hmac.new(open(sys.argv[1],"rb").read().strip(), open(sys.argv[2],"rb").read(), hashlib.sha256).hexdigest())' '\(secretFile)' '\(dir)/body'
            """)
        return r.lines.first == header
    }

    @Test("a P0 event's notifications arrive signed, with their idempotency key, and are printed as sent")
    func signedDelivery() throws {
        let receiver = WebhookReceiver(dir: dir)
        try receiver.start()
        defer { receiver.stop() }
        let r = try notify("--channel webhook --url \(receiver.url)", stdin: Self.p0 + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        let records = r.records
        // Stations of both units, supervisor, duty officer, prefect, prosecutor, SAMU, police, gendarmerie.
        #expect(records.count == 9)
        #expect(records.allSatisfy { $0["status"] as? String == "sent" })
        let recipients = Set(records.compactMap { $0["recipient"] as? String })
        #expect(recipients == ["station:CIS Centre", "station:Commissariat Centre", "supervisor", "duty_officer", "prefect",
                               "prosecutor", "samu", "police", "gendarmerie"])
        let requests = receiver.requests
        #expect(requests.count == 9)
        for request in requests {
            #expect(try signatureIsValid(request))
            let headers = request["headers"] as? [String: String] ?? [:]
            let body = try JSONSerialization.jsonObject(with: Data((request["body"] as? String ?? "").utf8)) as? [String: Any]
            #expect(headers["Idempotency-Key"] == body?["key"] as? String)
            #expect(body?["kind"] as? String == "notification" && body?["event_id"] as? String == "2026-000042")
        }
        #expect(r.stderr.contains("9 queued, 9 delivered"))
        // Re-reading the same record queues and sends nothing more.
        let again = try notify("--channel webhook --url \(receiver.url)", stdin: Self.p0 + "\n")
        #expect(again.status == 0 && again.lines.isEmpty)
        #expect(receiver.requests.count == 9)
    }

    @Test("with the receiver down nothing is lost: pending, then delivered exactly once per key when it is up")
    func receiverDown() throws {
        let receiver = WebhookReceiver(dir: dir)
        try receiver.start()
        let port = receiver.port
        receiver.stop()
        let r = try notify("--channel webhook --url http://127.0.0.1:\(port)/hook --retry-after 0 --timeout 2", stdin: Self.p0 + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.records.count == 9 && r.records.allSatisfy { $0["status"] as? String == "pending" && $0["last_error"] != nil })
        let pending = try notify("pending --format ndjson")
        #expect(pending.records.count == 9)
        try receiver.start(port: port)
        defer { receiver.stop() }
        let d = try notify("deliver --retry-after 0")
        #expect(d.status == 0, "\(d.stderr)")
        #expect(d.records.count == 9 && d.records.allSatisfy { $0["status"] as? String == "sent" && $0["attempts"] as? Int == 2 })
        let d2 = try notify("deliver --retry-after 0")
        #expect(d2.lines.isEmpty)
        let keys = receiver.requests.compactMap { ($0["headers"] as? [String: String])?["Idempotency-Key"] }
        #expect(keys.count == 9 && Set(keys).count == 9)
    }

    @Test("a receiver answering 500 is retried; one answering 400 is a failure with the reason")
    func retryAndFailure() throws {
        let receiver = WebhookReceiver(dir: dir)
        try receiver.start(["--fail-first", "1"])
        let r = try notify("--channel webhook --url \(receiver.url) --retry-after 0", stdin: Self.p0 + "\n")
        #expect(r.records.allSatisfy { $0["status"] as? String == "pending" && ($0["last_error"] as? String)?.hasPrefix("HTTP 500") == true })
        let d = try notify("deliver --retry-after 0")
        #expect(d.records.count == 9 && d.records.allSatisfy { $0["status"] as? String == "sent" })
        #expect(receiver.requests.count == 18)
        receiver.stop()

        try receiver.start(["--status", "400", "--body", "unknown recipient"])
        defer { receiver.stop() }
        let send = try notify("send --to supervisor --event 2026-000042 --text 'appelez la salle' --channel webhook --url \(receiver.url)")
        #expect(send.status == 0, "\(send.stderr)")
        #expect(send.records.first?["status"] as? String == "failed")
        #expect(send.records.first?["last_error"] as? String == "HTTP 400: unknown recipient")
        let journal = try Shell.run("sqlite3 '\(db)' \"SELECT kind FROM journal WHERE kind = 'notification.failed'\"")
        #expect(journal.lines.count == 1)
    }

    @Test("a receiver's {\"ack\":true} reply acknowledges the notification")
    func ackReply() throws {
        let receiver = WebhookReceiver(dir: dir)
        try receiver.start(["--ack"])
        defer { receiver.stop() }
        let r = try notify("--channel webhook --url \(receiver.url)", stdin: Self.p0 + "\n")
        #expect(r.records.allSatisfy { $0["status"] as? String == "acknowledged" })
        #expect(try notify("pending --format ndjson").lines.isEmpty)
    }

    @Test("ack, pending with age and deadline, escalation after the deadline to the escalation recipient")
    func ackPendingEscalate() throws {
        let receiver = WebhookReceiver(dir: dir)
        try receiver.start()
        defer { receiver.stop() }
        let hook = "--channel webhook --url \(receiver.url)"
        let r = try notify("\(hook) --deadline 1", stdin: Self.p0 + "\n")
        #expect(r.status == 0)
        let pending = try notify("pending --format ndjson")
        #expect(pending.records.count == 9)
        #expect(pending.records.allSatisfy { $0["age_s"] != nil && $0["deadline_at"] != nil })
        let table = try notify("pending --format table")
        #expect(table.lines.first?.hasPrefix("ID") == true && table.stdout.contains("supervisor"))
        let ack = try notify("ack N-1 --by 'CIS Centre'")
        #expect(ack.status == 0 && ack.records.first?["status"] as? String == "acknowledged")
        #expect(ack.records.first?["acknowledged_by"] as? String == "CIS Centre")
        #expect(try notify("pending --format ndjson").records.count == 8)
        #expect(try notify("ack N-999").status == 1)
        usleep(1_200_000)
        let e = try notify("escalate \(hook) --deadline 30")
        #expect(e.status == 0, "\(e.stderr)")
        let escalated = e.records.filter { $0["status"] as? String == "escalated" }
        #expect(escalated.count == 8)
        let supervisor = try #require(escalated.first { $0["recipient"] as? String == "supervisor" })
        #expect(supervisor["escalated_to"] as? String == "duty_officer")
        let toDuty = e.records.filter { $0["escalation_of"] as? String == supervisor["key"] as? String }
        #expect(toDuty.count == 1 && toDuty.first?["recipient"] as? String == "duty_officer" && toDuty.first?["status"] as? String == "sent")
        let j = try Shell.run("sqlite3 '\(db)' \"SELECT count(*) FROM journal WHERE kind = 'notification.escalated'\"")
        #expect(j.lines == ["8"])
        // Nothing is escalated twice.
        let again = try notify("escalate \(hook)")
        #expect(again.records.filter { $0["status"] as? String == "escalated" }.isEmpty)
    }

    @Test("cap to a webhook: each alert arrives signed as application/cap+xml and validates against OASIS CAP 1.2")
    func capWebhook() throws {
        let receiver = WebhookReceiver(dir: dir)
        try receiver.start()
        defer { receiver.stop() }
        let r = try notify("--channel cap --url \(receiver.url)", stdin: Self.p0 + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.records.count == 9 && r.records.allSatisfy { $0["status"] as? String == "sent" })
        var exercise = Self.p0.replacingOccurrences(of: "2026-000042", with: "2026-000043")
        exercise = exercise.replacingOccurrences(of: #""committed":true"#, with: #""committed":true,"exercise":true"#)
        let x = try notify("--exercise --channel cap --url \(receiver.url)", stdin: exercise + "\n")
        #expect(x.status == 0, "\(x.stderr)")
        let requests = receiver.requests
        #expect(requests.count == 9 + x.records.count && x.records.count >= 1)
        let schema = Shell.sharedData + "/cap/CAP-v1.2.xsd"
        for (i, request) in requests.enumerated() {
            let headers = request["headers"] as? [String: String] ?? [:]
            #expect(headers["Content-Type"] == "application/cap+xml")
            #expect(try signatureIsValid(request))
            let body = request["body"] as? String ?? ""
            let file = dir + "/alert-\(i).xml"
            try body.write(toFile: file, atomically: true, encoding: .utf8)
            let lint = try Shell.run("xmllint --noout --schema '\(schema)' '\(file)'")
            #expect(lint.status == 0, "\(lint.stderr)\n\(body)")
            // The idempotency key, with the spaces CAP forbids in an identifier encoded.
            let key = (headers["Idempotency-Key"] ?? "?").replacingOccurrences(of: " ", with: "%20")
            #expect(body.contains("<identifier>\(key)</identifier>"), "\(body)")
            let isExercise = body.contains("2026-000043")
            #expect(body.contains(isExercise ? "<status>Exercise</status>" : "<status>Actual</status>"))
        }
    }

    @Test("a bad recipients file is a clear error naming file and line, and nothing is sent")
    func badRecipients() throws {
        let receiver = WebhookReceiver(dir: dir)
        try receiver.start()
        defer { receiver.stop() }
        let rules = dir + "/rules"
        try FileManager.default.createDirectory(atPath: rules, withIntermediateDirectories: true)
        try """
            recipients:
              - id: supervisor
                kind: role
                channels: [{type: pigeon, target: roof}]
            """.write(toFile: rules + "/recipients.yaml", atomically: true, encoding: .utf8)
        let r = try notify("--rules '\(rules)' --channel webhook --url \(receiver.url)", stdin: Self.p0 + "\n")
        #expect(r.status == 65)
        #expect(r.stderr.contains("recipients.yaml:4"))
        #expect(r.stderr.contains("unknown channel type \"pigeon\""))
        #expect(r.stderr.contains("nothing was sent"))
        #expect(r.lines.isEmpty && receiver.requests.isEmpty)
    }
}
