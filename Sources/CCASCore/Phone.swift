/// Phone numbers in E.164 (`+33612345678`), from what callers, operators and other systems write:
/// `06 12 34 56 78`, `0033 6 12 34 56 78`, `+33 (0)6 12…`, `(415) 555-0100`, `tel:+1-415-555-0100`.
///
/// A small table of the countries a centre meets most, not a numbering plan: a number from a
/// country not in the table is taken when written internationally (+ or 00) with 8–15 digits.
public enum Phone {
    public struct Country: Sendable, Equatable {
        public var iso: String
        public var callingCode: String
        /// The national trunk prefix dropped after the calling code (`0` in France), if any.
        public var trunkPrefix: String?
        /// Allowed lengths of the national significant number (what follows the calling code).
        public var lengths: ClosedRange<Int>
    }

    public static let countries: [Country] = [
        Country(iso: "FR", callingCode: "33", trunkPrefix: "0", lengths: 9...9),
        Country(iso: "US", callingCode: "1", trunkPrefix: "1", lengths: 10...10),
        Country(iso: "CA", callingCode: "1", trunkPrefix: "1", lengths: 10...10),
        Country(iso: "GB", callingCode: "44", trunkPrefix: "0", lengths: 9...10),
        Country(iso: "DE", callingCode: "49", trunkPrefix: "0", lengths: 6...13),
        Country(iso: "BE", callingCode: "32", trunkPrefix: "0", lengths: 8...9),
        Country(iso: "NL", callingCode: "31", trunkPrefix: "0", lengths: 9...9),
        Country(iso: "LU", callingCode: "352", trunkPrefix: nil, lengths: 4...11),
        Country(iso: "CH", callingCode: "41", trunkPrefix: "0", lengths: 9...9),
        Country(iso: "MC", callingCode: "377", trunkPrefix: nil, lengths: 8...9),
        // Italy keeps its leading 0 after +39: there is no trunk prefix to drop.
        Country(iso: "IT", callingCode: "39", trunkPrefix: nil, lengths: 6...11),
        Country(iso: "ES", callingCode: "34", trunkPrefix: nil, lengths: 9...9),
        Country(iso: "PT", callingCode: "351", trunkPrefix: nil, lengths: 9...9),
        Country(iso: "IE", callingCode: "353", trunkPrefix: "0", lengths: 7...9),
        Country(iso: "AT", callingCode: "43", trunkPrefix: "0", lengths: 4...13),
        Country(iso: "PL", callingCode: "48", trunkPrefix: nil, lengths: 9...9),
        Country(iso: "DZ", callingCode: "213", trunkPrefix: "0", lengths: 8...9),
        Country(iso: "MA", callingCode: "212", trunkPrefix: "0", lengths: 9...9),
        Country(iso: "TN", callingCode: "216", trunkPrefix: nil, lengths: 8...8),
    ]

    public static func country(_ iso: String) -> Country? {
        let iso = iso.uppercased()
        return countries.first { $0.iso == iso }
    }

