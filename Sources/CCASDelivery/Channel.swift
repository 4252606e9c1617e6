import CCASCore
import CCASRules

/// A notification as a channel sees it: the record to send and what the channel needs from it.
public struct DeliveryMessage: Sendable {
    /// `N-42`.
    public var id: String
    /// The idempotency key receivers deduplicate on.
    public var key: String
    public var event: String?
    public var recipient: String
    public var channel: ChannelSpec
    public var priority: String?
    public var subject: String
    public var text: String
    public var exercise: Bool
    /// The whole `notification` record (what webhook, file and stdout send).
    public var record: JSONObject

    public init(id: String, key: String, event: String?, recipient: String, channel: ChannelSpec, priority: String?,
                subject: String, text: String, exercise: Bool, record: JSONObject)
    {
        self.id = id
        self.key = key
        self.event = event
        self.recipient = recipient
        self.channel = channel
        self.priority = priority
        self.subject = subject
        self.text = text
        self.exercise = exercise
        self.record = record
    }

    /// The event summary the notification carries.
    public var facts: EventFacts { EventFacts(record: record["event"]?.objectValue ?? JSONObject()) }
}

/// What one delivery attempt came to.
public enum DeliveryOutcome: Sendable, Equatable {
    /// Delivered; `acknowledgedBy` when the receiver's reply also acknowledged it.
    case delivered(acknowledgedBy: String?)
    /// Not delivered, worth trying again later (receiver down, 5xx, timeout).
    case retry(String)
    /// Refused for good (4xx, a command failing), with the reason.
    case failed(String)
}

/// A way of getting a notification to its recipient.
public protocol DeliveryChannel: Sendable {
    func deliver(_ message: DeliveryMessage) -> DeliveryOutcome
}

/// `stdout`: the `notification` record the program prints is the delivery.
public struct StdoutChannel: DeliveryChannel {
    public init() {}
    public func deliver(_ message: DeliveryMessage) -> DeliveryOutcome { .delivered(acknowledgedBy: nil) }
}

/// Builds the channel for a recipient's channel spec.
public struct ChannelFactory: Sendable {
    /// Where `file` and `cap` targets named "spool" write.
    public var spoolDirectory: String
    public var secret: [UInt8]?
    public var timeoutSeconds: Double
    public var environment: [String: String]

    public init(spoolDirectory: String, secret: [UInt8]?, timeoutSeconds: Double = 10, environment: [String: String] = [:]) {
        self.spoolDirectory = spoolDirectory
        self.secret = secret
        self.timeoutSeconds = timeoutSeconds
        self.environment = environment
    }

    public func make(_ spec: ChannelSpec) -> any DeliveryChannel {
        let target = spec.target == "spool" || spec.target.isEmpty ? spoolDirectory : spec.target
        switch spec.kind {
        case .stdout: return StdoutChannel()
        case .webhook: return WebhookChannel(url: spec.target, secret: secret, timeoutSeconds: timeoutSeconds)
        case .exec: return ExecChannel(command: spec.target, timeoutSeconds: max(timeoutSeconds, 30), environment: environment)
        case .file: return SpoolChannel(directory: target)
        case .cap:
            if target.hasPrefix("http://") || target.hasPrefix("https://") {
                return CAPChannel(destination: .webhook(WebhookChannel(url: target, secret: secret, timeoutSeconds: timeoutSeconds)))
            }
            return CAPChannel(destination: target.hasSuffix(".xml") ? .file(target) : .directory(target))
        }
    }
}
