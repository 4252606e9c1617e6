import CCASCore
import CCASRules
import Foundation
import Testing

@testable import CCASDelivery

func sampleMessage(key: String = "2026-000042:supervisor#0", channel: ChannelSpec = ChannelSpec(kind: .stdout),
                   exercise: Bool = false, text: String = "Événement 2026-000042 : arrêt cardio-respiratoire.") -> DeliveryMessage
{
    let facts = EventFacts(event: "2026-000042", nature: "SAP.ACR", natureLabel: "arrêt cardio-respiratoire", priority: "P0",
                           address: "12 rue de la Paix, Paris & <co>", lat: 48.869, lon: 2.331, talkgroup: "TKG-104", exercise: exercise)
    let record: JSONObject = ["kind": "notification", "v": 1, "id": "N-7", "key": .string(key), "event_id": "2026-000042",
                              "recipient": "supervisor", "ask": "prendre connaissance", "language": "fr", "text": .string(text),
                              "event": .object(facts.json), "queued_at": "2026-11-29T04:15:30.120Z"]
    return DeliveryMessage(id: "N-7", key: key, event: "2026-000042", recipient: "supervisor", channel: channel, priority: "P0",
                           subject: "[P0] 2026-000042 arrêt cardio-respiratoire", text: text, exercise: exercise, record: record)
}

