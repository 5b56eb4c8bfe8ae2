@testable import App
import Testing
import Vapor
import VaporTesting

@Suite("Opportunities, sales and accounts")
struct OpportunityTests {
    @Test func stagesSetProbabilityAndWinningRecordsTheSale() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let account = try await company.create(.repA, "accounts", #"{"name":"Globex"}"#)
            let product = try await company.create(.manager, "products", #"{"name":"Widget","price":250,"cost":100}"#)
            let deal = try await company.create(
                .repA, "opportunities", #"{"name":"Globex widgets","accountId":"\#(account)","amount":0}"#)
            let path = "/api/v1/opportunities/\(deal)"
            #expect(try await company.call(.repA, .GET, path).json()["probability"] as? Int == 10)
            let line = try await company.call(
                .repA, .POST, "/api/v1/opportunity-lines",
                #"{"opportunityId":"\#(deal)","productId":"\#(product)","quantity":4}"#)
            #expect(try line.json()["unitPrice"] as? Double == 250)
            #expect(try line.json()["unitCost"] as? Double == 100)

            let proposal = try await company.call(.repA, .PATCH, path, #"{"stage":"proposal"}"#)
            #expect(try proposal.json()["probability"] as? Int == 50)
            let manual = try await company.call(.repA, .PATCH, path, #"{"stage":"negotiation","probability":60}"#)
            #expect(try manual.json()["probability"] as? Int == 60)
            #expect(
                try await company.call(.repA, .PATCH, path, #"{"stage":"closed_lost"}"#).status == .unprocessableEntity)

            let won = try await company.call(.repA, .PATCH, path, #"{"stage":"closed_won"}"#)
            #expect(try won.json()["probability"] as? Int == 100)
            #expect(try won.json()["closedAt"] is String)
            let sales = try await company.call(.repA, .GET, "/api/v1/sales?opportunityId=\(deal)")
            let sale = try #require((try sales.json()["items"] as? [[String: Any]])?.first)
            #expect(sale["amount"] as? Double == 1000)
            #expect(sale["cost"] as? Double == 400)
            #expect(sale["repId"] as? String == (try company.id(.repA)))
            let saleID = try #require(sale["id"] as? String)
            let lines = try await company.call(.repA, .GET, "/api/v1/sale-lines?saleId=\(saleID)")
            #expect((try lines.json()["items"] as? [Any])?.count == 1)

            // reps cannot reopen; a manager can, and the sale leaves the numbers
            #expect(
                try await company.call(.repA, .PATCH, path, #"{"stage":"negotiation"}"#).status == .unprocessableEntity)
            #expect(try await company.call(.manager, .PATCH, path, #"{"stage":"negotiation"}"#).status == .ok)
            let after = try await company.call(.repA, .GET, "/api/v1/sales?opportunityId=\(deal)")
            #expect((try after.json()["items"] as? [Any])?.isEmpty == true)
            // a product on a deal cannot be deleted
            #expect(try await company.call(.admin, .DELETE, "/api/v1/products/\(product)").status == .conflict)
        }
    }

    @Test func accountHierarchyAndReportingLinesNeverLoop() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let holding = try await company.create(.repA, "accounts", #"{"name":"Holding"}"#)
            let subsidiary = try await company.create(
                .repA, "accounts", #"{"name":"Subsidiary","parentId":"\#(holding)"}"#)
            let loop = try await company.call(
                .repA, .PATCH, "/api/v1/accounts/\(holding)", #"{"parentId":"\#(subsidiary)"}"#)
            #expect(loop.status == .unprocessableEntity)
            #expect(try loop.apiError().field == "parentId")
            #expect(
                try await company.call(.repA, .PATCH, "/api/v1/accounts/\(holding)", #"{"parentId":"\#(holding)"}"#)
                    .status == .unprocessableEntity)

            let boss = try await company.create(.repA, "contacts", #"{"name":"Boss"}"#)
            let worker = try await company.create(.repA, "contacts", #"{"name":"Worker","reportsToId":"\#(boss)"}"#)
            let contactLoop = try await company.call(
                .repA, .PATCH, "/api/v1/contacts/\(boss)", #"{"reportsToId":"\#(worker)"}"#)
            #expect(contactLoop.status == .unprocessableEntity)
            #expect(try contactLoop.apiError().field == "reportsToId")
        }
    }

    @Test func accountsWithContactsOrOpenDealsNeedAnAdminCascade() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let account = try await company.create(.repA, "accounts", #"{"name":"Initech"}"#)
            try await company.create(.repA, "contacts", #"{"name":"Peter","accountId":"\#(account)"}"#)
            try await company.create(.repA, "opportunities", #"{"name":"TPS","accountId":"\#(account)"}"#)
            let path = "/api/v1/accounts/\(account)"
            let refused = try await company.call(.repA, .DELETE, path)
            #expect(refused.status == .conflict)
            #expect(try refused.apiError().message.contains("1 contact(s) and 1 open"))
            #expect(try await company.call(.repA, .DELETE, path + "?cascade=true").status == .forbidden)
            #expect(try await company.call(.admin, .DELETE, path + "?cascade=true").status == .noContent)
            #expect(
                (try await company.call(.admin, .GET, "/api/v1/contacts").json()["items"] as? [Any])?.isEmpty == true)
            let audit = try await company.call(.admin, .GET, "/api/v1/audit?action=delete")
            #expect((try audit.json()["items"] as? [Any])?.count == 3)
        }
    }
}
