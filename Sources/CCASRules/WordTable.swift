/// The lexicon's trie as a hash table of its paths: a text word is found with one hash of its
/// folded bytes and one probe, instead of a walk through the trie letter by letter. A word the
/// lexicon lacks still needs its longest known prefix (its stems): the paths of a trie hold
/// every prefix of each path, so a binary search over the prefix lengths finds it in a few probes.
struct WordTable: Sendable {
    /// What a path of the trie stands for: what the walk to its node gives.
    struct Entry: Sendable {
        var exact: Int32
        var number: Int32
        var rewrite: Int32
        /// The stems met on the way from the root, shallow first: `stems[stemStart..<stemEnd]`.
        var stemStart: Int32
        var stemEnd: Int32
    }

    fileprivate struct Slot {
        var hash: UInt64
        /// Index in `entries`, -1 for an empty slot.
        var entry: Int32
        var length: Int32
    }

    private var slots: [Slot] = []
    private var shift: UInt64 = 64
    private(set) var entries: [Entry] = []
    private(set) var stems: [Int32] = []
    /// The bytes of each entry's path, to confirm a hash: `keys[keyStart[e]...]`, `length` bytes.
    private var keyStart: [Int32] = []
    private var keys: [UInt8] = []
    /// The longest path: no longer word is in the table.
    private(set) var maxLength = 0
    /// Whether a stem starts with these letters: `[first * 37]` for a stem of one letter,
    /// `[first * 37 + 1 + second]` for longer ones (letters by `Lexicon.index`). A word the
    /// table lacks whose first letters start no stem has no stem: no prefix is looked up.
    private var stemOpening = [Bool](repeating: false, count: Lexicon.alphabet * (Lexicon.alphabet + 1))

    @inline(__always) static func opening(_ first: UInt8, _ second: UInt8?) -> Int {
        Lexicon.index(first) &* (Lexicon.alphabet + 1) &+ (second.map { 1 &+ Lexicon.index($0) } ?? 0)
    }

