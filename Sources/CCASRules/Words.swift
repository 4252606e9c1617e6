/// A text cut into folded words, each already turned into the lexicon's symbols.
/// Sentence and clause breaks are kept as words of their own, which no phrase crosses.
struct Words {
    struct Word {
        var exact: Int32
        var number: Int32
        var stemStart: Int32
        var stemEnd: Int32
        /// Where the word is in `folded`, to quote it in `because`.
        var spanStart: Int32
        var spanEnd: Int32
        var isBreak: Bool
    }

    var words: [Word] = []
    var stems: [Int32] = []
    /// The folded text is `folded[0..<foldedCount]`; the buffer is reused from text to text.
    var folded: [UInt8] = []
    var foldedCount = 0

    var count: Int { words.count }

    func quote(_ from: Int32, _ to: Int32) -> String {
        let a = Int(words[Int(from)].spanStart), b = Int(words[Int(to)].spanEnd)
        return String(decoding: folded[a..<b], as: UTF8.self)
    }

    /// Where the words `from…to` are in `folded`, to quote them without building a String.
    func span(_ from: Int32, _ to: Int32) -> Range<Int> {
        Int(words[Int(from)].spanStart)..<Int(words[Int(to)].spanEnd)
    }

    /// The folded bytes of the words `from…to`, lent without a copy.
    func withSpan<R>(_ from: Int32, _ to: Int32, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let range = span(from, to)
        return folded.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    init() {}

    init(_ text: String, lexicon: Lexicon) {
        load(text, lexicon: lexicon)
    }

    /// Cuts `text` into words, reusing this value's buffers (the classifier keeps one per thread
    /// of work, so a call allocates nothing here once the buffers have grown).
    mutating func load(_ text: String, lexicon: Lexicon) {
        var text = text
        text.withUTF8 { load(utf8: $0, lexicon: lexicon) }
    }

    /// `load` from UTF-8 bytes (valid UTF-8: the line reader's record text, not copied first).
    mutating func load(utf8 text: UnsafeBufferPointer<UInt8>, lexicon: Lexicon) {
        words.removeAll(keepingCapacity: true)
        stems.removeAll(keepingCapacity: true)
        foldedCount = TextFolding.fold(text, growing: &folded)
        let n = foldedCount
        words.reserveCapacity(n / 4 + 4)
        stems.reserveCapacity(16)
        let buffer = folded  // shares storage; lets the loop append to words while reading it
        buffer.withUnsafeBufferPointer { folded in
            lexicon.table.withView { table in
                // Room for a word spelt without its apostrophe, and for the hashes of its prefixes,
                // as far as the longest word of the lexicon: no longer prefix can be in it.
                let room = table.maxLength + 2
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: room) { hashes in
                    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: room) { spelt in
                        guard let f = folded.baseAddress else { return }
                        var i = 0
                        while i < n {
                            // Folded text is letters, digits, `'`, `.` and spaces: a byte below
                            // "0" is not part of a word.
                            let b = f[i]
                            if b < 0x30 {
                                if b == 0x2e, let last = words.last, !last.isBreak {
                                    words.append(Word(exact: -1, number: -1, stemStart: 0, stemEnd: 0, spanStart: Int32(i),
                                                      spanEnd: Int32(i + 1), isBreak: true))
                                }
                                i &+= 1
                                continue
                            }
                            let start = i
                            i &+= 1
                            while i < n && f[i] >= 0x30 { i &+= 1 }
                            var word = UnsafePointer(f + start)
                            var length = i &- start
                            var digits = b <= 0x39
                            // "n't" is kept whole, without its apostrophe ("wasn't" → "wasnt").
                            if i &+ 1 < n, f[i] == 0x27, f[i &+ 1] == 0x74, f[i &- 1] == 0x6e,
                                i &+ 2 >= n || f[i &+ 2] < 0x30
                            {
                                i &+= 2
                                let kept = min(length, room &- 2)
                                spelt.baseAddress!.update(from: word, count: kept)
                                spelt[kept] = 0x74
                                length &+= 1
                                word = UnsafePointer(spelt.baseAddress!)
                                digits = false
                            }
                            append(word, length, digits: digits, span: start, i, table, lexicon, hashes.baseAddress!)
                        }
                    }
                }
            }
        }
    }

    /// The word `word[0..<length]` (at `spanStart..<spanEnd` of the folded text) with its
    /// symbols: the whole word's, else the stems of its longest prefix in the lexicon.
    /// `digits`: the word starts with a digit and may be a number.
    @inline(__always)
    private mutating func append(_ word: UnsafePointer<UInt8>, _ length: Int, digits: Bool, span spanStart: Int, _ spanEnd: Int,
                                 _ table: WordTable.View, _ lexicon: Lexicon, _ hashes: UnsafeMutablePointer<UInt64>) {
        var allDigits = digits
        var value = 0
        if allDigits {
            for k in 0..<length {
                let c = word[k]
                guard c <= 0x39 else { allDigits = false; break }
                if value < 100_000 { value = value &* 10 &+ Int(c &- 0x30) }
            }
        }
        var entry: Int32 = -1
        var alive = false
        if length <= table.maxLength {
            var h = WordTable.seed
            for k in 0..<length { h = WordTable.step(h, word[k]) }
            entry = table.find(h, word, length)
            alive = entry >= 0
        }
        if !alive, length > 1, table.maxLength > 0, table.mayStartStem(word) {
            // The paths of a trie hold every prefix of each path: the longest prefix of the
            // word that is a path is found by halving.
            let most = min(length &- 1, table.maxLength)
            var h = WordTable.seed
            for k in 0..<most {
                h = WordTable.step(h, word[k])
                hashes[k] = h
            }
            var low = 0, high = most
            while low < high {
                let mid = (low &+ high &+ 1) >> 1
                let e = table.find(hashes[mid &- 1], word, mid)
                if e >= 0 {
                    low = mid
                    entry = e
                } else {
                    high = mid &- 1
                }
            }
        }
        if alive, table.entries[Int(entry)].rewrite >= 0 {
            for w in lexicon.rewrites[Int(table.entries[Int(entry)].rewrite)] {
                let s = Int32(stems.count)
                stems += w.stems
                words.append(Word(exact: w.exact, number: w.number, stemStart: s, stemEnd: Int32(stems.count),
                                  spanStart: Int32(spanStart), spanEnd: Int32(spanEnd), isBreak: false))
            }
            return
        }
        let firstStem = Int32(stems.count)
        var exact: Int32 = -1
        var number: Int32 = allDigits ? Int32(value) : -1
        if entry >= 0 {
            let e = table.entries[Int(entry)]
            var k = Int(e.stemStart)
            while k < Int(e.stemEnd) {
                stems.append(table.stems[k])
                k &+= 1
            }
            if alive {
                exact = e.exact
                if !allDigits { number = e.number }
            }
        }
        words.append(Word(exact: exact, number: number, stemStart: firstStem, stemEnd: Int32(stems.count),
                          spanStart: Int32(spanStart), spanEnd: Int32(spanEnd), isBreak: false))
    }

    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39)
    }
}
