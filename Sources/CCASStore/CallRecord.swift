import CCASCore

/// Reading a normalised `call` record into what the store keeps in columns.
extension IncomingCall {
    /// The reason is a sentence for the operator; the record should already be normalised.
    public init(record: JSONObject, exercise: Bool) throws(InputError) {
        guard let id = record["id"]?.stringValue, !id.isEmpty else { throw InputError("a call needs an \"id\"") }
        guard let receivedText = record["received_at"]?.stringValue else { throw InputError("a call needs \"received_at\"") }
        let received: Timestamp
        do { received = try Timestamp.parse(receivedText) } catch { throw InputError("\"received_at\": \(error)") }
        var answered: Int64?
        if let text = record["answered_at"]?.stringValue {
            do { answered = try Timestamp.parse(text).milliseconds } catch { throw InputError("\"answered_at\": \(error)") }
        }
        let location = record["location"]
        let key = record["correlation_key"]?.stringValue ?? record["source"]?["incident_number"]?.stringValue
        self.init(
            id: id, receivedAt: received.milliseconds, answeredAt: answered,
            channel: record["channel"]?.stringValue ?? "phone",
            phone: record["caller"]?["phone"]?.stringValue,
            lat: location?["lat"]?.fastDoubleValue, lon: location?["lon"]?.fastDoubleValue,
            address: location?["address"]?.stringValue, text: record["text"]?.stringValue,
            correlationKey: key, record: record,
            exercise: exercise || record["exercise"]?.boolValue == true)
    }
}

extension IncomingStatus {
    public init(record: JSONObject, exercise: Bool) throws(InputError) {
        guard let unit = record["unit"]?.stringValue, !unit.isEmpty else { throw InputError("a status needs a \"unit\"") }
        guard let status = record["status"]?.stringValue, !status.isEmpty else { throw InputError("a status needs a \"status\"") }
        guard let atText = record["at"]?.stringValue else { throw InputError("a status needs \"at\"") }
        let at: Timestamp
        do { at = try Timestamp.parse(atText) } catch { throw InputError("\"at\": \(error)") }
        self.init(
            unit: unit, unitType: record["unit_type"]?.stringValue, status: status.uppercased(), at: at.milliseconds,
            callID: record["call_id"]?.stringValue, eventNumber: record["event_id"]?.stringValue,
            lat: record["lat"]?.doubleValue ?? record["location"]?["lat"]?.doubleValue,
            lon: record["lon"]?.doubleValue ?? record["location"]?["lon"]?.doubleValue,
            source: record["source"]?.stringValue, exercise: exercise || record["exercise"]?.boolValue == true)
    }
}

