@testable import App
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// An import writes its new records a batch at a time: the rows, scores, audit entries and
/// roll-up counts must be exactly what creating each record on its own would have left.
@Suite(.serialized) struct ImportBatchTests {
    @Test func batchedLeadsGetTheScoresAuditAndRollupsOfSingleCreates() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let existing = try await company.create(
                .repA, "leads", #"{"name":"Ann Lee","email":"ann@example.com","source":"website"}"#)
            let single = try await company.create(
                .repB, "leads",
                #"{"name":"Solo Test","email":"solo@example.com","source":"referral","status":"qualified","budget":5000,"authority":true}"#
            )
            var text = "Name,Email,Owner,Lead source,Status,Budget,Authority\n"
            text += "Ann Lee,ann@example.com,repa@example.com,Website,,,\n"
            for index in 1...40 {
                let owner = index % 2 == 0 ? "repa@example.com" : "repb@example.com"
                let source = ["Website", "Referral", "Trade show"][index % 3]
                let status = index % 4 == 0 ? "Qualified" : "New"
                text +=
                    "Person \(index),person\(index)@example.com,\(owner),\(source),\(status),\(index * 250),\(index % 2 == 0 ? "yes" : "no")\n"
            }
            text += "Batch Twin,twin@example.com,repb@example.com,Referral,Qualified,5000,yes\n"
            let uploaded = try await company.upload(.admin, Array(text.utf8))
            let id = try #require(uploaded["id"] as? String)
            let chosen = try await company.call(.admin, .PATCH, "/api/v1/imports/\(id)", #"{"onDuplicate":"update"}"#)
            #expect(chosen.status == .ok, "\(chosen.text)")

            let finished = try await company.runImport(.admin, id)
            #expect(counts(finished) == ["created": 41, "updated": 0, "skipped": 1, "failed": 0], "\(finished)")

            // the roll-ups kept are the ones a rebuild counts
            let kept = try await rollupRows(app)
            let differences = try await rollupDifferencesFromRebuild(app)
            #expect(differences.isEmpty, "\(differences)")
            let repA = try company.users[.repA]!.requireID().uuidString,
                repB = try company.users[.repB]!.requireID().uuidString
            #expect(kept.contains { $0.contains(repA) && $0.contains("new_leads=21") }, "\(kept)")
            #expect(kept.contains { $0.contains(repB) && $0.contains("new_leads=22") }, "\(kept)")

            // a batched lead is scored as the same lead created alone
            let twin = try await company.call(.admin, .GET, "/api/v1/leads?q=Batch").json()
            let twinLead = try #require((twin["items"] as? [[String: Any]])?.first)
            let solo = try await company.call(.admin, .GET, "/api/v1/leads/\(single)").json()
            #expect(twinLead["score"] as? Int == solo["score"] as? Int)
            #expect(twinLead["score"] as? Int != nil)
            let unscored = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM leads WHERE score IS NULL").first()?
                .decode(column: "n", as: Int.self)
            #expect(unscored == 0)

            // each new lead has its own creation entry in the audit trail, without the score
            let entries = try await app.db.sql.raw(
                """
                SELECT changes FROM audit_entries WHERE resource = 'leads' AND action = 'create' AND record_id IN (SELECT id FROM leads WHERE email LIKE 'person%')
                """
            ).all().map { try $0.decode(column: "changes", as: String.self) }
            #expect(entries.count == 40)
            #expect(entries.allSatisfy { $0.contains("\"field\":\"email\"") && !$0.contains("\"field\":\"score\"") })
            #expect(try await company.call(.admin, .GET, "/api/v1/leads/\(existing)").status == .ok)
        }
    }

    @Test func batchedContactsAndAnUpdateInTheSameBatchKeepTheRollups() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            _ = try await company.create(.repA, "contacts", #"{"name":"Ann Lee","email":"ann@example.com"}"#)
            var text = "Name,Email,Phone\nAnn Lee,ann@example.com,+44 20 7946 0018\n"
            for index in 1...30 { text += "Given\(index) Family\(index),contact\(index)@example.com,\n" }
            let uploaded = try await company.upload(.repA, Array(text.utf8), type: "contacts")
            let id = try #require(uploaded["id"] as? String)
            _ = try await company.call(.repA, .PATCH, "/api/v1/imports/\(id)", #"{"onDuplicate":"update"}"#)
            let finished = try await company.runImport(.repA, id)
            #expect(counts(finished) == ["created": 30, "updated": 1, "skipped": 0, "failed": 0], "\(finished)")
            let kept = try await rollupRows(app)
            let differences = try await rollupDifferencesFromRebuild(app)
            #expect(differences.isEmpty, "\(differences)")
            #expect(kept.contains { $0.contains("new_contacts=31") }, "\(kept)")
        }
    }
    /// Lines of the batch in hand are compared with like committed ones; a later batch sees
    /// every earlier line.
    @Test func repeatsAreCaughtInTheSameBatchAndInLaterOnes() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            var text = "Name,Email\n"
            for line in 2...(ImportJob.batchSize + 60) {
                switch line {
                case 10: text += "Repeat Near,PERSON5@example.com\n"
                case ImportJob.batchSize + 50: text += "Repeat Far,person7@EXAMPLE.com\n"
                default: text += "Person \(line),person\(line)@example.com\n"
                }
            }
            let uploaded = try await company.upload(.repA, Array(text.utf8))
            let finished = try await company.runImport(.repA, try #require(uploaded["id"] as? String))
            #expect(counts(finished) == ["created": ImportJob.batchSize + 57, "updated": 0, "skipped": 2, "failed": 0])
            let reasons = try await app.db.sql.raw(
                "SELECT line, reason FROM import_rows WHERE outcome = 'skipped' ORDER BY line"
            ).all()
                .map {
                    "\(try $0.decode(column: "line", as: Int.self)): \(try $0.decode(column: "reason", as: String.self))"
                }
            #expect(
                reasons == [
                    "10: Repeats line 5 (same email).", "\(ImportJob.batchSize + 50): Repeats line 7 (same email).",
                ])
        }
    }
}
