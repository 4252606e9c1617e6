/// The little language of patterns.yaml phrases, and the shapes of codes in the référentiel.
enum PhraseSyntax {
    struct Word: Hashable {
        let text: String
        let isStem: Bool
    }

    enum Element: Equatable {
        /// Any of these words; optional when written in parentheses.
        case words([Word], optional: Bool)
        /// Up to n other words.
        case gap(Int)
        /// A number, written `<n>`.
        case number
    }

    static let shortGap = 3
    static let longGap = 8

    /// The problem with a phrase, or nil when it is well formed.
    static func check(_ phrase: String) -> String? {
        if case .failure(let error) = compile(phrase) { return error.message }
        return nil
    }

    /// The phrase's elements, or what is wrong with it.
    static func compile(_ phrase: String) -> Result<[Element], SyntaxError> {
        let elements: [Element]
        switch parse(phrase) {
        case .success(let e): elements = e
        case .failure(let error): return .failure(error)
        }
        guard let first = elements.first, let last = elements.last else { return .failure(SyntaxError(message: "empty phrase")) }
        if case .gap = first { return .failure(SyntaxError(message: "a phrase cannot start with a gap")) }
        if case .gap = last { return .failure(SyntaxError(message: "a phrase cannot end with a gap")) }
        if elements.allSatisfy({ if case .words(_, true) = $0 { return true } else { return false } }) {
            return .failure(SyntaxError(message: "every word is optional"))
        }
        return .success(elements)
    }

    struct SyntaxError: Error { let message: String }

    /// Splits on bytes: the default référentiel has thousands of phrases, read at every start.
    static func parse(_ phrase: String) -> Result<[Element], SyntaxError> {
        var elements: [Element] = []
        let bytes = Array(phrase.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x20 { i += 1; continue }
            var j = i
            while j < bytes.count && bytes[j] != 0x20 { j += 1 }
            let token = bytes[i..<j]
            i = j
            if token.elementsEqual([0x2e, 0x2e]) { elements.append(.gap(shortGap)); continue }
            if token.elementsEqual([0x2e, 0x2e, 0x2e]) { elements.append(.gap(longGap)); continue }
            if token.elementsEqual(Array("<n>".utf8)) { elements.append(.number); continue }
            var body = token[...]
            let optional = body.first == 0x28 && body.last == 0x29 && body.count > 2
            if optional { body = body.dropFirst().dropLast() }
            var words: [Word] = []
            for alt in body.split(separator: 0x7c, omittingEmptySubsequences: false) {
                var text = alt
                let isStem = text.last == 0x2a
                if isStem { text = text.dropLast() }
                guard !text.isEmpty, text.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) }) else {
                    let shown = String(decoding: alt, as: UTF8.self)
                    return .failure(SyntaxError(message: "bad word \"\(shown)\" (folded lower-case letters and digits, optional * at the end)"))
                }
                words.append(Word(text: String(decoding: text, as: UTF8.self), isStem: isStem))
            }
            elements.append(.words(words, optional: optional))
        }
        return .success(elements)
    }

    static func isWord(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    static func isNatureCode(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { p in
            !p.isEmpty && p.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5a) || $0 == 0x5f || ($0 >= 0x30 && $0 <= 0x39) }
        }
    }

    static func isService(_ s: String) -> Bool {
        ["SP", "SAMU", "POLICE", "GEND", "POLICE_OR_GEND"].contains(s)
            || (s.hasPrefix("PARTNER:") && s.count > 8)
    }

    /// `Cnn.nn.nn`, as in HubSante.fait.
    static func isHubSanteCode(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 9, u[0] == 0x43, u[3] == 0x2e, u[6] == 0x2e else { return false }
        return [1, 2, 4, 5, 7, 8].allSatisfy { u[$0] >= 0x30 && u[$0] <= 0x39 }
    }
}

/// Call types of other systems are compared folded: case, accents, punctuation and an
/// "EMS:" / "Fire:" / "Traffic:" prefix do not matter.
enum AliasKey {
    static func fold(_ name: String) -> String {
        var words: [String] = []
        var current: [UInt8] = []
        for byte in TextFolding.fold(name) {
            if (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) {
                current.append(byte)
            } else if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words.joined(separator: " ")
    }

    /// The key without a leading service prefix, or nil when it has none.
    static func withoutPrefix(_ name: String) -> String? {
        guard let colon = name.firstIndex(of: ":") else { return nil }
        let rest = fold(String(name[name.index(after: colon)...]))
        return rest.isEmpty ? nil : rest
    }
}
