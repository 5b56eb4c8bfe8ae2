@testable import App
import Foundation
import SalesPulseCore
import Testing
import Vapor

@Suite("Approval of large deals")
struct DealApprovalTests {
    private func titles(_ company: CRMCompany, _ person: CRMCompany.Person) async throws -> [String] {
        try #require(try await company.call(person, .GET, "/api/v1/notifications").json()["items"] as? [[String: Any]])
            .compactMap { $0["title"] as? String }
    }

    private func account(_ company: CRMCompany) async throws -> String {
        try await company.create(
            .repA, "accounts",
            #"{"name":"Kestrel Labs \#(UUID().uuidString.prefix(6))","ownerId":"\#(try company.id(.repA))"}"#)
    }

    private func largeDeal(_ company: CRMCompany, amount: Int = 80_000) async throws -> String {
        try await company.create(
            .repA, "opportunities",
            #"{"name":"Fleet for Kestrel","amount":\#(amount),"accountId":"\#(try await account(company))","ownerId":"\#(try company.id(.repA))"}"#
        )
    }

    @Test func aRepWinsALargeDealOnlyAfterTheManagerApprovesAndBothAreTold() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            #expect(
                try await company.call(.admin, .PATCH, "/api/v1/settings", #"{"approvalAmount":50000}"#).json()[
                    "approvalAmount"] as? Double == 50_000)
            let deal = try await largeDeal(company)

