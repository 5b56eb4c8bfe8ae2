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
}
