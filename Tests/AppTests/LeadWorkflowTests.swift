@testable import App
import Testing
import Vapor
import VaporTesting

@Suite("Lead workflow, conversion and actions")
struct LeadWorkflowTests {
    @Test func statusMovesFollowTheWorkflow() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let lead =
                "/api/v1/leads/" + (try await company.create(.repA, "leads", #"{"name":"Ana","source":"referral"}"#))
            // forward moves, skipping allowed
            #expect(try await company.call(.repA, .PATCH, lead, #"{"status":"qualified"}"#).status == .ok)
            // backwards is refused with the allowed moves named
            let back = try await company.call(.repA, .PATCH, lead, #"{"status":"new"}"#)
            #expect(back.status == .unprocessableEntity)
            #expect(try back.apiError().field == "status")
            #expect(try back.apiError().message.contains("Allowed from qualified: lost"))
            // converted only through conversion
            #expect(
                try await company.call(.repA, .PATCH, lead, #"{"status":"converted"}"#).status == .unprocessableEntity)
            // lost needs a reason
            #expect(try await company.call(.repA, .PATCH, lead, #"{"status":"lost"}"#).status == .unprocessableEntity)
            #expect(
                try await company.call(.repA, .PATCH, lead, #"{"status":"lost","lostReason":"Chose a competitor"}"#)
                    .status == .ok)
            // reps cannot reopen; managers can
            let reopen = try await company.call(.repA, .PATCH, lead, #"{"status":"contacted"}"#)
            #expect(reopen.status == .unprocessableEntity)
            #expect(try reopen.apiError().message.contains("Only managers and admins can reopen"))
            #expect(try await company.call(.manager, .PATCH, lead, #"{"status":"contacted"}"#).status == .ok)
            // every change is in the history, newest first, with old and new values
            let history = try await company.call(.repA, .GET, "\(lead)/history")
            let items = try #require(try history.json()["items"] as? [[String: Any]])
            #expect(items.map { $0["action"] as? String } == ["update", "update", "update", "create"])
            let latest = try #require(items.first?["changes"] as? [[String: Any]])
            let status = try #require(latest.first { $0["field"] as? String == "status" })
            #expect(status["old"] as? String == "lost" && status["new"] as? String == "contacted")
            #expect(items.first?["actorId"] as? String == (try company.id(.manager)))
        }
    }

    @Test func conversionCreatesAccountContactAndDealInOneStep() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let leadID = try await company.create(
                .repA, "leads",
                #"{"name":"Ana Lima","company":"Lima Foods","email":"ana@limafoods.example","phone":"+55 11 5555 0101","source":"trade_show"}"#
            )
            let response = try await company.call(
                .repA, .POST, "/api/v1/leads/\(leadID)/convert",
                #"{"opportunity":{"name":"Lima Foods rollout","amount":12000,"expectedCloseDate":"2026-12-20"}}"#)
            #expect(response.status == .ok)
            let body = try response.json()
            let lead = try #require(body["lead"] as? [String: Any])
            let account = try #require(body["account"] as? [String: Any])
            let contact = try #require(body["contact"] as? [String: Any])
            let deal = try #require(body["opportunity"] as? [String: Any])
            #expect(lead["status"] as? String == "converted")
            #expect(account["name"] as? String == "Lima Foods" && account["type"] as? String == "customer")
            #expect(
                contact["email"] as? String == "ana@limafoods.example"
                    && contact["accountId"] as? String == account["id"] as? String)
            #expect(deal["accountId"] as? String == account["id"] as? String && deal["leadId"] as? String == leadID)
            #expect(
                deal["probability"] as? Int == 10 && deal["primaryContactId"] as? String == contact["id"] as? String)
            #expect(lead["convertedAccountId"] as? String == account["id"] as? String)
            #expect(lead["convertedOpportunityId"] as? String == deal["id"] as? String)
            // a converted lead cannot be converted again
            #expect(
                try await company.call(.repA, .POST, "/api/v1/leads/\(leadID)/convert", "{}").status
                    == .unprocessableEntity)
        }
    }

    @Test func conversionLinksExistingRecordsAndRollsBackOnError() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let account = try await company.create(.repA, "accounts", #"{"name":"Existing Co"}"#)
            let othersAccount = try await company.create(.repB, "accounts", #"{"name":"Not yours"}"#)
            let leadID = try await company.create(.repA, "leads", #"{"name":"Ben","email":"ben@existing.example"}"#)
            // someone else's account is not there for this rep
            let foreign = try await company.call(
                .repA, .POST, "/api/v1/leads/\(leadID)/convert", #"{"accountId":"\#(othersAccount)"}"#)
            #expect(foreign.status == .unprocessableEntity)
            #expect(try foreign.apiError().field == "accountId")
            // a bad opportunity undoes the contact made before it
            let bad = try await company.call(
                .repA, .POST, "/api/v1/leads/\(leadID)/convert",
                #"{"accountId":"\#(account)","opportunity":{"amount":-5}}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.apiError().field == "opportunity.amount")
            let contacts = try await company.call(.admin, .GET, "/api/v1/contacts")
            #expect((try contacts.json()["items"] as? [Any])?.isEmpty == true)
            let stillOpen = try await company.call(.repA, .GET, "/api/v1/leads/\(leadID)")
            #expect(try stillOpen.json()["status"] as? String == "new")
            // a good one links the existing account
            let good = try await company.call(
                .repA, .POST, "/api/v1/leads/\(leadID)/convert", #"{"accountId":"\#(account)"}"#)
            #expect(good.status == .ok)
            #expect((try good.json()["account"] as? [String: Any])?["id"] as? String == account)
            #expect(try good.json()["opportunity"] is NSNull)
        }
    }

    @Test func snoozeFollowUpAndTaskCompletion() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let lead = "/api/v1/leads/" + (try await company.create(.repA, "leads", #"{"name":"Cleo"}"#))
            let past = try await company.call(.repA, .POST, "\(lead)/snooze", #"{"until":"2001-01-01T00:00:00Z"}"#)
            #expect(past.status == .unprocessableEntity)
            let snoozed = try await company.call(.repA, .POST, "\(lead)/snooze", #"{"until":"2099-01-01T00:00:00Z"}"#)
            #expect(try snoozed.json()["snoozedUntil"] as? String == "2099-01-01T00:00:00.000Z")
            let followUp = try await company.call(
                .repA, .POST, "\(lead)/follow-up", #"{"at":"2030-05-01T10:00:00Z","note":"Send pricing"}"#)
            #expect(try followUp.json()["followUpNote"] as? String == "Send pricing")
            #expect(
                try await company.call(.repA, .POST, "\(lead)/follow-up", #"{"note":"no date"}"#).status
                    == .unprocessableEntity)
            #expect(
                try await company.call(.repB, .POST, "\(lead)/snooze", #"{"until":"2099-01-01T00:00:00Z"}"#).status
                    == .notFound)
            #expect(
                try await company.call(.viewer, .POST, "\(lead)/follow-up", #"{"at":"2030-05-01T10:00:00Z"}"#).status
                    == .forbidden)

            let task = try await company.create(.repA, "tasks", #"{"title":"Call back","priority":"high"}"#)
            let done = try await company.call(.repA, .POST, "/api/v1/tasks/\(task)/complete")
            #expect(try done.json()["status"] as? String == "done")
            #expect(try done.json()["completedAt"] is String)
            #expect(try await company.call(.repB, .POST, "/api/v1/tasks/\(task)/complete").status == .notFound)
        }
    }

    @Test func activitiesFeedTheLeadsEngagement() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let lead = try await company.create(.repA, "leads", #"{"name":"Dora"}"#)
            for index in 1...3 {
                try await company.create(
                    .repA, "activities",
                    #"{"type":"meeting","subject":"Meeting \#(index)","leadId":"\#(lead)","occurredAt":"2026-01-0\#(index)T10:00:00Z"}"#
                )
            }
            let body = try await company.call(.repA, .GET, "/api/v1/leads/\(lead)").json()
            #expect(body["interactionCount"] as? Int == 3)
            #expect(body["engagement"] as? String == "medium")
            #expect(body["lastInteractionType"] as? String == "meeting")
            #expect(body["lastInteractionAt"] as? String == "2026-01-03T10:00:00.000Z")
            // system fields cannot be written by clients
            let forged = try await company.call(.repA, .PATCH, "/api/v1/leads/\(lead)", #"{"score":99}"#)
            #expect(forged.status == .unprocessableEntity)
            #expect(try forged.apiError().field == "score")
        }
    }

    @Test func customFieldValuesAreCheckedByType() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            try await company.create(.admin, "custom-fields", #"{"name":"fleet_size","type":"number","required":true}"#)
            try await company.create(
                .admin, "custom-fields", #"{"name":"tier","type":"choice","choices":"gold, silver"}"#)
            try await company.create(.admin, "custom-fields", #"{"name":"renewal","type":"date"}"#)
            let missing = try await company.call(.repA, .POST, "/api/v1/leads", #"{"name":"Eve"}"#)
            #expect(missing.status == .unprocessableEntity)
            #expect(try missing.apiError().field == "customFields.fleet_size")
            let cases: [(String, String)] = [
                (#"{"fleet_size":"many"}"#, "customFields.fleet_size"),
                (#"{"fleet_size":3,"tier":"bronze"}"#, "customFields.tier"),
                (#"{"fleet_size":3,"renewal":"2026-02-30"}"#, "customFields.renewal"),
                (#"{"fleet_size":3,"colour":"red"}"#, "customFields.colour"),
            ]
            for (values, field) in cases {
                let response = try await company.call(
                    .repA, .POST, "/api/v1/leads", #"{"name":"Eve","customFields":\#(values)}"#)
                #expect(response.status == .unprocessableEntity, "\(values)")
                #expect(try response.apiError().field == field, "\(values)")
            }
            let good = try await company.call(
                .repA, .POST, "/api/v1/leads",
                #"{"name":"Eve","customFields":{"fleet_size":12,"tier":"gold","renewal":"2027-01-31"}}"#)
            #expect(good.status == .created)
            #expect((try good.json()["customFields"] as? [String: Any])?["tier"] as? String == "gold")
            let definition = try await company.call(
                .admin, .POST, "/api/v1/custom-fields", #"{"name":"bad name","type":"text"}"#)
            #expect(try definition.apiError().field == "name")
            let noChoices = try await company.call(
                .admin, .POST, "/api/v1/custom-fields", #"{"name":"kind","type":"choice"}"#)
            #expect(try noChoices.apiError().field == "choices")
        }
    }
}
