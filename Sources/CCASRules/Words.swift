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
        buffer.withUnsafeBufferPointer { f in
            lexicon.withPacked { nodes, edgeBytes, edgeChildren, dense in
                var i = 0
                while i < n {
                    let b = f[i]
                    if b == 0x2e {
                        if let last = words.last, !last.isBreak {
                            words.append(Word(exact: -1, number: -1, stemStart: 0, stemEnd: 0,
                                              spanStart: Int32(i), spanEnd: Int32(i + 1), isBreak: true))
                        }
                        i += 1
                        continue
                    }
                    guard Words.isWordByte(b) else { i += 1; continue }
                    // One word: letters and digits, and "n't" kept whole ("wasn't" → "wasnt").
                    let start = i
                    var node = 0
                    var alive = true
                    var allDigits = true
                    var value = 0
                    let firstStem = Int32(stems.count)
                    while i < n {
                        var c = f[i]
                        if c == 0x27, i + 1 < n, f[i + 1] == 0x74, i > start, f[i - 1] == 0x6e,
                            i + 2 >= n || !Words.isWordByte(f[i + 2])
                        {
                            i += 1
                            c = 0x74
                        }
                        guard Words.isWordByte(c) else { break }
                        if c <= 0x39 {
                            if value < 100_000 { value = value * 10 + Int(c - 0x30) }
                        } else {
                            allDigits = false
                        }
                        if alive {
                            let code = UInt8(Lexicon.index(c))
                            var m: Int32 = -1
                            if node == 0 {
                                m = dense[Int(code)]  // the root has many children
                            } else {
                                let e = nodes[node]
                                var k = Int(e.first)
                                let end = k + Int(e.count)
                                while k < end {
                                    if edgeBytes[k] == code { m = edgeChildren[k]; break }
                                    k += 1
                                }
                            }
                            if m < 0 {
                                alive = false
                            } else {
                                node = Int(m)
                                let stem = nodes[node].stem
                                if stem >= 0 { stems.append(stem) }
                            }
                        }
                        i += 1
                    }
                    if alive, lexicon.rewriteAt[node] >= 0 {
                        stems.removeSubrange(Int(firstStem)...)
                        for w in lexicon.rewrites[Int(lexicon.rewriteAt[node])] {
                            let s = Int32(stems.count)
                            stems += w.stems
                            words.append(Word(exact: w.exact, number: w.number, stemStart: s, stemEnd: Int32(stems.count),
                                              spanStart: Int32(start), spanEnd: Int32(i), isBreak: false))
                        }
                        continue
                    }
                    let num: Int32 = allDigits ? Int32(value) : (alive ? lexicon.numberAt[node] : -1)
                    words.append(Word(exact: alive ? nodes[node].exact : -1, number: num, stemStart: firstStem,
                                      stemEnd: Int32(stems.count), spanStart: Int32(start), spanEnd: Int32(i),
                                      isBreak: false))
                }
            }
        }
    }

    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39)
    }
}
