import Testing

@testable import SalesPulseCore

@Suite("Question words")
struct QuestionWordsTests {
    @Test func wordsAreLoweredUnaccentedAndSplitTheSameWithOrWithoutAccents() {
        #expect(QuestionWords.tokens("Mría's  Opportunities?") == ["mria", "opportunities"])
        #expect(QuestionWords.tokens("Mria's  Opportunities?") == ["mria", "opportunities"])
        // the marks of amounts and dates stay inside words, a sentence's end does not
        #expect(
            QuestionWords.tokens("Deals over $5,000 since 2026-10-15, 10% of O'Brien's.")
                == ["deals", "over", "$5,000", "since", "2026-10-15", "10%", "of", "o'brien"])
        // plain ASCII (split byte by byte) and the same words with an accent read alike
        for (plain, accented) in [("Zoe Muller & Sons", "Zoë Müller & Sons"), ("CAFE-BAR Nord", "CAFÉ-BAR Nord")] {
            #expect(QuestionWords.tokens(plain) == QuestionWords.tokens(accented))
        }
        #expect(QuestionWords.tokens("Smart quotes: Anna’s deals") == ["smart", "quotes", "anna", "deals"])
        // dashes and other marks between words split as spaces do; accents written as a
        // separate mark fold like the accented letter
        #expect(QuestionWords.tokens("Ashford Builders – Dayton") == ["ashford", "builders", "dayton"])
        #expect(QuestionWords.tokens("Cafe\u{301} Nord") == QuestionWords.tokens("Café Nord"))
        #expect(QuestionWords.tokens("Cafe\u{301}x") == ["cafex"])
        #expect(QuestionWords.tokens("Иван Петров") == ["иван", "петров"])
        #expect(QuestionWords.tokens("  \t\n").isEmpty)
    }

    @Test func typoPiecesByHand() {
        // one slip: two pieces, and the letters either side of the cut swapped back
        #expect(QuestionWords.typoPieces("initech") == ["ini", "tech", "int", "iech"])
        // nine letters allow two slips: three pieces
        #expect(QuestionWords.typoPieces("northwind") == ["nor", "thw", "ind", "not", "rhw", "thi", "wnd"])
        // "maria" holds "ia"
        #expect(QuestionWords.typoPieces("mria") == ["mr", "ia", "mi", "ra"])
        // cut from the stem "compan", so "company" holds them
        #expect(QuestionWords.typoPieces("companies") == ["co", "mp", "an", "cm", "op", "ma", "pn"])
        #expect(QuestionWords.typoPieces("company") == ["com", "pan", "cop", "man"])
        #expect(QuestionWords.typoPieces("acme") == ["ac", "me", "am", "ce"])
        #expect(QuestionWords.typoPieces("abc") == ["abc"])
        #expect(QuestionWords.typoPieces("ab").isEmpty == false)
        #expect(QuestionWords.typoPieces("a").isEmpty)
        #expect(QuestionWords.typoPieces("ites").isEmpty, "the stem 'ite' cannot be cut in two pieces of two")
    }

    /// Every word a typed word matches holds one of its pieces: for each known word, every
    /// slip (a letter changed, dropped, added or swapped with its neighbour) of it or of its
    /// plural that still matches it, and two slips of a long word that leave nine letters. Two
    /// slips of a long word's plural can fall in its ending; those are not promised.
    @Test func everyMatchingWordHoldsATypoPiece() {
        let known = [
            "initech", "globex", "umbrella", "northwind", "maria", "company", "acme", "hooli", "stark",
            "wayne", "cyberdyne", "soylent", "tyrell", "massive", "dynamic", "logistics", "opportunity",
        ]
        let alphabet = Array("aeiostnrlmcyx")
        func slips(_ word: [Character]) -> [[Character]] {
            var out: [[Character]] = []
            for index in word.indices {
                for letter in alphabet {
                    var changed = word
                    changed[index] = letter
                    out.append(changed)
                    var added = word
                    added.insert(letter, at: index)
                    out.append(added)
                }
                var dropped = word
                dropped.remove(at: index)
                out.append(dropped)
                if index + 1 < word.count {
                    var swapped = word
                    swapped.swapAt(index, index + 1)
                    out.append(swapped)
                }
            }
            return out
        }
        func editsFromWord(_ attempt: String, _ word: String) -> Int {
            let plural = word.hasSuffix("y") ? String(word.dropLast()) + "ies" : word + "s"
            return min(QuestionWords.editDistance(attempt, word), QuestionWords.editDistance(attempt, plural))
        }
        var checked = 0
        for word in known {
            let forms = [word, word.hasSuffix("y") ? String(word.dropLast()) + "ies" : word + "s"]
            var typed = Set(forms)
            for form in forms {
                for once in slips(Array(form)) {
                    typed.insert(String(once))
                    if form == word && form.count >= 9 {
                        for twice in slips(once) { typed.insert(String(twice)) }
                    }
                }
            }
            let promised = typed.filter { $0.count >= 9 || editsFromWord($0, word) <= 1 }
            for attempt in promised where QuestionWords.matches(attempt, word) || word.hasPrefix(attempt) {
                let pieces = QuestionWords.typoPieces(attempt)
                checked += 1
                guard !pieces.isEmpty else { continue }
                #expect(pieces.contains { word.contains($0) }, "\(attempt) → \(word): \(pieces)")
            }
        }
        #expect(checked > 10_000)
    }
}

/// The distance names are matched by, against the whole table written out.
@Suite struct EditDistanceTests {
    static func reference(_ a: [Character], _ b: [Character]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        guard !a.isEmpty, !b.isEmpty else { return table[a.count][b.count] }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }

    @Test func knownAnswers() {
        #expect(QuestionWords.editDistance("", "abc") == 3)
        #expect(QuestionWords.editDistance("abc", "") == 3)
        #expect(QuestionWords.editDistance("mria", "maria") == 1)
        #expect(QuestionWords.editDistance("ca", "abc") == 3)
        #expect(QuestionWords.editDistance("kitten", "sitting") == 3)
        #expect(QuestionWords.editDistance("müller", "muller") == 1)
        #expect(QuestionWords.editDistance("zoë", "zeo") == 2)
    }

    /// Every pair of words of up to four letters from "a", "b" and "é" (ASCII and not).
    @Test func agreesWithTheWholeTableOnEveryShortPair() {
        var words: [[Character]] = [[]]
        var longest: [[Character]] = [[]]
        for _ in 1...4 {
            longest = longest.flatMap { word in ["a", "b", "é"].map { word + [$0] } }
            words += longest
        }
        for a in words {
            for b in words {
                #expect(
                    QuestionWords.editDistance(String(a), String(b)) == Self.reference(a, b),
                    "\(String(a)) \(String(b))")
            }
        }
        #expect(words.count == 121)
    }
}
