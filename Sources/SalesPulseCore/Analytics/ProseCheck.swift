/// Decides whether a reworded text still says what the original said, as far as figures and
/// names go: the same numbers, each as often; every known name kept; no name or capitalised
/// word that the original did not have. A rewrite that fails is discarded, never patched.
public enum ProseCheck {
    public static func keepsFacts(original: String, rewrite: String, names: [String]) -> Bool {
        guard numbers(in: original) == numbers(in: rewrite) else { return false }
        for name in Set(names) where !name.isEmpty {
            if occurrences(of: name, in: original) != occurrences(of: name, in: rewrite) { return false }
        }
        let known = Set(words(in: original))
        return capitalisedWords(in: rewrite).allSatisfy { known.contains($0) }
    }

    /// Every number as a reader would take it: "$12,400" and "12400" are the same figure,
    /// "12%" is not "12", a minus sign is kept.
    public static func numbers(in text: String) -> [String] {
        var found: [String] = [], current = "", previous: Character = " "
        func flush(next: Character?) {
            guard current.contains(where: \.isNumber) else {
                current = ""
                return
            }
            while current.last == "." || current.last == "," { current.removeLast() }
            if next == "%" { current += "%" }
            found.append(current)
            current = ""
        }
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character.isNumber {
                if current.isEmpty, previous == "-" || previous == "−" { current = "-" }
                current.append(character)
            } else if (character == "," || character == "."), !current.isEmpty,
                index + 1 < characters.count, characters[index + 1].isNumber
            {
                if character == "." { current.append(".") }
            } else if !current.isEmpty {
                flush(next: character)
            }
            previous = character
        }
        if !current.isEmpty { flush(next: nil) }
        return found.sorted()
    }

    static func occurrences(of name: String, in text: String) -> Int {
        var count = 0, rest = Substring(text)
        while let range = rest.range(of: name) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }

    static func words(in text: String) -> [String] {
        text.split { !$0.isLetter && $0 != "'" && $0 != "’" }.map(String.init)
    }

    /// Capitalised words that do not open a sentence: the ones that are names.
    static func capitalisedWords(in text: String) -> [String] {
        var found: [String] = [], sentenceStart = true, word = ""
        func finish() {
            if let first = word.first, first.isUppercase, !sentenceStart { found.append(word) }
            if !word.isEmpty { sentenceStart = false }
            word = ""
        }
        for character in text {
            if character.isLetter || character == "'" || character == "’" {
                word.append(character)
            } else {
                finish()
                if ".!?:;".contains(character) || character == "\n" { sentenceStart = true }
            }
        }
        finish()
        return found
    }
}
