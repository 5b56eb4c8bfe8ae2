import SalesPulseCore
import Testing

@Suite struct ProseCheckTests {
    let original =
        "Revenue in October 2026 was $12,400 from 31 sales, 12% more than in September 2026 ($11,071). By region, North added $2,000 and South lost $650."
    let names = ["North", "South", "East", "Ann Lee"]

    @Test func readsNumbersAsAReaderWould() {
        #expect(
            ProseCheck.numbers(in: "$12,400 and 12400, 12% of −3.5 in 2026.") == [
                "-3.5", "12%", "12400", "12400", "2026",
            ])
        #expect(ProseCheck.numbers(in: "no figures here") == [])
    }

    @Test func acceptsARewordingThatKeepsEveryFigureAndName() {
        let rewrite =
            "October 2026 brought $12,400 of revenue over 31 sales: 12% more than September 2026 ($11,071). North added $2,000 while South lost $650."
        #expect(ProseCheck.keepsFacts(original: original, rewrite: rewrite, names: names))
    }

    @Test func refusesChangedDroppedOrAddedFigures() {
        let changed = original.replacingOccurrences(of: "12%", with: "13%")
        let dropped = original.replacingOccurrences(of: " ($11,071)", with: "")
        let added = original + " That is 3 times the goal."
        let inWords = original.replacingOccurrences(of: "31 sales", with: "thirty-one sales")
        for rewrite in [changed, dropped, added, inWords] {
            #expect(!ProseCheck.keepsFacts(original: original, rewrite: rewrite, names: names), "\(rewrite)")
        }
    }

    @Test func refusesDroppedOrInventedNames() {
        let dropped = original.replacingOccurrences(of: "South", with: "another region")
        let known = original.replacingOccurrences(of: "North", with: "East")
        let invented = original + " Thanks to Maria, it grew."
        for rewrite in [dropped, known, invented] {
            #expect(!ProseCheck.keepsFacts(original: original, rewrite: rewrite, names: names), "\(rewrite)")
        }
    }
}
