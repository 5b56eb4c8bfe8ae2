@testable import App
import Testing
import Vapor
import VaporTesting

/// S1's row-level rules on every CRM record type, each role tried, refusals included.
@Suite("CRM permissions per record type")
struct RecordPermissionTests {
    static let ownedPaths = RecordCatalog.all.filter { $0.policy == .businessRecord }.map(\.path)
    static let sharedPaths = RecordCatalog.all.filter { $0.policy == .referenceData }.map(\.path)

    @Test(arguments: ownedPaths)
    func ownedRecords(path: String) async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            // given a row of repA's, created by repA
            let id = try await company.create(.repA, path, try await company.sampleBody(path, ownedBy: .repA))
            let one = "/api/v1/\(path)/\(id)"
            // another rep cannot see it at all
            #expect(try await company.call(.repB, .GET, one).status == .notFound)
            #expect(try await company.call(.repB, .PATCH, one, "{}").status == .notFound)
            #expect(try await company.call(.repB, .DELETE, one).status == .notFound)
            #expect(try await company.call(.repB, .GET, "\(one)/history").status == .notFound)
            let repBList = try await company.call(.repB, .GET, "/api/v1/\(path)")
            #expect(repBList.status == .ok)
            #expect(!repBList.text.contains(id))
            // nor give their own rows to someone they do not manage
            if path == "leads" {
                let given = try await company.call(
                    .repB, .POST, "/api/v1/leads", #"{"name":"Gift","ownerId":"\#(try company.id(.repA))"}"#)
                #expect(given.status == .unprocessableEntity)
                #expect(try given.apiError().field == "ownerId")
            }
            // the viewer reads but never writes
            #expect(try await company.call(.viewer, .GET, one).status == .ok)
            #expect(try await company.call(.viewer, .PATCH, one, "{}").status == .forbidden)
            #expect(try await company.call(.viewer, .DELETE, one).status == .forbidden)
            #expect(
                try await company.call(
                    .viewer, .POST, "/api/v1/\(path)", try await company.sampleBody(path, ownedBy: .viewer, 7)
                ).status == .forbidden)
            // repA's manager sees and edits it; the admin too
            #expect(try await company.call(.manager, .GET, one).status == .ok)
            #expect(try await company.call(.manager, .PATCH, one, "{}").status == .ok)
            #expect(try await company.call(.admin, .GET, one).status == .ok)
            // the manager does not see repB's rows (another team, not a report)
            let other = try await company.create(.repB, path, try await company.sampleBody(path, ownedBy: .repB, 2))
            #expect(try await company.call(.manager, .GET, "/api/v1/\(path)/\(other)").status == .notFound)
            let managerList = try await company.call(.manager, .GET, "/api/v1/\(path)")
            #expect(managerList.text.contains(id) && !managerList.text.contains(other))
            // the owner deletes their own
            #expect(try await company.call(.repA, .DELETE, one).status == .noContent)
            #expect(try await company.call(.repA, .GET, one).status == .notFound)
        }
    }

    @Test(arguments: sharedPaths)
    func sharedReferenceData(path: String) async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let body = try await company.sampleBody(path, ownedBy: .manager)
            for person in [CRMCompany.Person.repA, .viewer] {
                #expect(
                    try await company.call(person, .POST, "/api/v1/\(path)", body).status == .forbidden, "\(person)")
            }
            let id = try await company.create(.manager, path, body)
            for person in CRMCompany.Person.allCases {
                #expect(try await company.call(person, .GET, "/api/v1/\(path)/\(id)").status == .ok, "\(person)")
            }
            #expect(try await company.call(.repA, .PATCH, "/api/v1/\(path)/\(id)", "{}").status == .forbidden)
            #expect(try await company.call(.repA, .DELETE, "/api/v1/\(path)/\(id)").status == .forbidden)
            #expect(try await company.call(.admin, .DELETE, "/api/v1/\(path)/\(id)").status == .noContent)
        }
    }

    @Test func customFieldsAreDefinedByAdminsOnly() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let body = #"{"name":"industry_code","type":"text"}"#
            for person in [CRMCompany.Person.manager, .repA, .viewer] {
                #expect(try await company.call(person, .POST, "/api/v1/custom-fields", body).status == .forbidden)
            }
            let id = try await company.create(.admin, "custom-fields", body)
            #expect(try await company.call(.repA, .GET, "/api/v1/custom-fields/\(id)").status == .ok)
            #expect(try await company.call(.manager, .DELETE, "/api/v1/custom-fields/\(id)").status == .forbidden)
        }
    }

    @Test func auditSearchIsForAdminsOnly() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            try await company.create(.repA, "leads", try await company.sampleBody("leads", ownedBy: .repA))
            for person in [CRMCompany.Person.manager, .repA, .viewer] {
                #expect(try await company.call(person, .GET, "/api/v1/audit").status == .forbidden)
            }
            let audit = try await company.call(.admin, .GET, "/api/v1/audit?resource=leads")
            #expect(audit.status == .ok)
            #expect((try audit.json()["items"] as? [Any])?.count == 1)
        }
    }

    @Test func anonymousCallsAreRefused() async throws {
        try await withTestApp { app in
            for path in RecordCatalog.all.map(\.path) {
                let status = try await app.api(.GET, "/api/v1/\(path)").status
                #expect(status == .unauthorized, "\(path)")
            }
        }
    }
}
