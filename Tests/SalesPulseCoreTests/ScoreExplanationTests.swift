import Foundation
import SalesPulseCore
import Testing

@Suite struct ScoreExplanationTests {
    /// The text is what leads have stored since scores were first explained: keys in order, and
    /// no version for the heuristic.
    @Test func theStoredTextIsStableAndReadsBack() throws {
        let model = ScoreExplanation(
            method: .model,
            factors: [ScoreFactor(name: "budget", effect: 12.5), ScoreFactor(name: "age in days", effect: -3)],
            version: 4)
        #expect(
            model.text
                == #"{"factors":[{"effect":12.5,"name":"budget"},{"effect":-3,"name":"age in days"}],"method":"model","version":4}"#
        )
        #expect(ScoreExplanation(text: model.text) == model)
        let heuristic = ScoreExplanation(
            method: .heuristic, factors: [ScoreFactor(name: "Recency of contact", effect: 15)])
        #expect(heuristic.text == #"{"factors":[{"effect":15,"name":"Recency of contact"}],"method":"heuristic"}"#)
        #expect(ScoreExplanation(text: heuristic.text)?.version == nil)
    }

    @Test func textThatIsNoExplanationReadsAsNone() {
        #expect(ScoreExplanation(text: nil) == nil)
        #expect(ScoreExplanation(text: "") == nil)
        #expect(ScoreExplanation(text: #"{"method":"guess","factors":[]}"#) == nil)
        #expect(ScoreExplanation(text: "[1, 2]") == nil)
    }
}