            let refused = try await company.call(
                .repA, .PATCH, "/api/v1/opportunities/\(deal)", #"{"stage":"closed_won"}"#)
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.apiError().field == "stage" && refused.apiError().message.contains("$50,000.00"))
            #expect(
                try await company.call(.repA, .GET, "/api/v1/opportunities/\(deal)").json()["stage"] as? String
                    == "prospecting")

            let asked = try await company.call(
                .repA, .POST, "/api/v1/opportunities/\(deal)/approvals", #"{"note":"Three-year fleet deal"}"#)
            #expect(asked.status == .created, "\(asked.text)")
            let approval = try #require(try asked.json()["id"] as? String)
            #expect(try asked.json()["state"] as? String == "pending" && asked.json()["amount"] as? Double == 80_000)
            #expect(
                try await company.call(.repA, .POST, "/api/v1/opportunities/\(deal)/approvals", "{}").status
                    == .conflict)
            // The rep cannot answer their own request; a manager of another team cannot see the deal.
            let decision = "/api/v1/opportunities/\(deal)/approvals/\(approval)/decision"
            #expect(try await company.call(.repA, .POST, decision, #"{"decision":"approved"}"#).status == .forbidden)
            #expect(try await company.call(.viewer, .POST, decision, #"{"decision":"approved"}"#).status == .forbidden)
            #expect(try await company.call(.repB, .POST, decision, #"{"decision":"approved"}"#).status == .notFound)
            #expect(
                try await company.call(.manager, .POST, decision, #"{"decision":"maybe"}"#).apiError().field
                    == "decision")

            try await runDueJobs(app)
            let managerTitles = try await titles(company, .manager)
            #expect(
                managerTitles.contains { $0.hasSuffix("asks you to approve Fleet for Kestrel ($80,000.00)") },
                "\(managerTitles)")
            let mail = try await outbox(app)
            let request = try #require(
                mail.first { $0.subject == "Approval needed: Fleet for Kestrel, $80,000.00" }, "\(mail.map(\.subject))")
            #expect(request.to_address == "manager@example.com")

            let approved = try await company.call(
                .manager, .POST, decision, #"{"decision":"approved","note":"Go ahead"}"#)
            #expect(approved.status == .ok, "\(approved.text)")
            #expect(
                try approved.json()["state"] as? String == "approved"
                    && approved.json()["decisionNote"] as? String == "Go ahead")
            #expect(try await company.call(.manager, .POST, decision, #"{"decision":"rejected"}"#).status == .conflict)
            try await runDueJobs(app)
            #expect(try await titles(company, .repA).contains { $0.contains("approved Fleet for Kestrel") })
            #expect(
                try await outbox(app).contains {
                    $0.subject == "Fleet for Kestrel was approved" && $0.to_address == "repa@example.com"
                })

            // The approval covers the amount it was given for: a bigger deal needs asking again.
            #expect(
                try await company.call(.repA, .PATCH, "/api/v1/opportunities/\(deal)", #"{"amount":90000}"#).status
                    == .ok)
            let grown = try await company.call(
                .repA, .PATCH, "/api/v1/opportunities/\(deal)", #"{"stage":"closed_won"}"#)
            #expect(grown.status == .unprocessableEntity)
            #expect(try grown.apiError().message.contains("covers $80,000.00"))
            #expect(
                try await company.call(.repA, .PATCH, "/api/v1/opportunities/\(deal)", #"{"amount":80000}"#).status
                    == .ok)
            #expect(
                try await company.call(.repA, .PATCH, "/api/v1/opportunities/\(deal)", #"{"stage":"closed_won"}"#)
                    .status == .ok)

            let history = try await company.call(.repA, .GET, "/api/v1/opportunities/\(deal)/approvals").json()
            #expect(
                (history["items"] as? [[String: Any]])?.count == 1 && history["approvalAmount"] as? Double == 50_000)
        }
    }

    @Test func managersWinLargeDealsThemselvesAndSmallDealsNeedNoApproval() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let small = try await largeDeal(company, amount: 40_000)
            // No approval amount yet: nothing to ask.
            #expect(
                try await company.call(.repA, .POST, "/api/v1/opportunities/\(small)/approvals", "{}").apiError().field
                    == "amount")
            #expect(
                try await company.call(.admin, .PATCH, "/api/v1/settings", #"{"approvalAmount":50000}"#).status == .ok)
            #expect(
                try await company.call(.repA, .POST, "/api/v1/opportunities/\(small)/approvals", "{}").status
                    == .unprocessableEntity)
            #expect(
                try await company.call(.repA, .PATCH, "/api/v1/opportunities/\(small)", #"{"stage":"closed_won"}"#)
                    .status == .ok)
            let large = try await largeDeal(company)
            #expect(
                try await company.call(.manager, .PATCH, "/api/v1/opportunities/\(large)", #"{"stage":"closed_won"}"#)
                    .status == .ok)
            // A viewer may not ask; a rep creating a deal as already won above the amount is refused.
            #expect(
                try await company.call(.viewer, .POST, "/api/v1/opportunities/\(large)/approvals", "{}").status
                    == .forbidden)
            let created = try await company.call(
                .repA, .POST, "/api/v1/opportunities",
                #"{"name":"Won at once","amount":60000,"stage":"closed_won","accountId":"\#(try await account(company))","ownerId":"\#(try company.id(.repA))"}"#
            )
            #expect(created.status == .unprocessableEntity)
            #expect(try created.apiError().field == "stage")
            // Only admins set the amount, and it must be a sensible number.
            #expect(
                try await company.call(.manager, .PATCH, "/api/v1/settings", #"{"approvalAmount":1}"#).status
                    == .forbidden)
            #expect(
                try await company.call(.admin, .PATCH, "/api/v1/settings", #"{"approvalAmount":-5}"#).apiError().field
                    == "approvalAmount")
            #expect(
                try await company.call(.admin, .PATCH, "/api/v1/settings", #"{"approvalAmount":null}"#).json()[
                    "approvalAmount"] == nil)
        }
    }

    @Test func onTheDealPageTheRepAsksAndTheManagerRejectsThenApproves() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let admin = Browser(app)
            try await admin.signIn("admin@example.com")
            try await admin.get("/admin/settings")
            let bad = try await admin.post("/admin/settings", ["timeZone": "UTC", "approvalAmount": "lots"])
            #expect(bad.headers.first(name: .location)?.contains("message=") == true)
            try await admin.post("/admin/settings", ["timeZone": "UTC", "approvalAmount": "50,000"])
            #expect(try await admin.get("/admin/settings").text.contains(#"value="50,000.00""#))
            let deal = try await largeDeal(company)

            let rep = Browser(app)
            try await rep.signIn("repa@example.com")
            var page = try await rep.get("/opportunities/\(deal)").text
            #expect(page.contains("need a manager&#39;s approval") || page.contains("need a manager's approval"))
            #expect(
                page.contains("Ask for approval") && !page.contains(#"value="closed_won""#),
                "no Won button before approval")
            let won = try await rep.post("/opportunities/\(deal)/stage", ["stage": "closed_won"])
            #expect(won.headers.first(name: .location)?.contains("approval") == true)
            try await rep.post("/opportunities/\(deal)/approval", ["note": "Fleet of 40"])
            page = try await rep.get("/opportunities/\(deal)").text
            #expect(page.contains("Waiting for approval") && !page.contains(">Approve<"))
            #expect(
                try await rep.post("/opportunities/\(deal)/approval/decision", ["decision": "approved"]).status
                    == .forbidden)

            let manager = Browser(app)
            try await manager.signIn("manager@example.com")
            page = try await manager.get("/opportunities/\(deal)").text
            #expect(page.contains("Fleet of 40") && page.contains(">Approve<") && page.contains(">Reject<"))
            try await manager.post(
                "/opportunities/\(deal)/approval/decision", ["decision": "rejected", "note": "Price too low"])
            page = try await rep.get("/opportunities/\(deal)").text
            #expect(page.contains("Rejected by") && page.contains("Price too low") && page.contains("Ask for approval"))
            try await rep.post("/opportunities/\(deal)/approval", ["note": "Raised the price"])
            try await manager.get("/opportunities/\(deal)")
            try await manager.post("/opportunities/\(deal)/approval/decision", ["decision": "approved"])
            page = try await rep.get("/opportunities/\(deal)").text
            #expect(page.contains("Approved by") && page.contains(#"value="closed_won""#))
            try await rep.post("/opportunities/\(deal)/stage", ["stage": "closed_won"])
            #expect(
                try await company.call(.repA, .GET, "/api/v1/opportunities/\(deal)").json()["stage"] as? String
                    == "closed_won")
        }
    }

    @Test func theTrialLessonReminderHasBothParts() async throws {
        try await withTestApp { app in
            let message = try await MailComposer(app: app).compose(
                "trial-lesson-reminder", to: "pupil@example.com", subject: "Your trial lesson tomorrow",
                context: [
                    "name": "Mia", "course": "Spanish A1", "when": "Tue 2 Dec, 17:00",
                    "place": "Room 3, Calle Mayor 5", "teacher": "Lucía", "link": "http://x/y",
                ])
            #expect(
                message.text.contains("Course: Spanish A1") && message.text.contains("Where: Room 3, Calle Mayor 5")
                    && message.text.contains("Teacher: Lucía"))
            #expect(message.html?.contains("<strong>Spanish A1</strong>") == true)
        }
    }
}