    /// FNV-1a, one byte at a time, so that the tokeniser has the hash of every prefix of a word
    /// as it reads it.
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) static func step(_ h: UInt64, _ c: UInt8) -> UInt64 { (h ^ UInt64(c)) &* 0x0000_0100_0000_01B3 }

    init() {}

    /// Every node of the packed trie but the root, by the bytes of its path (entry `n` is node `n`).
    init(nodes: [Lexicon.PackedNode], edgeBytes: [UInt8], edgeChildren: [Int32], numberAt: [Int32], rewriteAt: [Int32]) {
        let count = nodes.count
        guard count > 1 else { return }
        // Breadth first from the root: a node's path is its parent's and one letter, and its
        // stems its parent's and perhaps its own, so each is copied from its parent's, already
        // written (built at every start: a few hundred microseconds, no walk per word).
        var order: [Int32] = [0]
        order.reserveCapacity(count)
        var parent = [Int32](repeating: 0, count: count)
        var letter = [UInt8](repeating: 0, count: count)
        var depth = [Int32](repeating: 0, count: count)
        var stemDepth = [Int32](repeating: 0, count: count)
        var q = 0
        while q < order.count {
            let n = Int(order[q])
            q += 1
            let e = nodes[n]
            for k in Int(e.first)..<Int(e.first + e.count) {
                let child = Int(edgeChildren[k])
                let code = edgeBytes[k]
                parent[child] = Int32(n)
                letter[child] = code < 26 ? 0x61 + code : 0x30 + code - 26
                depth[child] = depth[n] + 1
                stemDepth[child] = stemDepth[n] + (nodes[child].stem >= 0 ? 1 : 0)
                order.append(Int32(child))
            }
        }
        var keyStart = [Int32](repeating: 0, count: count)
        var stemStart = [Int32](repeating: 0, count: count)
        var keyBytes = 0, stemCount = 0
        for n in 0..<count {
            keyStart[n] = Int32(keyBytes)
            keyBytes += Int(depth[n])
            stemStart[n] = Int32(stemCount)
            stemCount += Int(stemDepth[n])
        }
        var keys = [UInt8](repeating: 0, count: keyBytes)
        var stems = [Int32](repeating: 0, count: stemCount)
        var hashes = [UInt64](repeating: WordTable.seed, count: count)
        var entries = [Entry](repeating: Entry(exact: -1, number: -1, rewrite: -1, stemStart: 0, stemEnd: 0), count: count)
        var size = 64
        while size < 2 * count { size *= 2 }
        var slots = [Slot](repeating: Slot(hash: 0, entry: -1, length: 0), count: size)
        let shift = UInt64(64 - size.trailingZeroBitCount)
        var stemOpening = self.stemOpening
        for n in order.dropFirst().map(Int.init) {
            let p = Int(parent[n]), d = Int(depth[n])
            let k = Int(keyStart[n]), pk = Int(keyStart[p])
            for j in 0..<(d - 1) { keys[k + j] = keys[pk + j] }
            keys[k + d - 1] = letter[n]
            let s = Int(stemStart[n]), ps = Int(stemStart[p]), pd = Int(stemDepth[p])
            for j in 0..<pd { stems[s + j] = stems[ps + j] }
            if nodes[n].stem >= 0 {
                stems[s + pd] = nodes[n].stem
                stemOpening[WordTable.opening(keys[k], d > 1 ? keys[k + 1] : nil)] = true
            }
            let hash = WordTable.step(hashes[p], letter[n])
            hashes[n] = hash
            entries[n] = Entry(exact: nodes[n].exact, number: numberAt[n], rewrite: rewriteAt[n], stemStart: Int32(s),
                               stemEnd: Int32(s) + stemDepth[n])
            var i = WordTable.slot(hash, shift)
            while slots[i].entry >= 0 { i = (i + 1) & (size - 1) }
            slots[i] = Slot(hash: hash, entry: Int32(n), length: Int32(d))
        }
        self.slots = slots
        self.shift = shift
        self.entries = entries
        self.stems = stems
        self.keyStart = keyStart
        self.keys = keys
        self.stemOpening = stemOpening
        maxLength = Int(depth.max() ?? 0)
    }

    @inline(__always) private static func slot(_ hash: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The table lent without bounds checks or reference counting, for the tokeniser.
    struct View {
        fileprivate let slots: UnsafeBufferPointer<Slot>
        fileprivate let shift: UInt64
        fileprivate let keyStart: UnsafeBufferPointer<Int32>
        fileprivate let keys: UnsafeBufferPointer<UInt8>
        let entries: UnsafeBufferPointer<Entry>
        let stems: UnsafeBufferPointer<Int32>
        let maxLength: Int
        fileprivate let stemOpening: UnsafeBufferPointer<Bool>

        /// Whether some stem may be a prefix of `word` (of two letters or more).
        @inline(__always) func mayStartStem(_ word: UnsafePointer<UInt8>) -> Bool {
            stemOpening[WordTable.opening(word[0], nil)] || stemOpening[WordTable.opening(word[0], word[1])]
        }

        /// The entry of the path `bytes[0..<length]` whose hash is `hash`, or -1.
        @inline(__always) func find(_ hash: UInt64, _ bytes: UnsafePointer<UInt8>, _ length: Int) -> Int32 {
            let mask = slots.count - 1
            var i = WordTable.slot(hash, shift)
            while true {
                let s = slots[i]
                if s.entry < 0 { return -1 }
                if s.hash == hash, Int(s.length) == length {
                    let k = keys.baseAddress! + Int(keyStart[Int(s.entry)])
                    var j = 0
                    while j < length, k[j] == bytes[j] { j += 1 }
                    if j == length { return s.entry }
                }
                i = (i + 1) & mask
            }
        }
    }

    @inline(__always) func withView<R>(_ body: (View) -> R) -> R {
        slots.withUnsafeBufferPointer { slots in
            keyStart.withUnsafeBufferPointer { keyStart in
                keys.withUnsafeBufferPointer { keys in
                    entries.withUnsafeBufferPointer { entries in
                        stems.withUnsafeBufferPointer { stems in
                            stemOpening.withUnsafeBufferPointer { stemOpening in
                                body(View(slots: slots, shift: shift, keyStart: keyStart, keys: keys, entries: entries, stems: stems,
                                          maxLength: maxLength, stemOpening: stemOpening))
                            }
                        }
                    }
                }
            }
        }
    }
}
