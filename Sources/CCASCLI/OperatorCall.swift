import CCASCore
import Foundation

/// A call taken by an operator here (typed on the command line or asked for by `guided`),
/// as a `call` record ready for the normaliser.
public struct OperatorCall {
    public var id: String?
    public var channel: String
    public var phone: String?
    public var name: String?
    public var address: String?
    public var lat: Double?
    public var lon: Double?
    public var text: String?
    public var natureHint: String?
    public var receivedAt: Timestamp?
    public var operatorName: String

    public init(id: String? = nil, channel: String = "phone", phone: String? = nil, name: String? = nil, address: String? = nil,
                lat: Double? = nil, lon: Double? = nil, text: String? = nil, natureHint: String? = nil,
                receivedAt: Timestamp? = nil, operatorName: String) {
        self.id = id
        self.channel = channel
        self.phone = phone
        self.name = name
        self.address = address
        self.lat = lat
        self.lon = lon
        self.text = text
        self.natureHint = natureHint
        self.receivedAt = receivedAt
        self.operatorName = operatorName
    }

    public var record: JSONObject {
        let received = receivedAt ?? Timestamp.now
        var record: JSONObject = ["kind": "call", "v": 1]
        // Unique without coordination: the operator, the millisecond, and a random part.
        record["id"] = .string(id ?? "OP-\(received.milliseconds)-\(UInt32.random(in: 0...UInt32.max))")
        record["received_at"] = .string(received.iso8601)
        record["answered_at"] = .string(received.iso8601)
        record["channel"] = .string(channel)
        var caller = JSONObject()
        if let phone { caller["phone"] = .string(phone) }
        if let name { caller["name"] = .string(name) }
        if !caller.isEmpty { record["caller"] = .object(caller) }
        var location = JSONObject()
        if let address { location["address"] = .string(address) }
        if let lat, let lon {
            location["lat"] = .double(lat)
            location["lon"] = .double(lon)
            location["source"] = "operator"
        }
        if !location.isEmpty { record["location"] = .object(location) }
        if let text { record["text"] = .string(text) }
        if let natureHint { record["nature_hint"] = .string(natureHint) }
        record["operator"] = .string(operatorName)
        return record
    }
}
