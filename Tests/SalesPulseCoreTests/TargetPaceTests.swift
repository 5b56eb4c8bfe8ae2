import Foundation
import SalesPulseCore
import Testing

@Suite("Target pace")
struct TargetPaceTests {
    @Test func aRepFarBehindLateInTheMonthIsHighRisk() {
        // nothing sold on the 29th of a 30-day month, and 40% sold with three days left
        for progress in [0.0, 0.4] {
            let miss = TargetPace.missProbability(model: 0.3, progress: progress, monthElapsed: 29.0 / 30)
            #expect(MissRisk(missProbability: miss) == .high, "\(progress)")
        }
    }

    @Test func aTargetAlreadyMetCannotBeMissed() {
        #expect(TargetPace.missProbability(model: 0.9, progress: 1.02, monthElapsed: 0.4) == 0)
    }

    @Test func onPaceTheModelDecides() {
        #expect(TargetPace.missProbability(model: 0.38, progress: 0.97, monthElapsed: 0.97) == 0.38)
        #expect(TargetPace.missProbability(model: 0.2, progress: 0.1, monthElapsed: 0.2) == 0.2)
    }

    @Test(arguments: [0.5, 0.7, 0.9, 0.97])
    func moreSoldNeverRaisesTheChanceOfMissing(monthElapsed: Double) {
        var previous = 1.0
        for step in 0...40 {
            let miss = TargetPace.missProbability(model: 0.3, progress: Double(step) / 40, monthElapsed: monthElapsed)
            #expect(miss <= previous, "progress \(step)/40")
            previous = miss
        }
    }

    @Test func lessTimeLeftNeverLowersTheRiskOfTheSameShortfall() {
        var previous = 0.0
        for day in 15...30 {
            let miss = TargetPace.missProbability(model: 0.3, progress: 0.3, monthElapsed: Double(day) / 30)
            #expect(miss >= previous, "day \(day)")
            previous = miss
        }
    }
}
