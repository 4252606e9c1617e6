import CCASCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `webhook`: an HTTP POST of the notification record as JSON.
///
/// Headers: `X-CCAS-Signature: sha256=<hex HMAC-SHA256 of the body>` when a secret is set,
/// `Idempotency-Key` (receivers deduplicate on it), `X-CCAS-Notification`. A 2xx reply is a
/// delivery, and `{"ack":true}` in it an acknowledgement; 5xx, 408, 429, a timeout or a refused
/// connection are tried again later; any other reply is a failure with the reason.
public struct WebhookChannel: DeliveryChannel {
    public var url: String
    public var secret: [UInt8]?
    public var timeoutSeconds: Double
    public var contentType = "application/json"

    public init(url: String, secret: [UInt8]?, timeoutSeconds: Double = 10) {
        self.url = url
        self.secret = secret
        self.timeoutSeconds = timeoutSeconds
    }

    public func deliver(_ message: DeliveryMessage) -> DeliveryOutcome {
        post(body: Array(JSONWriter.string(.object(message.record)).utf8), message: message)
    }

    /// Sends `body` as this webhook would, for other formats (CAP).
    public func post(body: [UInt8], message: DeliveryMessage) -> DeliveryOutcome {
        guard let endpoint = URL(string: url), endpoint.scheme == "http" || endpoint.scheme == "https" else {
            return .failed("bad webhook URL \"\(url)\"")
        }
        var request = URLRequest(url: endpoint, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeoutSeconds)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        request.setValue(message.key, forHTTPHeaderField: "Idempotency-Key")
        request.setValue(message.id, forHTTPHeaderField: "X-CCAS-Notification")
        if let secret {
            request.setValue("sha256=" + HMAC.sha256Hex(key: secret, message: body), forHTTPHeaderField: "X-CCAS-Signature")
        }
        let reply = HTTPExchange.send(request, timeoutSeconds: timeoutSeconds)
        if let error = reply.error { return .retry(error) }
        let status = reply.status
        let text = String(decoding: reply.body.prefix(300), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        switch status {
        case 200..<300:
            let ack = (try? JSONParser.parse(reply.body))?["ack"]?.boolValue == true
            guard ack else { return .delivered(acknowledgedBy: nil) }
            let by = (try? JSONParser.parse(reply.body))?["by"]?.stringValue ?? message.recipient
            return .delivered(acknowledgedBy: by)
        case 408, 429, 500..<600:
            return .retry("HTTP \(status)" + (text.isEmpty ? "" : ": \(text)"))
        default:
            return .failed("HTTP \(status)" + (text.isEmpty ? "" : ": \(text)"))
        }
    }
}

/// One synchronous HTTP exchange over URLSession (the system's libcurl on Linux).
enum HTTPExchange {
    struct Reply: Sendable {
        var status = 0
        var body: [UInt8] = []
        var error: String?
    }

    private final class Box: @unchecked Sendable {
        var reply = Reply()
    }

    static func send(_ request: URLRequest, timeoutSeconds: Double) -> Reply {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeoutSeconds
        configuration.timeoutIntervalForResource = timeoutSeconds
        configuration.httpMaximumConnectionsPerHost = 1
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            if let error {
                box.reply.error = error.localizedDescription
            } else if let http = response as? HTTPURLResponse {
                box.reply.status = http.statusCode
                box.reply.body = data.map { Array($0) } ?? []
            } else {
                box.reply.error = "no HTTP reply"
            }
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + timeoutSeconds + 2) == .timedOut {
            task.cancel()
            return Reply(error: "timed out after \(timeoutSeconds) s")
        }
        return box.reply
    }
}
