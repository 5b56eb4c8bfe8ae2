import Foundation
import SalesPulseCore
import Testing

@Suite("Deal approval rule")
struct DealApprovalRuleTests {
    let rule = DealApprovalRule(thresholdCents: 5_000_000)

    @Test func onlyDealsAboveTheAmountNeedApproval() {
        #expect(!rule.needsApproval(amountCents: 5_000_000))
        #expect(rule.needsApproval(amountCents: 5_000_001))
        #expect(!DealApprovalRule(thresholdCents: nil).needsApproval(amountCents: .max))
        #expect(DealApprovalRule(thresholdCents: 0) == DealApprovalRule(thresholdCents: nil), "zero means no approvals")
    }

    @Test func aRepNeedsAnApprovalCoveringTheAmountManagersDoNot() {
        #expect(!rule.mayWin(role: .rep, amountCents: 8_000_000, approvedCents: nil))
        #expect(rule.mayWin(role: .rep, amountCents: 8_000_000, approvedCents: 8_000_000))
        #expect(
            !rule.mayWin(role: .rep, amountCents: 9_000_000, approvedCents: 8_000_000),
            "the deal grew after the approval")
        #expect(rule.mayWin(role: .rep, amountCents: 4_000_000, approvedCents: nil))
        #expect(rule.mayWin(role: .manager, amountCents: 9_000_000, approvedCents: nil))
        #expect(rule.mayWin(role: .admin, amountCents: 9_000_000, approvedCents: nil))
    }

    @Test func managersOfTheOwnerAndAdminsDecideRepsAreRefusedOthersSeeNothing() {
        let rep = UUID(), other = UUID(), team = UUID()
        let deal = RecordScope(ownerID: rep)
        #expect(AccessPolicy.decideApproval(Actor(userID: UUID(), role: .admin), record: deal) == .allowed)
        #expect(
            AccessPolicy.decideApproval(
                Actor(userID: UUID(), role: .manager, teamIDs: [team], managedUserIDs: [rep]), record: deal) == .allowed
        )
        #expect(
            AccessPolicy.decideApproval(Actor(userID: UUID(), role: .manager, managedUserIDs: [other]), record: deal)
                == .notFound)
        #expect(AccessPolicy.decideApproval(Actor(userID: rep, role: .rep), record: deal) == .forbidden)
        #expect(AccessPolicy.decideApproval(Actor(userID: other, role: .rep), record: deal) == .notFound)
        #expect(AccessPolicy.decideApproval(Actor(userID: UUID(), role: .viewer), record: deal) == .forbidden)
    }
}
