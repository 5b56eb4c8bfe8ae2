import Foundation

/// Words as the parser compares them: lower case, accents and punctuation gone, plurals and
/// small typos forgiven.
public enum QuestionWords {
    private static let english = Locale(identifier: "en")

    /// "Mría's  Opportunities?" → ["mria's", "opportunities"]: lower case, without accents,
    /// split on anything but letters, digits and the marks numbers and dates use.
    public static func tokens(_ text: String) -> [String] {
        // Names are looked up by the ten thousand: text whose letters are plain ASCII has no
        // accents to fold and is split scalar by scalar; the rest is folded first.
        let words = plainWords(text) ?? foldedWords(text)
        // Trailing punctuation is the sentence's, not the word's.
        return words.map { token in
            var token = token
            while let last = token.last, ".,'".contains(last) { token.removeLast() }
            if token.hasSuffix("'s") { token.removeLast(2) }
            return token
        }.filter { !$0.isEmpty }
    }

    private static func foldedWords(_ text: String) -> [String] {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: english).lowercased()
        var words: [String] = [], current = ""
        for character in folded {
            if character.isLetter || character.isNumber || "'’.,-$%".contains(character) {
                current.append(character == "’" ? "'" : character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The same split without folding, for text whose letters and digits are all ASCII (the
    /// dashes, quotes and spaces around them may be anything): letters lowered, digits and the
    /// marks numbers and dates use kept, anything else a gap. Nil when a letter needs folding.
    private static func plainWords(_ text: String) -> [String]? {
        var words: [String] = [], current: [UInt8] = []
        func endWord() {
            if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        for scalar in text.unicodeScalars {
            guard scalar.isASCII else {
                if scalar == "’" {
                    current.append(UInt8(ascii: "'"))
                    continue
                }
                let properties = scalar.properties
                let mark = [.nonspacingMark, .spacingMark, .enclosingMark].contains(properties.generalCategory)
                if properties.isAlphabetic || properties.numericType != nil || mark { return nil }
                endWord()
                continue
            }
            let byte = UInt8(scalar.value)
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte + 32)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "'"),
                UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "$"), UInt8(ascii: "%"):
                current.append(byte)
            default: endWord()
            }
        }
        endWord()
        return words
    }

    /// Whether `word` is `known` allowing for a plural and a typo: one edit in words of five
    /// letters or more, two in words of nine or more.
    public static func matches(_ word: String, _ known: String) -> Bool {
        if word == known || singular(word) == known || word == singular(known) { return true }
        let plural = known.hasSuffix("y") ? String(known.dropLast()) + "ies" : known + "s"
        return [known, plural].contains { form in
            let allowed = form.count >= 9 ? 2 : form.count >= 5 ? 1 : 0
            return allowed > 0 && abs(word.count - form.count) <= allowed && editDistance(word, form) <= allowed
        }
    }

    /// Pieces of a typed word, at least one of which every word it `matches` (or starts) holds
    /// whole, so a typo search can let the database pass over names that hold none. The word's
    /// stem (without a plural ending or a final "y") is cut into one piece more than the edits
    /// allowed, since each edit spoils at most one piece; the halves around each cut are added
    /// with the letters on either side swapped back, for a swap that straddles it. Empty when a
    /// piece would be shorter than two letters: then nothing can be passed over.
    public static func typoPieces(_ typed: String) -> [String] {
        var stem = Array(singular(typed))
        if stem.last == "y", stem.count > 2 { stem.removeLast() }
        // Two slips in words of nine letters or more, one from four ("mria" is one short of
        // "maria"). Two letters dropped from a word of nine are not promised: cutting seven
        // letters in three would leave pieces that most names hold.
        let edits = typed.count >= 9 ? 2 : typed.count >= 4 ? 1 : 0
        let parts = edits + 1
        guard stem.count >= 2 * parts else { return [] }
        let cuts = (1..<parts).map { $0 * stem.count / parts }
        func pieces(_ letters: [Character]) -> [String] {
            zip([0] + cuts, cuts + [letters.count]).map { String(letters[$0..<$1]) }
        }
        var found = pieces(stem)
        for cut in cuts {
            var swapped = stem
            swapped.swapAt(cut - 1, cut)
            found += pieces(swapped)
        }
        var seen: Set<String> = []
        return found.filter { seen.insert($0).inserted }
    }

    /// "opportunities" → "opportunity", "leads" → "lead", "sales" → "sale".
    public static func singular(_ word: String) -> String {
        if word.hasSuffix("ies"), word.count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("sses") { return String(word.dropLast(2)) }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 3 { return String(word.dropLast()) }
        return word
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// neighbours ("oportunities", "mria", "laeds") each count one. Names are matched by the
    /// ten thousand, and folded words are nearly always ASCII, so those are compared as bytes.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let ascii = { (text: String) in text.utf8.allSatisfy { $0 < 0x80 } }
        return ascii(a) && ascii(b) ? editDistance(Array(a.utf8), Array(b.utf8)) : editDistance(Array(a), Array(b))
    }

    /// The same over letters, keeping only the three rows of the table a step needs.
    private static func editDistance<Letter: Equatable>(_ a: [Letter], _ b: [Letter]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforeLast = [Int](repeating: 0, count: b.count + 1)
        var last = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(last[j] + 1, current[j - 1] + 1, last[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { best = min(best, beforeLast[j - 2] + 1) }
                current[j] = best
            }
            (beforeLast, last, current) = (last, current, beforeLast)
        }
        return last[b.count]
    }

    /// "10k" → 10,000; "1.5m" → 1,500,000; "$5,000" → 5,000.
    public static func amount(_ token: String) -> Double? {
        var text = token.replacingOccurrences(of: "$", with: "").replacingOccurrences(of: ",", with: "")
        var factor = 1.0
        if text.hasSuffix("k") {
            factor = 1_000
            text.removeLast()
        } else if text.hasSuffix("m") {
            factor = 1_000_000
            text.removeLast()
        }
        // Beyond a trillion is a typo, not a deal; it must not overflow the list's whole cents.
        guard let value = Double(text), value.isFinite, value >= 0, value * factor < 1e12 else { return nil }
        return value * factor
    }
}
