@testable import App
import Foundation
import SalesPulseCore
import SQLKit
import Testing
import Vapor

/// Personal-data requests: a person found by email or phone across the CRM, their data handed
/// over (JSON and PDF), erased everywhere without moving a figure, the retention rule, and who
/// may do it.
@Suite struct PersonalDataTests {
    /// Every text column of every table that mentions any of `terms`, as "table.column".
    private func mentions(_ app: Application, _ terms: [String]) async throws -> [String] {
        let sql = app.db.sql
        var found: [String] = []
        for table in try await DatabaseCatalog.read(sql).tables {
            for column in table.columns where column.kind == .text {
                for term in terms {
                    let rows = try await sql.select().column(SQLIdentifier(column.name)).from(table.name)
                        .where(
                            SQLFunction("lower", args: SQLIdentifier(column.name)), .like,
                            SQLBind("%\(term.lowercased())%")
                        ).all()
                    if !rows.isEmpty { found.append("\(table.name).\(column.name) has \(term)") }
                }
            }
        }
        return found
    }

    private func figures(_ app: Application) async throws -> [String: Int64] {
        let sql = app.db.sql
        var figures: [String: Int64] = [:]
        for (name, query) in [
            ("revenue", "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS v FROM sales"),
            ("pipeline", "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS v FROM opportunities"),
            ("leads", "SELECT COUNT(*) AS v FROM leads"), ("contacts", "SELECT COUNT(*) AS v FROM contacts"),
            ("activities", "SELECT COUNT(*) AS v FROM activities"),
            ("won", "SELECT COUNT(*) AS v FROM opportunities WHERE stage = 'closed_won'"),
        ] {
            figures[name] = try await sql.raw(SQLQueryString(query)).first()?.decode(column: "v", as: Int64.self)
        }
        return figures
    }

