import SalesPulseCore
import Testing

@Suite("Validation")
struct ValidationTests {
    @Test func emailsAreNormalisedAndChecked() throws {
        #expect(try EmailAddress("  Maria.Santos@Example.COM ").value == "maria.santos@example.com")
        for bad in [
            "", "maria", "maria@", "@example.com", "maria@example", "ma ria@example.com", "a@b..com", "a@-b.com",
        ] {
            #expect(throws: FieldError.self, "\(bad)") { try EmailAddress(bad) }
        }
    }

    @Test func passwordsNeedTenCharacters() throws {
        let rule = PasswordRule()
        try rule.check("ten chars!")
        #expect(throws: FieldError(field: "password", message: "Use at least 10 characters.")) {
            try rule.check("short")
        }
        #expect(throws: FieldError.self) { try rule.check("aaaaaaaaaaaa") }
        #expect(throws: FieldError.self) { try rule.check(String(repeating: "ab", count: 40)) }
    }

    @Test func moneyParsesToCents() throws {
        #expect(try MoneyAmount(parsing: "12500", field: "t").cents == 1_250_000)
        #expect(try MoneyAmount(parsing: "12,500.5", field: "t").cents == 1_250_050)
        #expect(try MoneyAmount(parsing: "0.07", field: "t").cents == 7)
        #expect(MoneyAmount(cents: 1_250_005).description == "12500.05")
        for bad in ["-1", "1.234", "abc", "", "1.2.3", "1e5"] {
            #expect(throws: FieldError.self, "\(bad)") { try MoneyAmount(parsing: bad, field: "t") }
        }
        #expect(throws: FieldError.self) { try MoneyAmount(decimal: -0.01, field: "t") }
        #expect(try MoneyAmount(decimal: 19.99, field: "t").cents == 1999)
    }
}
