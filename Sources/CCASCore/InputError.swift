/// Why one piece of input (a line, a row, a payload, a field) could not be taken, said so that
/// a person can fix it: `line 17: "Received DtTm" is "13/45/2020 …", expected MM/dd/yyyy hh:mm:ss a`.
///
/// Readers return these as values and go on with the next input; none of them stops a stream.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The physical line (1-based) where the rejected input starts, when the input has lines.
    public var line: Int?
    public var reason: String
    /// The rejected input as read (the physical lines of a CSV record, an AML payload), for
    /// `--rejects FILE`; nil when there is nothing sensible to copy.
    public var raw: String?

    public init(line: Int? = nil, _ reason: String, raw: String? = nil) {
        self.line = line
        self.reason = reason
        self.raw = raw
    }

    public var description: String {
        if let line { return "line \(line): \(reason)" }
        return reason
    }
}

/// What a reader gives back for each piece of input: a record for the pipe, or the reason
/// a piece was rejected. Readers emit these in input order.
public enum IntakeOutput: Sendable, Equatable {
    case record(JSON)
    case rejected(InputError)

    public var record: JSON? {
        if case .record(let r) = self { return r }
        return nil
    }

    public var error: InputError? {
        if case .rejected(let e) = self { return e }
        return nil
    }
}
