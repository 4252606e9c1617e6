/// All phrases of all pattern rules in one trie over word symbols, matched in a single pass
/// over the words of a text (an Aho–Corasick-like walk with small gaps), instead of one
/// regular expression per phrase.
struct PhraseMatcher: Sendable {
    struct Match: Equatable {
        var rule: Int32
        var start: Int32
        /// Index of the last word of the match.
        var end: Int32
        var number: Int32
        var length: Int32 { end - start }
    }

    private(set) var lexicon = Lexicon()
    private var edges = EdgeTable()
    private var shortGapChild: [Int32] = [-1]
    private var longGapChild: [Int32] = [-1]
    private var numberChild: [Int32] = [-1]
    private var accepts: [[Int32]] = [[]]
    /// Per node, bit (symbol % 64) is set when the node has an edge for such a symbol: most
    /// probes of the edge table are answered here, from a line already in cache.
    private var edgeBloom: [UInt64] = [0]
    /// For each symbol: 0 a French word, 1 an English word, -1 neither.
    private var languageOf: [Int8] = []
    private var isFactRule: [Bool] = []
    /// The root's transitions by symbol (-1: none).
    private var rootChild: [Int32] = []
    /// What matching reads of a node, side by side (built from the arrays above once they are
    /// final): one cache line per node visited, and no inner array to retain.
    private var nodes: [Node] = []
    private var acceptList: [Int32] = []

    fileprivate struct Node {
        var acceptStart: Int32
        var acceptEnd: Int32
        var shortGap: Int32
        var longGap: Int32
        var number: Int32
    }

    private mutating func packNodes() {
        nodes = []
        acceptList = []
        nodes.reserveCapacity(accepts.count)
        for n in accepts.indices {
            let start = Int32(acceptList.count)
            acceptList += accepts[n]
            nodes.append(Node(acceptStart: start, acceptEnd: Int32(acceptList.count), shortGap: shortGapChild[n],
                              longGap: longGapChild[n], number: numberChild[n]))
        }
    }

    init(referentiel: Referentiel) {
        // Dictionaries in key order: the same référentiel gives the same tables in every process,
        // so the compiled built-in form can be checked against a fresh compile.
        for (word, value) in referentiel.numbers.sorted(by: { $0.key < $1.key }) { lexicon.addNumber(word, value: value) }
        isFactRule = referentiel.patterns.map { if case .facts = $0.target { true } else { false } }
        for (ruleIndex, rule) in referentiel.patterns.enumerated() {
            for elements in rule.elements {
                // Words become symbols once per phrase, not once per expansion.
                let steps = elements.map { element -> Step in
                    switch element {
                    case .gap(let size): return .gap(size)
                    case .number: return .number
                    case .words(let words, let optional): return .symbols(words.map { lexicon.symbol(for: $0) }, optional: optional)
                    }
                }
                insert(steps[...], at: 0, rule: Int32(ruleIndex))
            }
        }
        var languageCodes: [(Int32, Int)] = []
        // French first, so that a word listed in both ("on") counts as English in every run: in
        // dictionary order it depended on the process's hash seed.
        for lang in referentiel.languageWords.keys.sorted(by: { ($0 == "fr" ? 0 : 1, $0) < ($1 == "fr" ? 0 : 1, $1) }) {
            let words = referentiel.languageWords[lang] ?? []
            let code = lang == "fr" ? 0 : 1
            for w in words where PhraseSyntax.isWord(w) {
                languageCodes.append((lexicon.symbol(for: .init(text: w, isStem: false)), code))
            }
        }
        for (word, target) in referentiel.rewrites.sorted(by: { $0.key < $1.key }) where PhraseSyntax.isWord(word) {
            lexicon.addRewrite(word, to: target.filter(PhraseSyntax.isWord))
        }
        lexicon.resolveRewrites()
        languageOf = [Int8](repeating: -1, count: lexicon.symbolCount)
        for (symbol, code) in languageCodes { languageOf[Int(symbol)] = Int8(code) }
        rootChild = [Int32](repeating: -1, count: lexicon.symbolCount)
        for (key, child) in edges.entries where key >> 24 == 0 { rootChild[key & 0xff_ffff] = child }
        packNodes()
    }

    // MARK: the compiled form

