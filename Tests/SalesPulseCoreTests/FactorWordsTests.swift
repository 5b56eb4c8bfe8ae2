import SalesPulseCore
import Testing

@Suite("Score reasons in words")
struct FactorWordsTests {
    @Test(arguments: [
        ("source=trade_show", "Came from a trade show"), ("source=import", "Came from an import"),
        ("log amount", "Deal size"),
        ("days since last interaction", "Days since the last contact"), ("sales %", "Share of target sold"),
        ("something new", "Something new"),
    ])
    func modelInputsReadAsSalesWords(name: String, words: String) {
        #expect(FactorWords.say(name) == words)
    }

    @Test func everyModelInputHasWords() {
        for name in LeadSnapshot.featureNames where !name.hasPrefix("source=") {
            #expect(FactorWords.say(name) != name.prefix(1).uppercased() + name.dropFirst(), "\(name)")
        }
    }
}
