import Foundation
@testable import SalesPulseCore
import Testing

@Suite struct AnalyticsMathTests {
    @Test func kpiArithmeticAndMissingDenominators() {
        var inputs = KPISet.Inputs()
        inputs.revenueCents = 190_000
        inputs.costCents = 70_000
        inputs.costedRevenueCents = 190_000
        inputs.salesCount = 3
        inputs.dealsWon = 1
        inputs.dealsLost = 3
        inputs.wonCycleDaysTotal = 12.34
        inputs.leadsCreated = 8
        inputs.leadsQualified = 3
        inputs.leadsConverted = 2
        inputs.leadsCreatedPreviousPeriod = 5
        inputs.marketingSpendCents = 30_000
        inputs.newCustomers = 4
        inputs.weightedPipelineCents = 170_050
        let kpis = KPISet(inputs)
        #expect(kpis.revenue == 1900)
        #expect(kpis.averageDealSize == 633.33)
        #expect(kpis.profitMargin == 63.2)
        #expect(kpis.winRate == 25)
        #expect(kpis.qualificationRate == 37.5)
        #expect(kpis.leadConversionRate == 25)
        #expect(kpis.leadVelocity == 60)
        #expect(kpis.customerAcquisitionCost == 75)
        #expect(kpis.salesCycleDays == 12.3)
        #expect(kpis.weightedPipeline == 1700.5)
        // A sale with no cost recorded leaves the margin's base rather than adding pure profit.
        inputs.costedRevenueCents = 150_000
        #expect(KPISet(inputs).profitMargin == 53.3)
        #expect(KPISet(inputs).revenue == 1900)
        let empty = KPISet(KPISet.Inputs())
        #expect(
            empty.averageDealSize == nil && empty.winRate == nil && empty.profitMargin == nil
                && empty.customerAcquisitionCost == nil)
        #expect(KPISet.change(110, from: 100) == 10)
        #expect(KPISet.change(5, from: 0) == nil)
    }

    @Test func conversionBandsFollowTheSpec() {
        #expect(ConversionBand(rate: 20) == .green)
        #expect(ConversionBand(rate: 19.9) == .orange)
        #expect(ConversionBand(rate: 10) == .orange)
        #expect(ConversionBand(rate: 9.99) == .red)
    }

    @Test func adviceNamesTheNumbersBehindIt() {
        let advice = LeadSourceAdvice.recommendations([
            SourceFigures(source: "referral", leads: 40, converted: 12, revenueCents: 100_000),
            SourceFigures(
                source: "instagram_ads", leads: 200, converted: 8, revenueCents: 900_000, spendCents: 500_000),
            SourceFigures(source: "trade_show", leads: 5, converted: 0, revenueCents: 0),
        ])
        #expect(
            advice.first
                == "Referral converts best (30% of 40 leads, against 8.3% overall): put more budget and follow-up time there."
        )
        #expect(
            advice.contains(
                "Instagram ads converts only 4% of 200 leads while it costs money: review targeting or cut spend."))
        #expect(!advice.joined().contains("Trade show"), "five leads are too few to judge")
        #expect(
            LeadSourceAdvice.recommendations([]) == [
                "Not enough leads yet to compare sources (each needs at least 20)."
            ])
        let many = LeadSourceAdvice.recommendations(
            [("website", 130), ("other", 120), ("import", 110), ("cold_call", 100)].map {
                SourceFigures(source: $0.0, leads: $0.1, converted: 1, revenueCents: 0)
            })
        #expect(many.contains("1 more source converts below 10%: Cold call."))
    }

    @Test func calendarDaysAreStrictAndKnowTheirWeekAndMonth() throws {
        let day = try #require(CalendarDay(text: "2026-03-05"))
        #expect(day.text == "2026-03-05" && day.monthText == "2026-03")
        #expect(day.weekStart.text == "2026-03-02", "ISO weeks start on Monday")
        #expect(day.monthStart.text == "2026-03-01")
        #expect(day.shortMonth == "Mar 26")
        #expect(day.adding(days: 27).text == "2026-04-01")
        for bad in ["2026-02-29", "2026-13-01", "26-03-05", "2026-3-5", "2026-03-05T00:00:00Z", ""] {
            #expect(CalendarDay(text: bad) == nil, "\(bad)")
        }
        #expect(CalendarDay(text: "2024-02-29") != nil)
    }

    /// Day numbers as SQLite's date() and PostgreSQL count them: the Gregorian calendar carried
    /// back before 1582, where Foundation's turns Julian.
    @Test func calendarDaysAreProlepticGregorianLikeTheDatabases() {
        let known: [(Int, String)] = [
            (-719_162, "0001-01-01"), (-691_828, "0075-11-03"), (-141_438, "1582-10-04"), (-135_081, "1600-02-29"),
            (-1, "1969-12-31"), (0, "1970-01-01"), (11_017, "2000-03-01"), (2_932_896, "9999-12-31"),
        ]
        for (number, text) in known {
            #expect(CalendarDay(number: number).text == text)
            let civil = CalendarDay(number: number).civil
            #expect(CalendarDay(year: civil.year, month: civil.month, day: civil.day)?.number == number, "\(text)")
        }
        #expect(CalendarDay(year: 1900, month: 2, day: 29) == nil && CalendarDay(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDay(number: -691_828).monthStart.text == "0075-11-01")
        #expect(CalendarDay(text: "2024-02-10")?.monthEnd.text == "2024-02-29")
        #expect(CalendarDay(text: "2026-12-31")?.monthEnd.text == "2026-12-31")
    }

    @Test func demoSpendCoversPaidChannelsOnly() {
        let rows = DemoMarketingSpend.rows(
            seed: 7, asOf: Date(timeIntervalSince1970: 1_790_000_000), months: 2, leadCount: 3000)
        #expect(
            rows
                == DemoMarketingSpend.rows(
                    seed: 7, asOf: Date(timeIntervalSince1970: 1_790_000_000), months: 2, leadCount: 3000))
        #expect(!rows.contains { $0.channel == .referral })
        #expect(rows.allSatisfy { $0.spendCents > 0 && $0.clicks <= $0.impressions })
    }
}