func tempDir() -> String {
    let path = NSTemporaryDirectory() + "ccas-delivery-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite("Delivery channels")
struct ChannelTests {
    @Test("stdout: the printed record is the delivery")
    func stdout() {
        #expect(StdoutChannel().deliver(sampleMessage()) == .delivered(acknowledgedBy: nil))
    }

    @Test("file: one file per notification in the spool, written atomically, no temporary left")
    func spool() throws {
        let dir = tempDir() + "/spool"
        let channel = SpoolChannel(directory: dir)
        #expect(channel.deliver(sampleMessage()) == .delivered(acknowledgedBy: nil))
        #expect(channel.deliver(sampleMessage()) == .delivered(acknowledgedBy: nil))  // again: replaced, not doubled
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(files == ["N-7_2026-000042_supervisor_0.json"])
        let text = try String(contentsOfFile: dir + "/" + files[0], encoding: .utf8)
        #expect(try JSONParser.parse(text)["key"] == "2026-000042:supervisor#0")
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/" + files[0])[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("file names derived from ids and keys cannot leave the spool directory",
          arguments: ["../../etc/passwd", "/etc/passwd", "..", ".hidden", "a/b\\c\0d", String(repeating: "x", count: 400), ""])
    func names(_ key: String) throws {
        let name = SpoolFile.name(id: key.isEmpty ? "" : "N-1", key: key, extension: "json")
        #expect(!name.contains("/") && !name.hasPrefix(".") && name.utf8.count <= 160)
        let dir = tempDir()
        try SpoolFile.write(Array("{}".utf8), name: name, directory: dir + "/spool")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["spool"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/spool") == [name])
    }

    @Test("exec: message on stdin, metadata in the environment; non-zero exit fails, 75 retries")
    func exec() throws {
        let dir = tempDir()
        let ok = ExecChannel(command: "cat > '\(dir)/msg'; env | grep '^CCAS_' | sort > '\(dir)/env'")
        #expect(ok.deliver(sampleMessage()) == .delivered(acknowledgedBy: nil))
        #expect(try String(contentsOfFile: dir + "/msg", encoding: .utf8) == "Événement 2026-000042 : arrêt cardio-respiratoire.\n")
        let env = try String(contentsOfFile: dir + "/env", encoding: .utf8)
        for line in ["CCAS_EVENT=2026-000042", "CCAS_RECIPIENT=supervisor", "CCAS_NOTIFICATION=N-7",
                     "CCAS_KEY=2026-000042:supervisor#0", "CCAS_PRIORITY=P0", "CCAS_EXERCISE=0"] {
            #expect(env.contains(line + "\n"))
        }
        #expect(ExecChannel(command: "echo 'gateway said no' >&2; exit 3").deliver(sampleMessage())
                == .failed("command exited 3: gateway said no"))
        if case .retry = ExecChannel(command: "exit 75").deliver(sampleMessage()) {} else { Issue.record("exit 75 should retry") }
        if case .retry = ExecChannel(command: "sleep 1", timeoutSeconds: 0.3).deliver(sampleMessage()) {} else { Issue.record("a timeout should retry") }
    }

    /// Processes whose command line contains `marker` (pgrep -f), as pids.
    static func running(_ marker: String) -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["pgrep", "-f", marker]
        let out = Pipe()
        p.standardOutput = out
        try? p.run()
        p.waitUntilExit()
        return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test("exec: a timeout kills the whole process group, children included; nothing is left running")
    func execTimeoutKillsGroup() throws {
        // A unique duration names the sleeps so pgrep finds only this test's processes.
        let marker = "sleep 47.\(Int.random(in: 100_000...999_999))"
        let channel = ExecChannel(command: "sh -c '\(marker)' & \(marker) & wait", timeoutSeconds: 1.5)
        nonisolated(unsafe) var outcome: DeliveryOutcome?
        let done = DispatchSemaphore(value: 0)
        let started = Date()
        DispatchQueue.global().async {
            outcome = channel.deliver(sampleMessage())
            done.signal()
        }
        usleep(700_000)
        // The command, its child shell, and both sleeps are running while it waits.
        #expect(Self.running(marker).count >= 2, "the command should be running before the timeout")
        done.wait()
        #expect(Date().timeIntervalSince(started) < 5)
        if case .retry(let reason) = outcome {
            #expect(reason.contains("timed out"))
        } else {
            Issue.record("a timeout should retry, got \(String(describing: outcome))")
        }
        usleep(200_000)
        #expect(Self.running(marker).isEmpty, "left running after the timeout: \(Self.running(marker))")
    }

    @Test("exec: the command does not inherit an ignored SIGPIPE or a blocked SIGTERM")
    func execSignals() throws {
        let dir = tempDir()
        let channel = ExecChannel(command: "grep -E '^(SigBlk|SigIgn)' /proc/self/status > '\(dir)/sig'")
        #expect(channel.deliver(sampleMessage()) == .delivered(acknowledgedBy: nil))
        let text = try String(contentsOfFile: dir + "/sig", encoding: .utf8)
        #expect(text.contains("SigBlk:\t0000000000000000"), "\(text)")
        // SIGPIPE is signal 13: bit 12 of the ignored mask.
        let ignored = text.split(separator: "\n").first { $0.hasPrefix("SigIgn") }.flatMap { UInt64($0.split(separator: "\t").last ?? "", radix: 16) } ?? 0
        #expect(ignored & (1 << 12) == 0, "\(text)")
    }

    @Test("webhook: a receiver that is down means try again later; a bad URL fails")
    func webhookDown() {
        if case .retry = WebhookChannel(url: "http://127.0.0.1:1/hook", secret: nil, timeoutSeconds: 2).deliver(sampleMessage()) {} else {
            Issue.record("connection refused should retry")
        }
        if case .failed = WebhookChannel(url: "ftp://x", secret: nil).deliver(sampleMessage()) {} else { Issue.record("bad URL should fail") }
    }

    @Test("the factory maps each channel kind, and `spool` to the spool directory")
    func factory() {
        let f = ChannelFactory(spoolDirectory: "/tmp/s", secret: nil)
        #expect((f.make(ChannelSpec(kind: .file, target: "spool")) as? SpoolChannel)?.directory == "/tmp/s")
        #expect(f.make(ChannelSpec(kind: .webhook, target: "http://x/")) is WebhookChannel)
        #expect(f.make(ChannelSpec(kind: .exec, target: "true")) is ExecChannel)
        #expect(f.make(ChannelSpec(kind: .cap, target: "spool")) is CAPChannel)
    }
}

@Suite("CAP 1.2 alerts")
struct CAPTests {
    func xml(exercise: Bool = false) -> String {
        CAPAlert.from(sampleMessage(exercise: exercise), sentMillis: 1_795_925_730_120).xml
    }

    @Test("the required elements, in order, with escaped text")
    func required() {
        let x = xml()
        var at = x.startIndex
        for element in ["<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">", "<identifier>2026-000042:supervisor#0</identifier>",
                        "<sender>ccas</sender>", "<sent>2026-11-29T04:15:30+00:00</sent>", "<status>Actual</status>",
                        "<msgType>Alert</msgType>", "<scope>Restricted</scope>", "<restriction>", "<info>", "<language>fr-FR</language>",
                        "<category>Health</category>", "<event>arrêt cardio-respiratoire</event>", "<urgency>Immediate</urgency>",
                        "<severity>Extreme</severity>", "<certainty>Likely</certainty>", "<area>",
                        "<areaDesc>12 rue de la Paix, Paris &amp; &lt;co&gt;</areaDesc>", "<circle>48.869,2.331 0.2</circle>"] {
            guard let r = x.range(of: element, range: at..<x.endIndex) else {
                Issue.record("\(element) missing or out of order in\n\(x)")
                return
            }
            at = r.upperBound
        }
        #expect(xml(exercise: true).contains("<status>Exercise</status>"))
        #expect(CAPAlert.category(nature: "TEC.NRBC") == "CBRNE" && CAPAlert.category(nature: "INC.ERP") == "Fire")
    }

    @Test("validates against the OASIS CAP 1.2 schema (xmllint), with a circle and with a polygon")
    func schema() throws {
        let dir = tempDir()
        var alert = CAPAlert.from(sampleMessage(exercise: true), sentMillis: 1_795_925_730_120)
        alert.areas[0].polygons = [[(48.86, 2.33), (48.87, 2.33), (48.87, 2.34), (48.86, 2.33)]]
        for (i, doc) in [xml(), alert.xml].enumerated() {
            let path = dir + "/alert\(i).xml"
            try doc.write(toFile: path, atomically: true, encoding: .utf8)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["xmllint", "--noout", "--schema", capSchema, path]
            let err = Pipe()
            p.standardError = err
            try p.run()
            p.waitUntilExit()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(p.terminationStatus == 0, "\(message)")
        }
    }

    @Test("the cap channel writes the alert to a directory or a file")
    func channel() throws {
        let dir = tempDir()
        #expect(CAPChannel(destination: .directory(dir + "/cap")).deliver(sampleMessage()) == .delivered(acknowledgedBy: nil))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/cap") == ["N-7_2026-000042_supervisor_0.xml"])
        #expect(CAPChannel(destination: .file(dir + "/one.xml")).deliver(sampleMessage()) == .delivered(acknowledgedBy: nil))
        #expect(try String(contentsOfFile: dir + "/one.xml", encoding: .utf8).contains("<identifier>"))
    }

    var capSchema: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/data/cap/CAP-v1.2.xsd").standardized.path
    }
}
