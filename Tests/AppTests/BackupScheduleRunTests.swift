@testable import App
import Foundation
import SalesPulseCore
import SQLKit
import Testing
import Vapor

/// Backups from the admin page and the API: started, followed, downloaded and restored; the
/// daily schedule; a failure told to every admin.
@Suite struct BackupScheduleRunTests {
    private func folder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("backups-\(UUID().uuidString)").path
    }

    @Test func anAdminBacksUpNowFollowsItAndTheDownloadRestores() async throws {
        let downloaded = FileManager.default.temporaryDirectory.appendingPathComponent(
            "downloaded-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: downloaded) }
        try await withTestApp { app in
            // given
            let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
            let bearer = try await token(for: admin, app)
            let lead = try await app.api(
                .POST, "/api/v1/leads", token: bearer,
                json: #"{"name": "Ana Lima", "company": "Lima Tiles", "source": "website"}"#)
            #expect(lead.status == .created)

            // when
            let started = try await app.api(.POST, "/api/v1/admin/backups", token: bearer)
            #expect(started.status == .accepted)
            let id = try #require(try started.json()["id"] as? String)
            #expect(try started.json()["state"] as? String == "queued")
            let second = try await app.api(.POST, "/api/v1/admin/backups", token: bearer)
            #expect(second.status == .conflict)
            #expect(try second.apiError().message.contains("already under way"))
            // the file of a backup still being written is not missing, only not ready
            let early = try await app.api(.GET, "/api/v1/admin/backups/\(id)/file", token: bearer)
            #expect(early.status == .conflict)
            let earlyMessage = try early.apiError().message
            #expect(earlyMessage.contains("not finished yet"))
            try await runDueJobs(app)

            // then
            let item = try await app.api(.GET, "/api/v1/admin/backups/\(id)", token: bearer).json()
            #expect(item["state"] as? String == "done", "\(item["error"] ?? "")")
            #expect(item["percent"] as? Int == 100)
            #expect(item["downloadable"] as? Bool == true)
            #expect((item["rows"] as? Int ?? 0) > 0)
            #expect(item["tablesDone"] as? Int == item["tablesTotal"] as? Int)
            let file = try await app.api(.GET, "/api/v1/admin/backups/\(id)/file", token: bearer)
            #expect(file.status == .ok)
            #expect(file.headers.contentType?.description == "application/zip")
            try Data(file.body.readableBytesView).write(to: downloaded)

            let browser = Browser(app)
            try await browser.signIn("admin@example.com")
            let page = try await browser.get("/admin/backups")
            #expect(page.status == .ok)
            #expect(page.text.contains("Done"))
            #expect(page.text.contains("/admin/backups/\(id)/download"))
            #expect(page.text.contains(admin.name))
            let web = try await browser.get("/admin/backups/\(id)/download")
            #expect(web.status == .ok)
            #expect(Data(web.body.readableBytesView) == (try Data(contentsOf: downloaded)))
        }
        try await withTestApp { app in
            let output = try await runCommand(app, ["restore", downloaded.path])
            #expect(output.contains("Row counts and checksums match"))
            let names = try await app.db.sql.raw("SELECT name FROM leads").all().map {
                try $0.decode(column: "name", as: String.self)
            }
            #expect(names == ["Ana Lima"])
        }
    }

    @Test func anAdminRestoresAKeptBackupFromThePageAndTheAPIOnceConfirmed() async throws {
        try await withTestApp { app in
            // given: Ana before the backup, Bruno after it
            let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
            let bearer = try await token(for: admin, app)
            #expect(
                try await app.api(
                    .POST, "/api/v1/leads", token: bearer, json: #"{"name": "Ana Lima", "source": "website"}"#
                ).status == .created)
            let id = try #require(
                try await app.api(.POST, "/api/v1/admin/backups", token: bearer).json()["id"] as? String)
            try await runDueJobs(app)
            #expect(
                try await app.api(
                    .POST, "/api/v1/leads", token: bearer, json: #"{"name": "Bruno Costa", "source": "website"}"#
                ).status == .created)
            let names = {
                try await app.db.sql.raw("SELECT name FROM leads ORDER BY name").all().map {
                    try $0.decode(column: "name", as: String.self)
                }
            }
            let browser = Browser(app)
            try await browser.signIn("admin@example.com")
            #expect(try await browser.get("/admin/backups").text.contains("/admin/backups/\(id)/restore"))
            let confirm = try await browser.get("/admin/backups/\(id)/restore")
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("Type RESTORE to confirm"))

            // when: not confirmed, then confirmed
            let refused = try await browser.post("/admin/backups/\(id)/restore", ["confirm": "yes"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains(#"id="confirm-error""#))
            #expect(try await names() == ["Ana Lima", "Bruno Costa"])
            let restored = try await browser.post("/admin/backups/\(id)/restore", ["confirm": "restore"])

            // then
            #expect(restored.status == .seeOther)
            #expect(restored.headers.first(name: .location) == "/login?restored=1")
            #expect(try await names() == ["Ana Lima"])
            #expect(try await browser.get("/login?restored=1").text.contains("The backup is restored"))
            #expect(
                try await app.api(
                    .POST, "/api/v1/leads", token: bearer, json: #"{"name": "Carla Dias", "source": "website"}"#
                ).status == .created)
            let unconfirmed = try await app.api(.POST, "/api/v1/admin/backups/\(id)/restore", token: bearer, json: "{}")
            #expect(unconfirmed.status == .unprocessableEntity)
            #expect(try unconfirmed.apiError().field == "confirm")
            let done = try await app.api(
                .POST, "/api/v1/admin/backups/\(id)/restore", token: bearer, json: #"{"confirm": "RESTORE"}"#)
            #expect(done.status == .ok, "\(done.text)")
            #expect((try done.json()["rows"] as? Int ?? 0) > 0)
            #expect(try await names() == ["Ana Lima"])
        }
    }

    @Test func theScheduleBacksUpOnceADayAndKeepsOnlyTheNewest() async throws {
        let target = folder()
        defer { try? FileManager.default.removeItem(atPath: target) }
        try await withTestApp { app in
            // given
            let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
            let bearer = try await token(for: admin, app)
            let saved = try await app.api(
                .PATCH, "/api/v1/admin/backups/schedule", token: bearer,
                json: #"{"enabled": true, "hour": 0, "folder": "\#(target)", "keep": 2}"#)
            #expect(saved.status == .ok, "\(saved.text)")
            #expect(try saved.json()["keep"] as? Int == 2)

            // when: three days, the scheduler ticking twice a day
            var files: [String] = []
            for _ in 0..<3 {
                for hours in [0.0, 6.0] {
                    try await Scheduler(app: app, memory: SchedulerMemory()).tick(
                        now: app.clock.now().addingTimeInterval(hours * 3_600))
                    try await runDueJobs(app)
                }
                files.append(
                    contentsOf: try FileManager.default.contentsOfDirectory(atPath: target).filter {
                        !files.contains($0)
                    })
                app.clock.advance(by: 86_400)
            }

            // then
            let runs = try await BackupRuns(db: app.db).list()
            #expect(runs.count == 3)
            #expect(runs.allSatisfy { $0.trigger == "scheduled" && $0.state == "done" })
            #expect(runs.map { $0.removedAt == nil } == [true, true, false])
            let kept = try FileManager.default.contentsOfDirectory(atPath: target).sorted()
            #expect(kept == runs.prefix(2).map(\.fileName).sorted())
            #expect(files.count == 3)
            let removed = try await app.api(.GET, "/api/v1/admin/backups/\(runs[2].id)/file", token: bearer)
            #expect(removed.status == .notFound)
            #expect(try removed.apiError().message.contains("removed"))
        }
    }

    @Test func aBadScheduleIsRefusedByFieldAndAFailedBackupIsToldToEveryAdmin() async throws {
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-folder-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: blocker) }
        try Data("x".utf8).write(to: blocker)
        try await withTestApp { app in
            // given
            let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
            try await makeUser(app, email: "second-admin@example.com", role: "admin")
            try await makeUser(app, email: "manager@example.com", role: "manager")
            let bearer = try await token(for: admin, app)
            for (json, field) in [
                (#"{"hour": 24}"#, "hour"), (#"{"keep": 0}"#, "keep"),
                (#"{"folder": "\#(blocker.path)/inside"}"#, "folder"),
                (#"{"folder": "  "}"#, "folder"), (#"{"folder": "0"}"#, "folder"),
                (#"{"folder": "backups/daily"}"#, "folder"), (#"{"often": "daily"}"#, nil),
            ] {
                let refused = try await app.api(.PATCH, "/api/v1/admin/backups/schedule", token: bearer, json: json)
                #expect(refused.status.code >= 400 && refused.status.code < 500, "\(json)")
                if let field { #expect(try refused.apiError().field == field, "\(json)") }
            }
            let browser = Browser(app)
            try await browser.signIn("admin@example.com")
            try await browser.get("/admin/backups")
            let page = try await browser.post(
                "/admin/backups/schedule",
                ["enabled": "on", "hour": "3", "folder": "\(blocker.path)/inside", "keep": "7"])
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("cannot write to"))
            #expect(page.text.contains(#"id="folder-error""#))

            // when: the folder became a file after it was chosen
            let good = FileManager.default.temporaryDirectory.appendingPathComponent("backups-\(UUID().uuidString)")
                .path
            #expect(
                try await app.api(
                    .PATCH, "/api/v1/admin/backups/schedule", token: bearer, json: #"{"folder": "\#(good)"}"#
                ).status == .ok)
            try FileManager.default.removeItem(atPath: good)
            try Data("x".utf8).write(to: URL(fileURLWithPath: good))
            defer { try? FileManager.default.removeItem(atPath: good) }
            let started = try await browser.post("/admin/backups", [:])
            #expect(started.status == .seeOther)
            try await runDueJobs(app)

            // then
            let run = try #require(try await BackupRuns(db: app.db).list().first)
            #expect(run.state == "failed")
            #expect(run.error?.contains(good) == true)
            let mail = try await outbox(app).filter { $0.subject == "SalesPulse backup failed" }.map(\.to_address)
                .sorted()
            #expect(mail == ["admin@example.com", "second-admin@example.com"])
            let shown = try await browser.get("/admin/backups")
            #expect(shown.text.contains("Failed"))
            #expect(!shown.text.contains("/download"))
            let notices = try await NotificationInbox(app: app, db: app.db).list(try admin.requireID())
            #expect(notices.map(\.title) == ["A backup failed"])
        }
    }
}
