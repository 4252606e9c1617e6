import CCASCore

/// A record to print: an object to serialise, or a record already written as compact JSON with
/// a few fields to add at its end (`ccas-intake` adds the event and why to the call it stored:
/// copying the stored bytes costs a fraction of serialising the record again).
public enum OutputRecord {
    case object(JSONObject)
    /// `json` is a compact JSON object that has none of `fields`' keys.
    case extended(json: [UInt8], fields: [(key: String, value: JSON)])
}

extension RecordWriter {
    public func write(_ record: OutputRecord) {
        switch record {
        case .object(let object):
            write(object)
        case .extended(let json, let fields):
            writeLine { out in
                json.withUnsafeBytes { bytes in
                    // `{…}` → `{…,"key":value…}`; `{}` → `{"key":value…}`.
                    let body = UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 1)])
                    out.append(body)
                    var first = body.count == 1
                    for (key, value) in fields {
                        if !first { out.append(UInt8(ascii: ",")) }
                        first = false
                        JSONWriter.writeString(key, to: &out)
                        out.append(UInt8(ascii: ":"))
                        JSONWriter.write(value, to: &out)
                    }
                    out.append(UInt8(ascii: "}"))
                }
            }
        }
    }
}
