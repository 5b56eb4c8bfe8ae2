import Foundation
import SalesPulseCore
import Testing

@Suite struct PersonIdentityTests {
    private let ana = PersonIdentity(
        names: ["Ana Lima", "Erased person", "Al"], emails: ["Ana.Lima@Tiles.example"],
        phones: ["+55 11 98765-4321", "123"])

    @Test func keepsOnlyWhatTellsThePersonApart() {
        #expect(ana.names == ["Ana Lima"])
        #expect(ana.emails == ["ana.lima@tiles.example"])
        #expect(ana.phones == ["+55 11 98765-4321"])
        #expect(PersonIdentity(names: ["  "], emails: ["not an address"], phones: ["12-34"]).isEmpty)
    }

    @Test(arguments: [
        ("Spoke to Ana Lima today", "Spoke to [erased] today"),
        ("spoke to ANA LIMA today", "spoke to [erased] today"),
        ("Write to ana.lima@tiles.example.", "Write to [erased]."),
        ("call (11) 98765 4321 after 5", "call [erased] after 5"),
        ("call +55 11 98765-4321", "call [erased]"),
        ("call 11987654321 now", "call [erased] now"),
        (#"[{"field":"name","new":"Ana Lima","old":null}]"#, #"[{"field":"name","new":"[erased]","old":null}]"#),
    ])
    func findsAndErasesEveryMention(text: String, scrubbed: String) {
        #expect(ana.mentioned(in: text))
        #expect(ana.scrubbed(text) == scrubbed)
    }

    @Test(arguments: [
        "Ana Limassol called", "Banana Lima", "order 119876543210 shipped", "Lima Tiles", "ana@tiles.example",
    ])
    func leavesOtherWordsAndNumbersAlone(text: String) {
        #expect(!ana.mentioned(in: text))
        #expect(ana.scrubbed(text) == text)
    }

    @Test func phonesMatchWithOrWithoutTheirCountryCode() {
        #expect(PersonIdentity.samePhone("+351912345678", "912-345-678"))
        #expect(PersonIdentity.samePhone("+1 (415) 555-0100", "4155550100"))
        #expect(!PersonIdentity.samePhone("+351912345678", "345678"))
        #expect(!PersonIdentity.samePhone("+351912345678", "+351912345679"))
    }

    @Test func likePatternsCatchEveryMentionForTheDatabaseToNarrow() {
        #expect(ana.likePatterns == ["%ana lima%", "%ana.lima@tiles.example%", "%765%4321%"])
        let percent = PersonIdentity(names: ["100% Juice_Co"], emails: [], phones: [])
        #expect(percent.likePatterns == [#"%100\% juice\_co%"#])
    }

    @Test func retentionCountsWholeMonthsFromTheStartOfTheCompanysDay() {
        let zone = TimeZone(identifier: "Europe/Lisbon")!
        let now = ISO8601DateFormatter().date(from: "2026-12-05T10:00:00Z")!
        #expect(PrivacySettings.defaults.retentionCutoff(now: now, in: zone) == nil)
        let six = PrivacySettings(roles: [.admin, .manager], retentionMonths: 6)
        #expect(six.roles == [.manager])
        #expect(six.retentionCutoff(now: now, in: zone) == ISO8601DateFormatter().date(from: "2026-06-04T23:00:00Z"))
        #expect(PrivacySettings.problem(months: 0) != nil && PrivacySettings.problem(months: 241) != nil)
        #expect(PrivacySettings.problem(months: nil) == nil && PrivacySettings.problem(months: 24) == nil)
    }
}