    func encode(into w: inout ByteWriter) {
        lexicon.encode(into: &w)
        edges.encode(into: &w)
        w.sparse(shortGapChild)
        w.sparse(longGapChild)
        w.sparse(numberChild)
        w.ints(accepts.map { Int32($0.count) })
        w.ints(accepts.flatMap { $0 })
        w.ints(languageOf.map(Int32.init))
        w.ints(isFactRule.map { $0 ? 1 : 0 })
        w.ints(rootChild)
    }

    /// The matcher as `encode` wrote it: no phrase is parsed and no trie built.
    init(from r: inout ByteReader) throws {
        lexicon = try Lexicon(from: &r)
        edges = try EdgeTable(from: &r)
        shortGapChild = try r.sparse()
        longGapChild = try r.sparse()
        numberChild = try r.sparse()
        let acceptCounts = try r.ints()
        let acceptFlat = try r.ints()
        var at = 0
        accepts = []
        accepts.reserveCapacity(acceptCounts.count)
        for n in acceptCounts {
            guard n >= 0, at + Int(n) <= acceptFlat.count else { throw ByteReader.Truncated() }
            accepts.append(n == 0 ? [] : Array(acceptFlat[at..<at + Int(n)]))
            at += Int(n)
        }
        languageOf = try r.ints().map { Int8(truncatingIfNeeded: $0) }
        isFactRule = try r.ints().map { $0 != 0 }
        rootChild = try r.ints()
        let nodes = accepts.count
        guard shortGapChild.count == nodes, longGapChild.count == nodes, numberChild.count == nodes,
            languageOf.count == lexicon.symbolCount, rootChild.count == lexicon.symbolCount
        else { throw ByteReader.Truncated() }
        // The filter is recomputed from the edges rather than shipped.
        edgeBloom = [UInt64](repeating: 0, count: nodes)
        for (key, _) in edges.entries {
            let node = key >> 24
            guard node < nodes else { throw ByteReader.Truncated() }
            edgeBloom[node] |= 1 << (UInt64(key & 0xff_ffff) & 63)
        }
        packNodes()
    }

    private mutating func newNode() -> Int32 {
        shortGapChild.append(-1); longGapChild.append(-1); numberChild.append(-1); accepts.append([]); edgeBloom.append(0)
        return Int32(accepts.count - 1)
    }

    private enum Step {
        case symbols([Int32], optional: Bool)
        case gap(Int)
        case number
    }

    /// Inserts every expansion of the phrase (alternatives, optional words) below `node`.
    private mutating func insert(_ elements: ArraySlice<Step>, at node: Int32, rule: Int32) {
        guard let first = elements.first else {
            if !accepts[Int(node)].contains(rule) { accepts[Int(node)].append(rule) }
            return
        }
        let rest = elements.dropFirst()
        switch first {
        case .gap(let size):
            var child = size == PhraseSyntax.shortGap ? shortGapChild[Int(node)] : longGapChild[Int(node)]
            if child < 0 {
                child = newNode()
                if size == PhraseSyntax.shortGap { shortGapChild[Int(node)] = child } else { longGapChild[Int(node)] = child }
            }
            insert(rest, at: child, rule: rule)
        case .number:
            var child = numberChild[Int(node)]
            if child < 0 {
                child = newNode()
                numberChild[Int(node)] = child
            }
            insert(rest, at: child, rule: rule)
        case .symbols(let symbols, let optional):
            if optional { insert(rest, at: node, rule: rule) }
            for symbol in symbols {
                let key = Int(node) << 24 | Int(symbol)
                edgeBloom[Int(node)] |= 1 << (UInt64(symbol) & 63)
                var child = edges[key]
                if child < 0 {
                    child = newNode()
                    edges.insert(key, child)
                }
                insert(rest, at: child, rule: rule)
            }
        }
    }

    // MARK: matching

    fileprivate struct State {
        var node: Int32
        var start: Int32
        var number: Int32
        /// Words this state may still skip; -1 when it is not inside a gap.
        var gapLeft: Int32
    }

