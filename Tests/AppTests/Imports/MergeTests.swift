@testable import App
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite struct MergeTests {
    @Test func duplicatesAreListedMergedWithTheirWorkAndUndone() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let first = try await company.create(
                .repA, "leads", #"{"name":"Ann Lee","email":"ann@example.com","company":"Acme","source":"website"}"#)
            let second = try await company.create(
                .repA, "leads",
                #"{"name":"Ann Lee","email":"ANN@example.com","phone":"+1 555 010 2030","need":"Vans","source":"referral"}"#
            )
            try await company.create(.repA, "leads", #"{"name":"Bo Ek","email":"bo@example.com","source":"website"}"#)
            let call = try await company.create(
                .repA, "activities",
                #"{"type":"call","subject":"First call","leadId":"\#(second)","userId":"\#(try company.id(.repA))"}"#)
            let task = try await company.create(
                .repA, "tasks",
                #"{"title":"Send prices","leadId":"\#(second)","assigneeId":"\#(try company.id(.repA))","dueAt":"2031-01-01T09:00:00Z"}"#
            )

            // the pair is listed once, the older lead first
            let listed = try await company.call(.repA, .GET, "/api/v1/leads/duplicates").json()
            let pairs = try #require(listed["items"] as? [[String: Any]])
            #expect(pairs.count == 1)
            #expect((pairs.first?["keep"] as? [String: Any])?["id"] as? String == first)
            #expect((pairs.first?["other"] as? [String: Any])?["id"] as? String == second)
            #expect(pairs.first?["reason"] as? String == "email")

            // merged: empty fields filled, work moved, the other gone
            let merged = try await company.call(
                .repA, .POST, "/api/v1/leads/\(first)/merge", #"{"otherId":"\#(second)"}"#)
            #expect(merged.status == .ok, "\(merged.text)")
            let mergeID = try #require((try merged.json()["merge"] as? [String: Any])?["id"] as? String)
            let kept = try await company.call(.repA, .GET, "/api/v1/leads/\(first)").json()
            #expect(
                kept["phone"] as? String == "+15550102030" && kept["need"] as? String == "Vans"
                    && kept["source"] as? String == "website")
            #expect(try await company.call(.repA, .GET, "/api/v1/leads/\(second)").status == .notFound)
            #expect(
                try await company.call(.repA, .GET, "/api/v1/activities/\(call)").json()["leadId"] as? String == first)
            #expect(try await company.call(.repA, .GET, "/api/v1/tasks/\(task)").json()["leadId"] as? String == first)
            let remaining = try await company.call(.repA, .GET, "/api/v1/leads/duplicates").json()["items"] as? [Any]
            #expect(remaining?.isEmpty == true)
            let history =
                try await company.call(.repA, .GET, "/api/v1/leads/\(first)/history").json()["items"]
                as? [[String: Any]]
            #expect(history?.first?["action"] as? String == "update")

            // others may not undo it; its maker may, once
            #expect(try await company.call(.repB, .POST, "/api/v1/merges/\(mergeID)/undo", "{}").status == .notFound)
            let undone = try await company.call(.repA, .POST, "/api/v1/merges/\(mergeID)/undo", "{}")
            #expect(undone.status == .ok, "\(undone.text)")
            let back = try await company.call(.repA, .GET, "/api/v1/leads/\(second)").json()
            #expect(back["need"] as? String == "Vans" && back["source"] as? String == "referral")
            #expect(try await company.call(.repA, .GET, "/api/v1/leads/\(first)").json()["phone"] is NSNull)
            #expect(
                try await company.call(.repA, .GET, "/api/v1/activities/\(call)").json()["leadId"] as? String == second)
            #expect(try await company.call(.repA, .POST, "/api/v1/merges/\(mergeID)/undo", "{}").status == .conflict)

            // a change after a merge keeps it from being undone
            let again = try await company.call(
                .repA, .POST, "/api/v1/leads/\(first)/merge", #"{"otherId":"\#(second)"}"#)
            let againID = try #require((try again.json()["merge"] as? [String: Any])?["id"] as? String)
            _ = try await company.call(.repA, .PATCH, "/api/v1/leads/\(first)", #"{"timeline":"Q3"}"#)
            #expect(try await company.call(.repA, .POST, "/api/v1/merges/\(againID)/undo", "{}").status == .conflict)
        }
    }

    @Test func mergesAreRefusedToThoseWhoMayNotChangeBothRecords() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let mine = try await company.create(
                .repA, "leads", #"{"name":"Cy Dunn","email":"cy@example.com","source":"website"}"#)
            let theirs = try await company.create(
                .repB, "leads", #"{"name":"Cy Dunn","email":"cy@example.com","source":"website"}"#)
            #expect(
                (try await company.call(.repA, .GET, "/api/v1/leads/duplicates").json()["items"] as? [Any])?.isEmpty
                    == true,
                "a rep sees no pair with a lead they cannot see")
            #expect(
                try await company.call(.repA, .POST, "/api/v1/leads/\(mine)/merge", #"{"otherId":"\#(theirs)"}"#).status
                    == .notFound)
            #expect(
                try await company.call(.repA, .POST, "/api/v1/leads/\(mine)/merge", #"{"otherId":"\#(mine)"}"#).status
                    == .unprocessableEntity)
            #expect(try await company.call(.viewer, .GET, "/api/v1/leads/duplicates").status == .forbidden)
            #expect(
                try await company.call(.viewer, .POST, "/api/v1/leads/\(mine)/merge", #"{"otherId":"\#(theirs)"}"#)
                    .status == .forbidden)
            let admin = try await company.call(.admin, .GET, "/api/v1/leads/duplicates").json()["items"] as? [Any]
            #expect(admin?.count == 1)
            #expect(
                try await company.call(.admin, .POST, "/api/v1/leads/\(mine)/merge", #"{"otherId":"\#(theirs)"}"#)
                    .status == .ok)
        }
    }
}
