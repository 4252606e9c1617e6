/// Folds text once to lower-case ASCII bytes: accents dropped, ligatures split, typographic
/// apostrophes made plain, so every pattern is matched on the same bytes.
enum TextFolding {
    /// Folded bytes of `text`; bytes that are not letters or digits keep their meaning as
    /// separators: `'` apostrophe, `.` a break between clauses, ` ` anything else.
    static func fold(_ text: String) -> [UInt8] {
        var text = text
        // Native strings are contiguous UTF-8; bridged ones are made so once.
        return text.withUTF8 { fold($0) }
    }

    /// Never longer than the input: every folded sequence is at most as long as its UTF-8.
    static func fold(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: input.count) { out, written in
            written = fold(input, into: out.baseAddress!)
        }
    }

    /// Folds `text` into `buffer` (grown when too small, never shrunk: the classifier reuses it
    /// from call to call) and returns the number of folded bytes.
    static func fold(_ text: String, into buffer: inout [UInt8]) -> Int {
        var text = text
        return text.withUTF8 { fold($0, growing: &buffer) }
    }

    /// As `fold(_:into:)`, from UTF-8 bytes: the text of a record line, read where it lies.
    /// (Not `into:`: `&buffer` would also convert to the pointer overload, which never grows.)
    static func fold(_ input: UnsafeBufferPointer<UInt8>, growing buffer: inout [UInt8]) -> Int {
        if buffer.count < input.count { buffer = [UInt8](repeating: 0, count: max(input.count, 2 * buffer.count, 256)) }
        return buffer.withUnsafeMutableBufferPointer { fold(input, into: $0.baseAddress!) }
    }

    /// Writes the folded bytes of `input` at `out`, which has room for `input.count` bytes;
    /// returns how many it wrote.
    static func fold(_ input: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let n = input.count
        return ascii.withUnsafeBufferPointer { ascii in
            var o = 0
            var i = 0
            while i < n {
                let b = input[i]
                i += 1
                // Most text is ASCII: one load from the table, no branch on the kind of byte.
                if b < 0x80 {
                    out[o] = ascii[Int(b)]
                    o += 1
                    continue
                }
                switch b {
                case 0xc3 where i < n:
                    let c = input[i]
                    i += 1
                    if let folded = latin1[Int(c & 0x3f)] {
                        out[o] = folded.0; o += 1
                        if folded.1 != 0 { out[o] = folded.1; o += 1 }
                    } else {
                        out[o] = 0x20; o += 1
                    }
                case 0xc5 where i < n:
                    let c = input[i]
                    i += 1
                    if c == 0x92 || c == 0x93 {  // Œ œ
                        out[o] = 0x6f; out[o + 1] = 0x65; o += 2
                    } else {
                        out[o] = 0x20; o += 1
                    }
                case 0xe2 where i + 1 < n:
                    // ’ ‘ ′ are apostrophes; … ends a clause; other punctuation separates.
                    let c1 = input[i], c2 = input[i + 1]
                    i += 2
                    if c1 == 0x80 && (c2 == 0x98 || c2 == 0x99 || c2 == 0xb2) {
                        out[o] = 0x27
                    } else if c1 == 0x80 && c2 == 0xa6 {
                        out[o] = 0x2e
                    } else {
                        out[o] = 0x20
                    }
                    o += 1
                case 0xc0...0xff:
                    // Another multi-byte character: one separator for the whole sequence.
                    while i < n && input[i] & 0xc0 == 0x80 { i += 1 }
                    out[o] = 0x20; o += 1
                default: out[o] = 0x20; o += 1
                }
            }
            return o
        }
    }

    /// The folded byte of each ASCII byte: letters and digits in lower case, `'` for the
    /// apostrophe and the backquote, `.` for what ends a clause, a space for the rest.
    private static let ascii: [UInt8] = (0..<128).map { b -> UInt8 in
        switch UInt8(b) {
        case 0x61...0x7a, 0x30...0x39: UInt8(b)
        case 0x41...0x5a: UInt8(b) + 32
        case 0x27, 0x60: 0x27
        case 0x2e, 0x2c, 0x21, 0x3f, 0x3b, 0x3a: 0x2e
        default: 0x20
        }
    }

    /// Second byte of U+00C0…U+00FF (after 0xC3), masked to 6 bits → folded letters.
    private static let latin1: [(UInt8, UInt8)?] = {
        var t = [(UInt8, UInt8)?](repeating: nil, count: 64)
        let map: [(ClosedRange<Int>, String)] = [
            (0x00...0x06, "a"), (0x07...0x07, "c"), (0x08...0x0b, "e"), (0x0c...0x0f, "i"),
            (0x11...0x11, "n"), (0x12...0x16, "o"), (0x18...0x18, "o"), (0x19...0x1c, "u"), (0x1d...0x1d, "y"),
            (0x1f...0x1f, "ss"),
            (0x20...0x26, "a"), (0x27...0x27, "c"), (0x28...0x2b, "e"), (0x2c...0x2f, "i"),
            (0x31...0x31, "n"), (0x32...0x36, "o"), (0x38...0x38, "o"), (0x39...0x3c, "u"), (0x3d...0x3d, "y"),
            (0x3f...0x3f, "y"),
        ]
        for (range, s) in map {
            let u = Array(s.utf8)
            for i in range { t[i] = (u[0], u.count > 1 ? u[1] : 0) }
        }
        t[0x06] = (0x61, 0x65)  // Æ
        t[0x26] = (0x61, 0x65)  // æ
        return t
    }()
}