    /// The states of the walk in a buffer that only grows: room is made once per word, so adding
    /// a state is a store, not an array append with its uniqueness check.
    fileprivate final class States {
        private(set) var base: UnsafeMutablePointer<State>
        private(set) var capacity: Int
        var count = 0

        init() {
            capacity = 64
            base = .allocate(capacity: capacity)
        }

        deinit { base.deallocate() }

        /// Room for `n` states in all, keeping those already there.
        func reserve(_ n: Int) {
            guard n > capacity else { return }
            let bigger = UnsafeMutablePointer<State>.allocate(capacity: max(n, 2 * capacity))
            bigger.initialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity = max(n, 2 * capacity)
        }

        /// Keeps the last `n` states.
        func keepLast(_ n: Int) {
            guard count > n else { return }
            UnsafeMutableRawPointer(base).copyMemory(from: base + (count - n), byteCount: n * MemoryLayout<State>.stride)
            count = n
        }
    }

    /// The buffers of one match, kept from call to call by the classifier.
    struct Scratch {
        fileprivate var found: [Match] = []
        fileprivate var active = States()
        fileprivate var next = States()
        /// The result of `match(_:into:)`.
        var matches: [Match] = []

        init() {}

    }

    /// Every phrase match in `words`, longest first among overlaps: a match inside a longer
    /// match is dropped ("ne respire plus" hides "respire").
    func match(_ words: Words) -> [Match] {
        var scratch = Scratch()
        match(words, into: &scratch)
        return scratch.matches
    }

    /// `match(words)` into `scratch.matches`, reusing the scratch buffers.
    func match(_ words: Words, into scratch: inout Scratch) {
        var found = scratch.found
        scratch.found = []
        found.removeAll(keepingCapacity: true)
        var active = scratch.active, next = scratch.next
        active.count = 0
        next.count = 0
        defer {
            scratch.found = found
            scratch.active = active
            scratch.next = next
        }
        nodes.withUnsafeBufferPointer { nodes in
            rootChild.withUnsafeBufferPointer { rootChild in
                edgeBloom.withUnsafeBufferPointer { edgeBloom in
                    words.words.withUnsafeBufferPointer { textWords in
                        words.stems.withUnsafeBufferPointer { stems in
                            let numberFromRoot = nodes[0].number
                            for i in 0..<textWords.count {
                                let word = textWords[i]
                                if word.isBreak {
                                    active.count = 0
                                    continue
                                }
                                let position = Int32(i)
                                let stemStart = Int(word.stemStart), stemEnd = Int(word.stemEnd)
                                // Each state entered adds at most three; a state in a gap is carried once.
                                next.reserve(3 * (2 + stemEnd - stemStart) * (1 + active.count) + active.count)
                                let out = next.base
                                var n = 0
                                // From the root, most words lead nowhere: an array, not a hash, answers that.
                                if word.exact >= 0, rootChild[Int(word.exact)] >= 0 {
                                    enter(rootChild[Int(word.exact)], position, -1, position, nodes, out, &n, &found)
                                }
                                for k in stemStart..<stemEnd where rootChild[Int(stems[k])] >= 0 {
                                    enter(rootChild[Int(stems[k])], position, -1, position, nodes, out, &n, &found)
                                }
                                if word.number >= 0, numberFromRoot >= 0 {
                                    enter(numberFromRoot, position, word.number, position, nodes, out, &n, &found)
                                }
                                let states = active.base
                                for a in 0..<active.count {
                                    let s = states[a]
                                    let base = Int(s.node) << 24
                                    let bloom = edgeBloom[Int(s.node)]
                                    if word.exact >= 0, bloom & (1 << (UInt64(word.exact) & 63)) != 0 {
                                        let c = edges[base | Int(word.exact)]
                                        if c >= 0 { enter(c, s.start, s.number, position, nodes, out, &n, &found) }
                                    }
                                    for k in stemStart..<stemEnd where bloom & (1 << (UInt64(stems[k]) & 63)) != 0 {
                                        let c = edges[base | Int(stems[k])]
                                        if c >= 0 { enter(c, s.start, s.number, position, nodes, out, &n, &found) }
                                    }
                                    if word.number >= 0, nodes[Int(s.node)].number >= 0 {
                                        enter(nodes[Int(s.node)].number, s.start, word.number, position, nodes, out, &n, &found)
                                    }
                                    if s.gapLeft > 0 {
                                        (out + n).initialize(to: State(node: s.node, start: s.start, number: s.number, gapLeft: s.gapLeft - 1))
                                        n += 1
                                    }
                                }
                                next.count = n
                                swap(&active, &next)
                                next.count = 0
                                active.keepLast(512)
                            }
                        }
                    }
                }
            }
        }
        dropContained(found, into: &scratch.matches)
    }

