import Foundation
@testable import SalesPulseCore
import Testing

@Suite struct DuplicateRulesTests {
    @Test func jaroWinklerKnownAnswers() {
        #expect(abs(JaroWinkler.similarity("MARTHA", "MARHTA") - 0.9611) < 0.0001)
        #expect(abs(JaroWinkler.similarity("DWAYNE", "DUANE") - 0.84) < 0.0001)
        #expect(abs(JaroWinkler.similarity("DIXON", "DICKSONX") - 0.8133) < 0.0001)
        #expect(JaroWinkler.similarity("", "") == 1)
        #expect(JaroWinkler.similarity("abc", "") == 0)
        #expect(JaroWinkler.similarity("same", "same") == 1)
    }

    @Test(
        arguments: [
            ("  Ann.Lee+crm@Example.COM ", false, "ann.lee+crm@example.com"),
            ("Ann.Lee+crm@Example.COM", true, "annlee@example.com"),
            ("not-an-address", false, nil),
        ] as [(String, Bool, String?)])
    func emailKeys(raw: String, providerRules: Bool, key: String?) {
        #expect(MatchKeys.email(raw, providerRules: providerRules) == key)
    }

    @Test(
        arguments: [
            ("+44 20 7946 0018", nil, "442079460018"),
            ("020 7946 0018", "44", "442079460018"),
            ("0044 20 7946 0018", nil, "442079460018"),
            ("(555) 010-2030", "1", "15550102030"),
            ("1 555 010 2030", "1", "15550102030"),
            ("555 010 2030", nil, "5550102030"),
            ("12-34", nil, nil),
        ] as [(String, String?, String?)])
    func phoneKeys(raw: String, country: String?, key: String?) {
        #expect(MatchKeys.phone(raw, defaultCountryCode: country) == key)
    }

    @Test func namesAndCompaniesAreNormalised() {
        #expect(MatchKeys.name("  Zoë  O'Brien-Müller ") == "zoe obrien muller")
        #expect(MatchKeys.company("Acme Ltd.") == MatchKeys.company("ACME"))
        #expect(MatchKeys.company("The Acme Company, LLC") == "acme")
        #expect(MatchKeys.company("ООО Ромашка") == "ромашка")
        #expect(MatchKeys.company("Co") == "co")
        #expect(MatchKeys.company("Acme Rockets") != MatchKeys.company("Acme"))
    }

    static func candidate(
        _ name: String, _ company: String = "", email: String? = nil, phone: String? = nil
    ) -> MatchCandidate {
        MatchCandidate(
            email: email.flatMap { MatchKeys.email($0) }, phone: phone.flatMap { MatchKeys.phone($0) },
            name: MatchKeys.name(name), company: MatchKeys.company(company))
    }

    @Test func eachRuleMatchesItsPositiveCaseAndNotItsNegative() {
        var index = DuplicateIndex<Int>()
        index.add(
            Self.candidate("Ann Lee", "Acme Ltd", email: "ann@acme.com", phone: "+1 555 010 2030"), as: .record(1))
        index.add(Self.candidate("Jonathan Smith", "Globex GmbH"), as: .row(7))
        index.add(Self.candidate("Maria Garcia"), as: .record(3))

        #expect(index.match(Self.candidate("Somebody", email: "ANN@acme.com"))?.reason == .email)
        #expect(index.match(Self.candidate("Somebody", email: "ann@acme.org")) == nil)
        #expect(
            index.match(Self.candidate("Somebody", phone: "+1 (555) 010-2030")).map {
                [$0.reason == .phone, $0.target == .record(1)]
            } == [true, true])
        #expect(index.match(Self.candidate("Somebody", phone: "+1 555 010 2031")) == nil)

        let fuzzy = index.match(Self.candidate("Jonathon Smith", "GLOBEX"))
        #expect(fuzzy?.reason == .nameAndCompany)
        #expect(fuzzy?.target == .row(7))
        #expect((fuzzy?.score ?? 0) >= 0.92 && (fuzzy?.score ?? 1) < 1)
        #expect(index.match(Self.candidate("Jonathan Smith", "Initech")) == nil)
        #expect(index.match(Self.candidate("Joanna Smythe", "Globex")) == nil)
        index.add(Self.candidate("Front Desk 3", "Globex"), as: .row(8))
        #expect(index.match(Self.candidate("Front Desk 6", "Globex")) == nil, "numbers tell names apart")
        #expect(index.match(Self.candidate("Front Desk 3", "Globex"))?.target == .row(8))

        #expect(index.match(Self.candidate("maria  garcía"))?.reason == .name)
        #expect(index.match(Self.candidate("Maria Garcia", email: "maria@x.com")) == nil)
        #expect(index.match(Self.candidate("Maria Garcia", "Umbrella")) == nil)
    }

    @Test func headersAreGuessedFromTheirUsualSpellings() {
        let fields = ["name", "firstName", "lastName", "company", "email", "phone", "source", "budget", "ownerId"]
        #expect(
            ImportFieldGuess.guess(
                headers: [
                    "E-mail", "Phone number", "Company name", "Full name", "Lead Source", "Owner email", "Colour",
                ], fields: fields)
                == ["email", "phone", "company", "name", "source", "ownerId", nil])
        #expect(
            ImportFieldGuess.guess(headers: ["First Name", "Last Name", "Email Address", "Email"], fields: fields)
                == ["firstName", "lastName", "email", nil])
        #expect(
            ImportFieldGuess.guess(headers: ["Фамилия", "Имя", "Телефон"], fields: fields) == [
                "lastName", "name", "phone",
            ])
    }
}
