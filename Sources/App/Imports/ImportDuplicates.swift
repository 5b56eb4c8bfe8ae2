import Foundation
import NIOConcurrencyHelpers
import SalesPulseCore
import SQLKit

/// The duplicate rules applied to stored records: every record of the type read once into an
/// index (exact keys as hashes, names grouped by company), then each line looked up in it.
enum ImportDuplicates {
    static func candidate(
        spec: RecordSpec, name: String?, company: String?, email: String?, phone: String?,
        options: ImportOptions
    ) -> MatchCandidate {
        let country = options.defaultCountryCode
        if spec.path == "accounts" {
            let key = MatchKeys.company(name ?? "")
            return MatchCandidate(
                email: nil, phone: phone.flatMap { MatchKeys.phone($0, defaultCountryCode: country) }, name: key,
                company: key)
        }
        return MatchCandidate(
            email: email.flatMap { MatchKeys.email($0, providerRules: options.emailProviderRules) },
            phone: phone.flatMap { MatchKeys.phone($0, defaultCountryCode: country) },
            name: MatchKeys.name(name ?? ""), company: MatchKeys.company(company ?? ""))
    }

    static func stored(
        _ spec: RecordSpec, options: ImportOptions, on sql: any SQLDatabase
    ) async throws -> DuplicateIndex<UUID> {
        let index = NIOLockedValueBox(DuplicateIndex<UUID>())
        let query: SQLQueryString =
            switch spec.path {
            case "leads": "SELECT id, name, company, email, phone, NULL AS mobile FROM leads ORDER BY created_at"
            case "contacts":
                """
                SELECT c.id, c.name, a.name AS company, c.email, c.phone, c.mobile FROM contacts c
                LEFT JOIN accounts a ON a.id = c.account_id ORDER BY c.created_at
                """
            default:
                "SELECT id, name, NULL AS company, NULL AS email, phone, NULL AS mobile FROM accounts ORDER BY created_at"
            }
        let idsAsText = sql.dialect.name == "sqlite"
        try await sql.raw(query).run { row in
            guard
                let id = idsAsText
                    ? (try? row.decode(column: "id", as: String.self)).flatMap(UUID.init(uuidString:))
                    : try? row.decode(column: "id", as: UUID.self)
            else { return }
            let text = { (column: String) in try? row.decode(column: column, as: String?.self) }
            let candidate = Self.candidate(
                spec: spec, name: text("name") ?? nil, company: text("company") ?? nil, email: text("email") ?? nil,
                phone: (text("phone") ?? nil) ?? (text("mobile") ?? nil), options: options)
            index.withLockedValue { $0.add(candidate, as: .record(id)) }
        }
        return index.withLockedValue { $0 }
    }

    /// How a match reads to a person: "same email as Ann Lee".
    static func words(_ reason: MatchReason, spec: RecordSpec) -> String {
        spec.path == "accounts" && reason == .nameAndCompany ? "same company name" : reason.words
    }
}
