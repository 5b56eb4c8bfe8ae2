import Foundation
import SalesPulseCore
import Testing

/// The first special case that matches decides who gets a lead; without one, the form's rule.
@Suite struct LeadRouteTests {
    let languages = UUID(uuidString: "00000000-0000-0000-0000-00000000000A")!
    let north = UUID(uuidString: "00000000-0000-0000-0000-00000000000B")!
    let ana = UUID(uuidString: "00000000-0000-0000-0000-00000000000C")!

    @Test func theFirstMatchingCaseDecidesIgnoringCaseAndAccents() {
        let routes = [LeadRoute(when: .productInterest, contains: "spanish", rule: .roundRobin(team: languages)),
                      LeadRoute(when: .region, contains: "Norte", rule: .leastLoaded(team: north)),
                      LeadRoute(when: .productInterest, contains: "Español", rule: .named(ana))]
        let form = LeadAssignment.named(ana)
        #expect(LeadRoute.rule(routes, for: [.productInterest: "Spanish B1, Saturdays", .region: "Norte"], otherwise: form) == .roundRobin(team: languages))
        #expect(LeadRoute.rule(routes, for: [.region: "Região NORTE"], otherwise: form) == .leastLoaded(team: north))
        #expect(LeadRoute.rule(routes, for: [.productInterest: "espanol"], otherwise: form) == .named(ana))
        #expect(LeadRoute.rule(routes, for: [.productInterest: "French"], otherwise: form) == form)
        #expect(LeadRoute.rule(routes, for: [:], otherwise: nil) == nil)
        #expect(LeadRoute.rule([LeadRoute(when: .region, contains: " ", rule: .named(ana))], for: [.region: "Any"], otherwise: form) == form)
    }
}
