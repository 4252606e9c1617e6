/// Every word and stem the patterns use, in a byte trie over folded letters and digits: a text
/// word stands for its symbol, the symbols of every stem it starts with, its rewrite and its
/// number value. The tokeniser reads the trie's paths through `table`, one hash per word.
struct Lexicon: Sendable {
    static let alphabet = 36
    /// What one text word stands for, for matching.
    struct WordSymbols: Sendable {
        var exact: Int32 = -1
        var stems: [Int32] = []
        var number: Int32 = -1
    }

    private(set) var next: [Int32] = [Int32](repeating: -1, count: alphabet)
    private(set) var exactAt: [Int32] = [-1]
    private(set) var stemAt: [Int32] = [-1]
    private(set) var numberAt: [Int32] = [-1]
    private(set) var rewriteAt: [Int32] = [-1]
    /// Rewrites: the words each rewritten word becomes.
    private(set) var rewrites: [[WordSymbols]] = []
    private(set) var symbolCount = 0
    private var symbols: [String: Int32] = [:]

    @inline(__always) static func index(_ b: UInt8) -> Int {
        b >= 0x61 ? Int(b - 0x61) : Int(b - 0x30) + 26
    }

    /// The node for `word`, created if needed.
    private mutating func node(for word: String) -> Int {
        var n = 0
        for b in word.utf8 {
            let slot = n * Lexicon.alphabet + Lexicon.index(b)
            if next[slot] < 0 {
                next[slot] = Int32(exactAt.count)
                next.append(contentsOf: repeatElement(Int32(-1), count: Lexicon.alphabet))
                exactAt.append(-1); stemAt.append(-1); numberAt.append(-1); rewriteAt.append(-1)
            }
            n = Int(next[slot])
        }
        return n
    }

    private mutating func symbol(_ key: String) -> Int32 {
        if let s = symbols[key] { return s }
        let s = Int32(symbolCount)
        symbolCount += 1
        symbols[key] = s
        return s
    }

    mutating func symbol(for word: PhraseSyntax.Word) -> Int32 {
        let n = node(for: word.text)
        if word.isStem {
            if stemAt[n] < 0 { stemAt[n] = symbol("*" + word.text) }
            return stemAt[n]
        }
        if exactAt[n] < 0 { exactAt[n] = symbol(word.text) }
        return exactAt[n]
    }

    mutating func addNumber(_ word: String, value: Int) {
        numberAt[node(for: word)] = Int32(value)
    }

    mutating func addRewrite(_ word: String, to words: [String]) {
        let n = node(for: word)
        rewriteAt[n] = Int32(rewrites.count)
        rewrites.append([])  // filled by `resolveRewrites` once every pattern word is known
        pendingRewrites.append((rewrites.count - 1, words))
    }
    private var pendingRewrites: [(Int, [String])] = []

    /// Rewrite targets are looked up after every pattern word has its symbol; then the trie is
    /// packed for matching.
    mutating func resolveRewrites() {
        for (i, words) in pendingRewrites { rewrites[i] = words.map { symbols(of: Array($0.utf8)) } }
        pendingRewrites = []
        pack()
    }

    // MARK: the packed trie

    /// A node of the packed trie: its edges are `edgeBytes/edgeChildren[first..<first+count]`.
    /// Packed, the trie is a few tens of KB and stays in cache; the dense one did not.
    struct PackedNode {
        var first: Int32
        var count: Int32
        var exact: Int32
        var stem: Int32
    }
    private(set) var packed: [PackedNode] = []
    private(set) var edgeBytes: [UInt8] = []
    private(set) var edgeChildren: [Int32] = []
    /// The trie's paths by hash, which the tokeniser reads (built from the packed trie, not shipped).
    private(set) var table = WordTable()

    private mutating func pack() {
        packed = []
        edgeBytes = []
        edgeChildren = []
        for n in 0..<exactAt.count {
            let first = Int32(edgeBytes.count)
            for slot in 0..<Lexicon.alphabet where next[n * Lexicon.alphabet + slot] >= 0 {
                edgeBytes.append(UInt8(slot))
                edgeChildren.append(next[n * Lexicon.alphabet + slot])
            }
            packed.append(PackedNode(first: first, count: Int32(edgeBytes.count) - first, exact: exactAt[n], stem: stemAt[n]))
        }
        table = WordTable(nodes: packed, edgeBytes: edgeBytes, edgeChildren: edgeChildren, numberAt: numberAt, rewriteAt: rewriteAt)
    }

    /// The symbols of a folded word (no rewrite applied).
    func symbols(of word: [UInt8]) -> WordSymbols {
        var out = WordSymbols()
        var n = 0
        for b in word {
            let m = next[n * Lexicon.alphabet + Lexicon.index(b)]
            if m < 0 { return out }
            n = Int(m)
            if stemAt[n] >= 0 { out.stems.append(stemAt[n]) }
        }
        out.exact = exactAt[n]
        out.number = numberAt[n]
        return out
    }

    // MARK: the compiled form

    /// What matching needs, for the compiled built-in référentiel: the packed trie and the root's
    /// dense row, not the dense trie nor the symbol names, which only building uses.
    func encode(into w: inout ByteWriter) {
        w.ints(Array(next.prefix(Lexicon.alphabet)))
        w.sparse(numberAt)
        w.sparse(rewriteAt)
        w.int(rewrites.count)
        for list in rewrites {
            w.int(list.count)
            for s in list {
                w.int(Int(s.exact))
                w.ints(s.stems)
                w.int(Int(s.number))
            }
        }
        w.int(symbolCount)
        w.sparse(packed.map(\.exact))
        w.sparse(packed.map(\.stem))
        w.ints(packed.map(\.count))
        w.ints(edgeBytes.map(Int32.init))
        w.ints(edgeChildren)
    }

    /// A lexicon ready for matching only: `symbol(for:)` and the rewrites cannot be added to.
    init(from r: inout ByteReader) throws {
        next = try r.ints()
        numberAt = try r.sparse()
        rewriteAt = try r.sparse()
        let rewriteCount = try r.count()
        rewrites.reserveCapacity(rewriteCount)
        for _ in 0..<rewriteCount {
            var list: [WordSymbols] = []
            for _ in 0..<(try r.count()) {
                list.append(WordSymbols(exact: Int32(try r.int()), stems: try r.ints(), number: Int32(try r.int())))
            }
            rewrites.append(list)
        }
        symbolCount = try r.int()
        exactAt = try r.sparse()
        stemAt = try r.sparse()
        let counts = try r.ints()
        edgeBytes = try r.ints().map { UInt8(truncatingIfNeeded: $0) }
        edgeChildren = try r.ints()
        guard next.count == Lexicon.alphabet, counts.count == exactAt.count, counts.count == stemAt.count,
            counts.count == numberAt.count, counts.count == rewriteAt.count, edgeBytes.count == edgeChildren.count
        else { throw ByteReader.Truncated() }
        // A node's edges follow the previous node's: `first` is the running total of the counts.
        packed.reserveCapacity(counts.count)
        var first: Int32 = 0
        for (n, count) in counts.enumerated() {
            guard count >= 0, Int(first + count) <= edgeBytes.count else { throw ByteReader.Truncated() }
            packed.append(PackedNode(first: first, count: count, exact: exactAt[n], stem: stemAt[n]))
            first += count
        }
        guard Int(first) == edgeBytes.count else { throw ByteReader.Truncated() }
        table = WordTable(nodes: packed, edgeBytes: edgeBytes, edgeChildren: edgeChildren, numberAt: numberAt, rewriteAt: rewriteAt)
    }

    init() {}
}
