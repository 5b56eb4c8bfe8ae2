import Foundation
import SalesPulseCore
import Testing

/// The first special case that matches decides who gets a lead; without one, the form's rule.
@Suite struct LeadRouteTests {
    let languages = UUID(uuidString: "00000000-0000-0000-0000-00000000000A")!
    let north = UUID(uuidString: "00000000-0000-0000-0000-00000000000B")!
    let ana = UUID(uuidString: "00000000-0000-0000-0000-00000000000C")!

    @Test func theFirstMatchingCaseDecidesIgnoringCaseAndAccents() {
        let routes = [
            LeadRoute(when: .productInterest, contains: "spanish", rule: .roundRobin(team: languages)),
            LeadRoute(when: .region, contains: "Norte", rule: .leastLoaded(team: north)),
            LeadRoute(when: .productInterest, contains: "Español", rule: .named(ana)),
        ]
        let form = LeadAssignment.named(ana)
        #expect(
            rule(routes, [.productInterest: "Spanish B1, Saturdays", .region: "Norte"], otherwise: form)
                == .roundRobin(team: languages))
        #expect(rule(routes, [.region: "Região NORTE"], otherwise: form) == .leastLoaded(team: north))
        #expect(rule(routes, [.productInterest: "espanol"], otherwise: form) == .named(ana))
        #expect(rule(routes, [.productInterest: "French"], otherwise: form) == form)
        #expect(rule(routes, [:], otherwise: nil) == nil)
        #expect(
            rule([LeadRoute(when: .region, contains: " ", rule: .named(ana))], [.region: "Any"], otherwise: form)
                == form)
    }

    /// As a form decides: the first case that matches, else its own rule.
    private func rule(
        _ routes: [LeadRoute], _ details: [LeadRoute.Detail: String], otherwise: LeadAssignment?
    ) -> LeadAssignment? {
        routes.first { $0.matches(details) }?.rule ?? otherwise
    }
}
