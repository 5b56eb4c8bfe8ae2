import Foundation
import SalesPulseCore
import Testing

@Suite("Trimming") struct TrimmedTests {
    @Test(arguments: [
        ("", ""), ("Ann", "Ann"), ("  Ann Lee \t", "Ann Lee"), ("\r\nAnn\n", "Ann"), ("   ", ""),
        ("\u{00A0}Zoë\u{2003}", "Zoë"), ("a  b", "a  b"), ("\u{FEFF}x", "\u{FEFF}x"), (" 🙂 ", "🙂"),
    ])
    func trimsWhiteSpaceAndLineBreaksAtBothEnds(raw: String, expected: String) {
        #expect(raw.trimmed == expected)
        #expect(raw.trimmed == raw.trimmingCharacters(in: .whitespacesAndNewlines), "the same as Foundation's")
    }
}
