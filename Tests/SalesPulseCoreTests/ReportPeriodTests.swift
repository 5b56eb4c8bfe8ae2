import SalesPulseCore
import Testing

@Suite struct ReportPeriodTests {
    let today = CalendarDay(year: 2026, month: 12, day: 6)!

    func day(_ text: String) -> CalendarDay { CalendarDay(text: text)! }

    @Test func aMonthComparesWithTheMonthBeforeOrAYearEarlier() throws {
        let october = try ReportPeriod.parse("2026-10", today: today)
        #expect(october == ReportPeriod(from: day("2026-10-01"), to: day("2026-10-31"), label: "October 2026"))
        #expect(try october.comparison(nil) == ReportPeriod.parse("2026-09", today: today))
        #expect(try october.comparison("last-year").label == "October 2025")
        #expect(try october.comparison("2026-03").to == day("2026-03-31"))
        let march = try ReportPeriod.parse("2026-03", today: today)
        #expect(try march.comparison("previous").to == day("2026-02-28"))
    }

    @Test func relativePeriodsFollowToday() throws {
        #expect(try ReportPeriod.parse("last-month", today: today).label == "November 2026")
        let toDate = try ReportPeriod.parse("this-month", today: today)
        #expect(toDate.from == day("2026-12-01") && toDate.to == today)
        #expect(toDate.label == "December 2026 to date")
        let before = try toDate.comparison(nil)
        #expect(before.from == day("2026-11-01") && before.to == day("2026-11-06"))
        #expect(before.label == "the same days of November 2026")
        // Sunday 6 December: last week ran Monday 23 to Sunday 29 November
        let week = try ReportPeriod.parse("last-week", today: today)
        #expect(week.from == day("2026-11-23") && week.to == day("2026-11-29"))
        #expect(week.label == "the week of 23 Nov 2026")
        #expect(try week.comparison(nil).from == day("2026-11-16"))
        #expect(try week.comparison("last-year").from == day("2025-11-24"))
    }

    @Test func theEndOfALongMonthMapsOntoAShortOne() throws {
        let march = ReportPeriod(from: day("2026-03-01"), to: day("2026-03-30"), label: "March 2026 to date")
        #expect(try march.comparison(nil).to == day("2026-02-28"))
    }

    @Test func badPeriodsSayWhatToType() {
        for text in ["2026-13", "October", "2026-1", "2027-01", ""] {
            #expect(throws: ReportPeriod.ParseError.self) { try ReportPeriod.parse(text, today: today) }
        }
        let october = ReportPeriod(from: day("2026-10-01"), to: day("2026-10-31"), label: "October 2026")
        #expect(throws: ReportPeriod.ParseError.self) { try october.comparison("2026-10") }
        #expect(throws: ReportPeriod.ParseError.self) { try october.comparison("yesterday") }
    }
}
