import CCASCore

/// A record to print: an object to serialise, or a record already written as compact JSON with
/// a few fields to add at its end (`ccas-intake` adds the event and why to the call it stored:
/// copying the stored bytes costs a fraction of serialising the record again).
public enum OutputRecord {
    case object(JSONObject)
    /// `json` is a compact JSON object that has none of the keys of the fields rendered in
    /// `fields.bytes[range]` (`,"key":value…`, comma first), which are added at its end.
    case appended(json: [UInt8], fields: RenderedFields, range: Range<Int>)
}

/// The fields added to a batch's records, rendered one record after the other in one buffer (one
/// allocation a batch, not an array of key-value pairs a record).
public final class RenderedFields: @unchecked Sendable {
    public var bytes: [UInt8] = []
    public init(capacity: Int) { bytes.reserveCapacity(capacity) }
}

extension RecordWriter {
    public func write(_ record: OutputRecord) {
        switch record {
        case .object(let object):
            write(object)
        case .appended(let json, let fields, let range):
            writeLine { out in
                json.withUnsafeBytes { bytes in
                    // `{…}` → `{…,"key":value…}`; `{}` → `{"key":value…}`.
                    let body = UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 1)])
                    out.append(body)
                    fields.bytes.withUnsafeBytes { f in
                        let r = body.count == 1 && !range.isEmpty ? (range.lowerBound + 1)..<range.upperBound : range
                        out.append(UnsafeRawBufferPointer(rebasing: f[r]))
                    }
                    out.append(UInt8(ascii: "}"))
                }
            }
        }
    }
}
