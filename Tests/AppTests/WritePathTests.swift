@testable import App
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The write path reads a record once per transaction and writes names without escaping them;
/// neither may change what a write does.
@Suite struct WritePathTests {
    @Test func twoCallsOnOneLeadInOneTransactionBothCount() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let leadID = try await company.create(.repA, "leads", try await company.sampleBody("leads", ownedBy: .repA))
            let rep = try await ActorResolver.resolve(company.users[.repA]!, on: app.db)
            let context = RecordContext(db: app.db, actor: rep, now: Date(), logger: app.logger)
            // when two calls on the lead are logged in one transaction (the first read of the
            // lead, for the reference check, is kept for the transaction)
            try await context.transaction(on: app.db) { context, _ in
                for subject in ["First call", "Second call"] {
                    _ = try await RecordStore(spec: .activities, db: context.db).create(
                        given: [
                            "type": .text("call"), "subject": .text(subject),
                            "leadId": .uuid(UUID(uuidString: leadID)!),
                        ], context: context)
                }
            }
            // then the lead counts both: the second saw the first's update, not the kept read
            let lead = try await company.call(.repA, .GET, "/api/v1/leads/\(leadID)").json()
            #expect(lead["interactionCount"] as? Int == 2)
            let audit = try await company.call(.admin, .GET, "/api/v1/audit?recordId=\(leadID)").json()
            let updates = (audit["items"] as? [[String: Any]] ?? []).filter { $0["action"] as? String == "update" }
            let counts = updates.flatMap { entry in
                (entry["changes"] as? [[String: Any]] ?? []).filter { $0["field"] as? String == "interactionCount" }
                    .map { "\($0["old"] ?? "nil")→\($0["new"] ?? "nil")" }
            }
            #expect(Set(counts) == ["0→1", "1→2"], "\(counts)")
        }
    }

    @Test func namesAreQuotedAsTheDatabaseDialectQuotesThem() async throws {
        try await withTestApp { app in
            for name in ["daily_rep_rollups", "calls", "Mixed Case", #"a"b"#, ""] {
                var serializer = SQLSerializer(database: app.db.sql)
                SQLIdentifier(name).serialize(to: &serializer)
                #expect(QuotedNames.name(name) == serializer.sql, "\(name)")
            }
            #expect(QuotedNames.list(["day", "rep_id"]) == #""day", "rep_id""#)
        }
    }
}
