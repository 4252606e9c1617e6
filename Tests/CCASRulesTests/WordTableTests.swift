import CCASCore
import Foundation
import Testing

@testable import CCASRules

/// The tokeniser finds a word's symbols with one hash of its bytes (`WordTable`); they must be
/// the symbols the walk through the lexicon's trie gives, letter by letter, for any word.
@Suite struct WordTableTests {
    /// A fresh compile keeps the whole trie (the built-in compiled form ships only what matching
    /// needs), so the walk can be compared with what the compiled classifier's tokeniser says.
    static let fresh = try! Referentiel.load(files: DefaultReferentiel.files)
    static let walked = PhraseMatcher(referentiel: fresh).lexicon

    /// Every word of the dev corpus, each of its prefixes, and letters drawn at random.
    static let samples: [String] = {
        var words = Set<String>()
        let text = (try? String(contentsOfFile: sharedDirectory + "/corpus/dev-calls.ndjson", encoding: .utf8)) ?? ""
        let folded = TextFolding.fold(text)
        for word in folded.split(whereSeparator: { !Words.isWordByte($0) }) {
            let bytes = Array(word)
            for n in 1...bytes.count { words.insert(String(decoding: bytes[..<n], as: UTF8.self)) }
        }
        var seed: UInt64 = 0x5eed
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789eeaaiioo".utf8)
        for _ in 0..<3000 {
            var w: [UInt8] = []
            for _ in 0..<(1 + Int(seed % 14)) {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                w.append(letters[Int(seed >> 33) % letters.count])
            }
            words.insert(String(decoding: w, as: UTF8.self))
        }
        words.insert(String(repeating: "respir", count: 20))  // longer than any word of the lexicon
        return words.sorted()
    }()

    @Test func hashedWordsHaveTheSymbolsOfTheTrieWalk() {
        #expect(Self.samples.count > 5000)
        let compiled = defaultClassifier.matcher.lexicon
        var words = Words()
        var checked = 0
        for sample in Self.samples where Self.fresh.rewrites[sample] == nil && !sample.utf8.allSatisfy({ $0 <= 0x39 }) {
            let expected = Self.walked.symbols(of: Array(sample.utf8))
            for lexicon in [compiled, Self.walked] {
                words.load(sample, lexicon: lexicon)
                guard words.count == 1 else {
                    Issue.record("\(sample): \(words.count) words")
                    continue
                }
                let w = words.words[0]
                let stems = Array(words.stems[Int(w.stemStart)..<Int(w.stemEnd)])
                #expect(w.exact == expected.exact && stems == expected.stems && w.number == expected.number, "\(sample)")
            }
            checked += 1
        }
        #expect(checked > 5000)
    }

    @Test func wordsEndingInNtKeepTheirTAndDropTheApostrophe() {
        var words = Words()
        for (text, word) in [("wasn't", "wasnt"), ("he isn’t.", "isnt"), ("don't", "dont"), ("n't", "nt")] {
            words.load(text, lexicon: defaultClassifier.matcher.lexicon)
            let expected = Self.walked.symbols(of: Array(word.utf8))
            #expect(words.words.contains { $0.exact == expected.exact && !$0.isBreak }, "\(text)")
        }
    }

    @Test func numbersAndClauseBreaks() {
        var words = Words()
        words.load("3 chats. 112, puis 1234567", lexicon: defaultClassifier.matcher.lexicon)
        #expect(words.words.map(\.isBreak) == [false, false, true, false, true, false, false])
        // A long number keeps its first six digits: enough for any count a rule compares.
        #expect(words.words.map(\.number) == [3, -1, -1, 112, -1, -1, 123_456])
    }
}