    @Test func anAdminAnswersAnAccessRequestAndErasesThePersonEverywhereWithoutMovingAFigure() async throws {
        let upload = FileManager.default.temporaryDirectory.appendingPathComponent("people-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: upload) }
        try await withTestApp { app in
            // given: Ana as a lead, converted into a contact with a won deal, in notes, an activity, a task and an import
            let company = try await CRMCompany.make(app)
            let leadID = try await company.create(
                .repA, "leads",
                #"{"name":"Ana Lima","company":"Tiles of Porto","email":"ana.lima@tiles.example","phone":"+55 11 98765-4321","source":"website","need":"Ana Lima wants 40 m2"}"#
            )
            let bruno = try await company.create(
                .repA, "leads",
                #"{"name":"Bruno Costa","company":"Costa Build","email":"bruno@costa.example","source":"referral"}"#)
            let converted = try await company.call(
                .repA, .POST, "/api/v1/leads/\(leadID)/convert",
                #"{"opportunity":{"name":"Porto showroom floor","amount":12000}}"#)
            #expect(converted.status == .ok, "\(converted.text)")
            let deal = try #require(try converted.json()["opportunity"] as? [String: Any])["id"] as? String ?? ""
            let contact = try #require(try converted.json()["contact"] as? [String: Any])["id"] as? String ?? ""
            #expect(
                try await company.call(.repA, .PATCH, "/api/v1/opportunities/\(deal)", #"{"stage":"closed_won"}"#)
                    .status == .ok)
            _ = try await company.create(
                .repA, "notes",
                #"{"body":"Spoke to Ana Lima, call back on (11) 98765 4321 or ANA.LIMA@tiles.example","contactId":"\#(contact)"}"#
            )
            _ = try await company.create(
                .repA, "activities",
                #"{"type":"call","subject":"Call with Ana Lima","occurredAt":"2026-11-20T10:00:00Z","contactId":"\#(contact)"}"#
            )
            _ = try await company.create(
                .repA, "tasks",
                #"{"title":"Send Ana Lima the price list","type":"general","priority":"normal","contactId":"\#(contact)"}"#
            )
            try Data(
                "Name,Email,Company,Source\nAna Lima,ana.lima@tiles.example,Tiles of Porto,website\nCarla Dias,carla@dias.example,Dias Co,website\n"
                    .utf8
            ).write(to: upload)
            _ = try await runCommand(app, ["import", "--type", "leads", "--file", upload.path])
            let before = try await figures(app)

            // when: she asks what we hold
            let found = try await company.call(
                .admin, .GET, "/api/v1/admin/privacy/people?email=ANA.LIMA@tiles.example")
            #expect(found.status == .ok, "\(found.text)")
            let person = try found.json()
            let records = try #require(person["records"] as? [[String: Any]])
            #expect(Set(records.compactMap { $0["kind"] as? String }) == ["lead", "contact"])
            let linked = try #require(person["linked"] as? [String: Int])
            #expect(
                linked["notes"] == 1 && linked["activities"] == 1 && linked["tasks"] == 1
                    && linked["opportunities"] == 1)
            #expect(linked["importLines"] == 1)
            let byPhone = try await company.call(.admin, .GET, "/api/v1/admin/privacy/people?phone=11%20987654321")
                .json()
            #expect((byPhone["records"] as? [Any])?.count == 2)
            let json = try await company.call(.admin, .GET, "/api/v1/admin/privacy/export?email=ana.lima@tiles.example")
            #expect(json.status == .ok)
            let everything = try json.json()
            #expect((everything["leads"] as? [[String: Any]])?.first?["name"] as? String == "Ana Lima")
            #expect((everything["notes"] as? [Any])?.count == 1)
            let pdf = try await company.call(
                .admin, .GET, "/api/v1/admin/privacy/export?email=ana.lima@tiles.example&format=pdf")
            #expect(pdf.status == .ok)
            #expect(Array(pdf.body.readableBytesView.prefix(5)) == Array("%PDF-".utf8))
            let exported = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'access'")
                .first()?.decode(column: "n", as: Int.self)
            #expect(exported == 4)

            // and then asks to be erased
            let unconfirmed = try await company.call(
                .admin, .POST, "/api/v1/admin/privacy/erase", #"{"email":"ana.lima@tiles.example"}"#)
            #expect(unconfirmed.status == .unprocessableEntity)
            #expect(try unconfirmed.apiError().field == "confirm")
            #expect(try await mentions(app, ["Ana Lima"]).count > 3, "nothing is touched before the confirmation")
            let erased = try await company.call(
                .admin, .POST, "/api/v1/admin/privacy/erase", #"{"email":"ana.lima@tiles.example","confirm":"ERASE"}"#)
            #expect(erased.status == .ok, "\(erased.text)")
            #expect(try erased.json()["leads"] as? Int == 1, "the imported line was a duplicate and skipped")
            #expect(try erased.json()["contacts"] as? Int == 1)
            #expect(try erased.json()["files"] as? Int == 1)

            // then: no table holds her name, address or number, and every figure is as it was
            #expect(
                try await mentions(
                    app, ["Ana Lima", "ana.lima@tiles.example", "98765-4321", "98765 4321", "987654321"]) == [])
            #expect(try await figures(app) == before)
            let kept = try await company.call(.admin, .GET, "/api/v1/leads/\(bruno)").json()
            #expect(kept["name"] as? String == "Bruno Costa" && kept["email"] as? String == "bruno@costa.example")
            let lead = try await company.call(.admin, .GET, "/api/v1/leads/\(leadID)").json()
            #expect(
                lead["name"] as? String == PersonIdentity.erasedName && lead["status"] as? String == "converted"
                    && lead["company"] as? String == "Tiles of Porto")
            let adminID = try company.id(.admin)
            let trail = try await app.db.sql.raw("SELECT actor_id, changes FROM audit_entries WHERE action = 'erase'")
                .all()
            #expect(trail.count == 2)
            #expect(try trail.allSatisfy { try $0.decode(column: "actor_id", as: UUID.self).uuidString == adminID })
            let again = try await company.call(
                .admin, .GET, "/api/v1/admin/privacy/people?email=ana.lima@tiles.example"
            ).json()
            #expect((again["records"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func onlyAdminsAndTheRolesTheyAllowMayAnswerRequests() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            _ = try await company.create(
                .repA, "leads", #"{"name":"Ana Lima","email":"ana@lima.example","source":"website"}"#)
            let paths: [(HTTPMethod, String, String?)] = [
                (.GET, "/api/v1/admin/privacy/people?email=ana@lima.example", nil),
                (.GET, "/api/v1/admin/privacy/export?email=ana@lima.example", nil),
                (.POST, "/api/v1/admin/privacy/erase", #"{"email":"nobody@lima.example","confirm":"ERASE"}"#),
            ]
            for person in [CRMCompany.Person.manager, .repA, .viewer] {
                for (method, path, body) in paths {
                    #expect(
                        try await company.call(person, method, path, body).status == .forbidden, "\(person) \(path)")
                }
                #expect(try await company.call(person, .GET, "/api/v1/admin/privacy/settings").status == .forbidden)
            }
            let browser = Browser(app)
            try await browser.signIn("manager@example.com")
            #expect(try await browser.get("/admin/privacy?who=ana@lima.example").status == .forbidden)
            #expect(!(try await browser.get("/").text.contains(#"href="/admin/privacy""#)))

            // when: an admin lets managers answer them
            let granted = try await company.call(
                .admin, .PATCH, "/api/v1/admin/privacy/settings", #"{"roles":["manager"]}"#)
            #expect(granted.status == .ok, "\(granted.text)")
            #expect(
                try await company.call(.admin, .PATCH, "/api/v1/admin/privacy/settings", #"{"roles":["boss"]}"#).status
                    == .unprocessableEntity)

            // then
            #expect(try await company.call(.manager, .GET, paths[0].1).status == .ok)
            let page = try await browser.get("/admin/privacy?who=ana@lima.example")
            #expect(page.status == .ok)
            #expect(page.text.contains("Ana Lima"))
            #expect(!page.text.contains("Remove personal data from lost leads"), "the rules stay with admins")
            #expect(try await browser.get("/").text.contains(#"href="/admin/privacy""#), "the sidebar shows the way")
            #expect(
                try await company.call(.manager, .PATCH, "/api/v1/admin/privacy/settings", #"{"roles":["rep"]}"#).status
                    == .forbidden)
            #expect(try await company.call(.repA, .GET, paths[0].1).status == .forbidden)
        }
    }

    @Test func theRetentionRuleAnonymisesLostLeadsUntouchedPastTheLimitAndNoOthers() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let old = try await company.create(
                .repA, "leads",
                #"{"name":"Olga Pires","email":"olga@pires.example","source":"website","status":"lost","lostReason":"price"}"#
            )
            let recent = try await company.create(
                .repA, "leads",
                #"{"name":"Rui Neves","email":"rui@neves.example","source":"website","status":"lost","lostReason":"price"}"#
            )
            let open = try await company.create(
                .repA, "leads", #"{"name":"Paula Reis","email":"paula@reis.example","source":"website"}"#)
            _ = try await company.create(.repA, "notes", #"{"body":"Olga Pires said no","leadId":"\#(old)"}"#)
            let longAgo = app.clock.now().addingTimeInterval(-220 * 86_400)
            try await app.db.sql.update("leads").set("updated_at", to: SQLBind(longAgo)).where(
                "id", .in, [UUID(uuidString: old)!, UUID(uuidString: open)!]
            ).run()
            let refused = try await company.call(
                .admin, .PATCH, "/api/v1/admin/privacy/settings", #"{"retentionMonths":0}"#)
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.apiError().field == "retentionMonths")
            #expect(try await RetentionJob.run(app: app) == 0, "off until an admin sets it")
            #expect(
                try await company.call(.admin, .PATCH, "/api/v1/admin/privacy/settings", #"{"retentionMonths":6}"#)
                    .status == .ok)

            // when
            let done = try await RetentionJob.run(app: app)

            // then
            #expect(done == 1)
            let names = try await app.db.sql.raw("SELECT id, name FROM leads").all().reduce(into: [String: String]()) {
                $0[try $1.decode(column: "id", as: UUID.self).uuidString] = try $1.decode(
                    column: "name", as: String.self)
            }
            #expect(names[old] == PersonIdentity.erasedName)
            #expect(names[recent] == "Rui Neves" && names[open] == "Paula Reis")
            #expect(try await mentions(app, ["Olga Pires", "olga@pires.example"]) == [])
            let trail = try await app.db.sql.raw("SELECT actor_id FROM audit_entries WHERE action = 'retain'").all()
            #expect(
                try trail.map { try $0.decode(column: "actor_id", as: UUID.self).uuidString } == [
                    try company.id(.admin)
                ])
            #expect(try await RetentionJob.run(app: app) == 0)
        }
    }

    @Test func thePageFindsErasesOnlyWhenConfirmedAndSavesTheRules() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            _ = try await company.create(
                .repA, "leads",
                #"{"name":"Ana Lima","email":"ana@lima.example","phone":"+1 415 555 0100","source":"website"}"#)
            let browser = Browser(app)
            try await browser.signIn("admin@example.com")
            let empty = try await browser.get("/admin/privacy")
            #expect(empty.status == .ok)
            #expect(empty.text.contains("Find a person"))
            let bad = try await browser.get("/admin/privacy?who=12")
            #expect(bad.text.contains("at least 7 digits"))
            let missing = try await browser.get("/admin/privacy?who=nobody@example.com")
            #expect(missing.text.contains("No lead or contact has nobody@example.com"))
            let found = try await browser.get("/admin/privacy?who=%2B1%20(415)%20555-0100")
            #expect(found.text.contains("Ana Lima"))
            #expect(found.text.contains("Download summary (PDF)"))
            let refused = try await browser.post("/admin/privacy/erase", ["who": "ana@lima.example", "confirm": "yes"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Type ERASE"))
            let erased = try await browser.post(
                "/admin/privacy/erase", ["who": "ana@lima.example", "confirm": "erase"])
            #expect(erased.status == .seeOther)
            let after = try await browser.get(erased.headers.first(name: .location) ?? "/admin/privacy")
            #expect(after.text.contains("The person was erased: 1 lead"))
            let rules = try await browser.post("/admin/privacy/settings", ["manager": "on", "months": "500"])
            #expect(rules.status == .unprocessableEntity)
            #expect(rules.text.contains(#"id="months-error""#))
            #expect(
                try await browser.post("/admin/privacy/settings", ["manager": "on", "months": "24"]).status == .seeOther
            )
            let saved = try await company.call(.admin, .GET, "/api/v1/admin/privacy/settings").json()
            #expect(saved["roles"] as? [String] == ["manager"] && saved["retentionMonths"] as? Int == 24)
        }
    }
}