    @inline(__always)
    private func enter(_ node: Int32, _ start: Int32, _ number: Int32, _ position: Int32, _ nodes: UnsafeBufferPointer<Node>,
                       _ out: UnsafeMutablePointer<State>, _ n: inout Int, _ found: inout [Match])
    {
        let info = nodes[Int(node)]
        (out + n).initialize(to: State(node: node, start: start, number: number, gapLeft: -1))
        n += 1
        var k = Int(info.acceptStart)
        while k < Int(info.acceptEnd) {
            found.append(Match(rule: acceptList[k], start: start, end: position, number: number))
            k += 1
        }
        if info.shortGap >= 0 {
            (out + n).initialize(to: State(node: info.shortGap, start: start, number: number, gapLeft: Int32(PhraseSyntax.shortGap)))
            n += 1
        }
        if info.longGap >= 0 {
            (out + n).initialize(to: State(node: info.longGap, start: start, number: number, gapLeft: Int32(PhraseSyntax.longGap)))
            n += 1
        }
    }

    /// Facts hide facts and natures hide natures: "the fight's over" states a fact and keeps
    /// "fight" as evidence for the brawl.
    func dropContained(_ matches: [Match]) -> [Match] {
        var kept: [Match] = []
        dropContained(matches, into: &kept)
        return kept
    }

    func dropContained(_ matches: [Match], into kept: inout [Match]) {
        kept.removeAll(keepingCapacity: true)
        kept.reserveCapacity(matches.count)
        outer: for m in matches {
            for n in matches where n.start <= m.start && n.end >= m.end && n.length > m.length
                && isFactRule[Int(n.rule)] == isFactRule[Int(m.rule)]
            {
                continue outer
            }
            if kept.contains(where: { $0.rule == m.rule && $0.start == m.start && $0.end == m.end }) { continue }
            kept.append(m)
        }
    }

    /// 0 for French, 1 for English: the language most of the text's common words belong to.
    func language(_ words: Words) -> Int {
        var french = 0, english = 0
        for w in words.words where w.exact >= 0 {
            switch languageOf[Int(w.exact)] {
            case 0: french += 1
            case 1: english += 1
            default: break
            }
        }
        return english > french ? 1 : 0
    }
}

/// The trie's edges, (node, symbol) → child, in an open-addressing table: a lookup is a
/// multiply and a probe or two in one cache line, where a Dictionary would hash with SipHash.
struct EdgeTable: Sendable {
    private struct Slot {
        var key: Int
        var value: Int32
    }
    private var slots = [Slot](repeating: Slot(key: -1, value: -1), count: 1024)
    private var count = 0

    var entries: [(Int, Int32)] { slots.filter { $0.key >= 0 }.map { ($0.key, $0.value) } }

    init() {}

    /// Only the entries, sorted: the table is rebuilt when read (a few thousand inserts).
    func encode(into w: inout ByteWriter) {
        let sorted = entries.sorted { $0.0 < $1.0 }
        w.int(sorted.count)
        var previous = 0
        for (key, value) in sorted {
            w.int(key - previous)
            w.int(Int(value))
            previous = key
        }
    }

    init(from r: inout ByteReader) throws {
        let n = try r.count()
        var size = 1024
        while size < 2 * n + 2 { size *= 2 }
        slots = [Slot](repeating: Slot(key: -1, value: -1), count: size)
        var key = 0
        for _ in 0..<n {
            key += try r.int()
            insert(key, Int32(try r.int()))
        }
    }

    @inline(__always) private static func slot(_ key: Int, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    subscript(key: Int) -> Int32 {
        slots.withUnsafeBufferPointer { s in
            let mask = s.count - 1
            var i = EdgeTable.slot(key, mask)
            while true {
                let k = s[i].key
                if k == key { return s[i].value }
                if k < 0 { return -1 }
                i = (i + 1) & mask
            }
        }
    }

    mutating func insert(_ key: Int, _ value: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var i = EdgeTable.slot(key, mask)
        while slots[i].key >= 0 && slots[i].key != key { i = (i + 1) & mask }
        if slots[i].key < 0 { count += 1 }
        slots[i] = Slot(key: key, value: value)
    }

    private mutating func grow() {
        let old = entries
        slots = [Slot](repeating: Slot(key: -1, value: -1), count: slots.count * 2)
        count = 0
        for (k, v) in old { insert(k, v) }
    }
}
