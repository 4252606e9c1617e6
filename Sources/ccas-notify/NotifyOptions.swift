import ArgumentParser
import CCASCLI
import CCASCore
import CCASDelivery
import CCASRules
import CCASStore
import Foundation

extension ChannelSpec.Kind: ExpressibleByArgument {}

/// The options every ccas-notify command that decides or delivers shares.
struct NotifyOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Directory with recipients.yaml, notification-rules.yaml, templates.yaml (the built-in ones for files not there).", discussion: "Default: $CCAS_RULES when set.", valueName: "dir"))
    var rules: String?

    @Option(name: .customLong("lang"), help: ArgumentHelp("Language of the messages (fr or en).", valueName: "lang"))
    var language: String?

    @Option(name: .long, help: "Send every notification of this run on this channel, whatever the recipients' own (stdout, file, webhook, exec, cap).")
    var channel: ChannelSpec.Kind?

    @Option(name: .long, help: ArgumentHelp("URL for --channel webhook (or cap).", valueName: "url"))
    var url: String?

    @Option(name: .long, help: ArgumentHelp("Target for --channel exec (a command), file or cap (a directory).", valueName: "target"))
    var target: String?

    @Option(name: .long, help: ArgumentHelp("Spool directory for file and cap channels whose target is `spool`.", discussion: "Default: $CCAS_SPOOL, else $XDG_DATA_HOME/ccas/spool.", valueName: "dir"))
    var spool: String?

    @Option(name: .long, help: ArgumentHelp("File holding the webhook signing secret.", discussion: "Default: $CCAS_WEBHOOK_SECRET_FILE; or the secret itself in $CCAS_WEBHOOK_SECRET. Never on the command line.", valueName: "file"))
    var secretFile: String?

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for a webhook or command.", valueName: "s"))
    var timeout: Double = 10

    @Option(name: .long, help: ArgumentHelp("Acknowledgement deadline, in seconds, for every notification of this run (default: by priority, P0 60 s).", valueName: "s"))
    var deadline: Int?

    @Option(name: .long, help: ArgumentHelp("First retry delay in seconds; doubled at each attempt, with jitter.", valueName: "s"))
    var retryAfter: Double = 2

    @Option(name: .long, help: ArgumentHelp("Longest retry delay in seconds.", valueName: "s"))
    var retryMax: Double = 300

    @Option(name: .long, help: ArgumentHelp("Attempts before a notification is given up as failed.", valueName: "n"))
    var maxAttempts: Int = 200

    func validate() throws {
        if channel == .webhook, url == nil { throw ValidationError("--channel webhook needs --url URL") }
        if channel == .exec, target == nil { throw ValidationError("--channel exec needs --target COMMAND") }
        if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) { throw ValidationError("--url must be an http:// or https:// URL") }
        if url != nil, channel == nil { throw ValidationError("--url goes with --channel webhook or --channel cap") }
        if let language, language != "fr", language != "en" { throw ValidationError("--lang is fr or en") }
        if timeout <= 0 || retryAfter < 0 || retryMax < retryAfter || maxAttempts < 1 {
            throw ValidationError("--timeout must be positive, --retry-after at most --retry-max, --max-attempts at least 1")
        }
        if let deadline, deadline < 0 { throw ValidationError("--deadline must be positive") }
    }

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var retryPolicy: RetryPolicy {
        RetryPolicy(baseMillis: Int64(retryAfter * 1000), capMillis: Int64(retryMax * 1000), maxAttempts: maxAttempts)
    }

    var channelOverride: ChannelSpec? {
        channel.map { ChannelSpec(kind: $0, target: url ?? target ?? "spool") }
    }

    /// Loads the rules; a bad file is a clear error naming file and line, and nothing is sent.
    func makeEngine(diagnostics: Diagnostics) throws -> NotificationEngine {
        let config: NotificationConfig
        var hash = Referentiel.builtInHash
        do {
            if let dir = rules ?? environment["CCAS_RULES"].flatMap({ $0.isEmpty ? nil : $0 }) {
                config = try NotificationConfig.load(directory: dir)
                hash = Referentiel.hash(partialFolder: dir)
            } else {
                config = NotificationConfig.default
            }
        } catch let error as ReferentielError {
            for p in error.problems { diagnostics.error(p.message, at: p.line > 0 ? "\(p.file):\(p.line)" : p.file) }
            diagnostics.error("the notification rules are invalid: nothing was sent")
            throw ExitCode.dataError
        }
        let labels = NatureLabels()
        return NotificationEngine(config: config, language: language, channelOverride: channelOverride,
                                  referentielHash: hash, natureLabel: { code, lang in labels.label(code, lang) })
    }

    func makeFactory(diagnostics: Diagnostics) throws -> ChannelFactory {
        let env = environment
        let spoolDir = spool ?? env["CCAS_SPOOL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (env["HOME"] ?? NSHomeDirectory()) + "/.local/share") + "/ccas/spool")
        var secret: [UInt8]?
        if let path = secretFile ?? env["CCAS_WEBHOOK_SECRET_FILE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.error("cannot read the webhook secret file \(path)")
                throw ExitCode.ioError
            }
            var bytes = Array(data)
            while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
            secret = bytes
        } else if let s = env["CCAS_WEBHOOK_SECRET"], !s.isEmpty {
            secret = Array(s.utf8)
        }
        if secret == nil, channel == .webhook || channel == .cap && url != nil {
            diagnostics.warning("no webhook secret ($CCAS_WEBHOOK_SECRET_FILE, --secret-file or $CCAS_WEBHOOK_SECRET): requests go unsigned")
        }
        return ChannelFactory(spoolDirectory: spoolDir, secret: secret, timeoutSeconds: timeout)
    }
}

/// Nature labels from the classification référentiel (read the first time a message needs one).
struct NatureLabels: Sendable {
    func label(_ code: String, _ language: String) -> String? {
        guard let nature = Referentiel.default.nature(code) else { return nil }
        return language == "en" ? nature.labelEN : nature.labelFR
    }
}

extension PlannedNotification {
    /// The outbox row for this notification (`deadline` overrides the rules' deadline).
    func outboxItem(deadline: Int?) -> OutboxItem {
        var record = self.record
        let seconds = deadline ?? deadlineSeconds
        if deadline != nil { record["deadline_s"] = .int(seconds) }
        return OutboxItem(key: key, event: event, recipient: recipient, channel: channel.kind.rawValue,
                          target: channel.target, rule: rule, unit: unit, priority: priority, payload: record,
                          deadlineSeconds: seconds, exercise: exercise)
    }
}