    /// The number in E.164, or the reason it cannot be one.
    ///
    /// A number written without `+` or an international prefix is read as national to
    /// `defaultCountry` (its trunk prefix dropped). `00` is the international prefix everywhere
    /// in the table except North America, where it is `011`.
    public static func normalise(_ raw: String, defaultCountry: String = "FR") -> Result<String, InputError> {
        func fail(_ why: String) -> Result<String, InputError> { .failure(InputError("phone \"\(raw)\" \(why)")) }
        guard let home = country(defaultCountry) else {
            return .failure(InputError("default country \"\(defaultCountry)\" is not one of \(countries.map(\.iso).joined(separator: ", "))"))
        }
        if isCanonical(raw) { return .success(raw) }
        var text = Substring(raw.trimmingSpaces())
        if text.lowercased().hasPrefix("tel:") { text = text.dropFirst(4) }
        if let semicolon = text.firstIndex(of: ";") { text = text[..<semicolon] }  // tel: URI parameters
        var plus = false
        var digits: [UInt8] = []
        let scalars = Array(text.unicodeScalars)
        var k = 0
        while k < scalars.count {
            let c = scalars[k]
            switch c {
            case "0"..."9": digits.append(UInt8(c.value))
            case "+" where digits.isEmpty && !plus: plus = true
            // "+33 (0)6…": the (0) is the trunk prefix shown for national callers, never dialled after +33.
            case "(" where plus && k + 2 < scalars.count && scalars[k + 1] == "0" && scalars[k + 2] == ")": k += 2
            case " ", "-", ".", "(", ")", "/", "\t", "\u{A0}", "\u{202F}": break
            default:
                return fail("has a character that is not part of a phone number: \"\(c)\"")
            }
            k += 1
        }
        guard !digits.isEmpty else { return fail("has no digits") }
        var number = String(decoding: digits, as: UTF8.self)
        var international = plus
        if !international {
            let exit = home.callingCode == "1" ? "011" : "00"
            if number.hasPrefix(exit) {
                number.removeFirst(exit.count)
                international = true
            }
        }
        if !international {
            var national = Substring(number)
            if number.count <= 6 {
                return fail("is a short number (\(number.count) digits), not one that can be called back")
            }
            if let trunk = home.trunkPrefix, national.hasPrefix(trunk), trunk == "0" || national.count > home.lengths.upperBound {
                national = national.dropFirst(trunk.count)
            } else if let trunk = home.trunkPrefix, trunk == "0" {
                return fail("is not a \(home.iso) number: a national number starts with 0 (or write it with +)")
            }
            guard home.lengths.contains(national.count) else {
                return fail("has \(national.count) digits after the prefix; a \(home.iso) number has \(describe(home.lengths))")
            }
            if home.callingCode == "1", let first = national.first, first == "0" || first == "1" {
                return fail("has an area code starting with \(first); North American area codes start with 2–9")
            }
            return .success("+" + home.callingCode + national)
        }
        // International: find the calling code, longest first among the table's.
        guard number.count >= 8, number.count <= 15 else {
            return fail("has \(number.count) digits in international form; E.164 numbers have 8–15")
        }
        guard number.first != "0" else { return fail("has a calling code starting with 0") }
        let known = countries.filter { number.hasPrefix($0.callingCode) }.max { $0.callingCode.count < $1.callingCode.count }
        guard let known else { return .success("+" + number) }
        var national = Substring(number.dropFirst(known.callingCode.count))
        // "+33 06…": a trunk 0 kept by mistake after the calling code.
        if known.trunkPrefix == "0", national.hasPrefix("0") {
            national = national.dropFirst()
        }
        guard known.lengths.contains(national.count) else {
            return fail("has \(national.count) digits after +\(known.callingCode); a \(known.iso) number has \(describe(known.lengths))")
        }
        return .success("+" + known.callingCode + national)
    }

    /// True when `raw` is already what `normalise` would return ("+" and 8–15 digits, a known
    /// calling code followed by a national number of an allowed length): the common case on the
    /// pipes, checked without building any string.
    static func isCanonical(_ raw: String) -> Bool {
        // On the bytes, against a table of plain integers: every call of an intake comes here,
        // and the generic `starts(with:)` over the country table cost ~11,000 instructions a call.
        var raw = raw
        return raw.withUTF8 { u in
            let n = u.count
            guard n >= 9, n <= 16, u[0] == UInt8(ascii: "+"), u[1] != UInt8(ascii: "0") else { return false }
            for k in 1..<n where u[k] &- 0x30 >= 10 { return false }
            // The longest calling code of the table the digits start with (the first on a tie).
            var best: CanonicalRule?
            for rule in canonicalRules where rule.codeLength > (best?.codeLength ?? 0) {
                var prefix = 0
                for k in 1...rule.codeLength { prefix = prefix * 10 + Int(u[k] &- 0x30) }
                if prefix == rule.code { best = rule }
            }
            guard let known = best else { return true }
            if known.trunkZero, u[1 + known.codeLength] == UInt8(ascii: "0") { return false }
            return known.lengths.contains(n - 1 - known.codeLength)
        }
    }

    private struct CanonicalRule {
        var code: Int
        var codeLength: Int
        var trunkZero: Bool
        var lengths: ClosedRange<Int>
    }

    private static let canonicalRules: [CanonicalRule] = countries.map {
        CanonicalRule(code: Int($0.callingCode)!, codeLength: $0.callingCode.utf8.count, trunkZero: $0.trunkPrefix == "0", lengths: $0.lengths)
    }

    /// The number in E.164, or nil (when the reason does not matter).
    public static func e164(_ raw: String, defaultCountry: String = "FR") -> String? {
        try? normalise(raw, defaultCountry: defaultCountry).get()
    }

    private static func describe(_ r: ClosedRange<Int>) -> String {
        r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound)–\(r.upperBound)"
    }
}

