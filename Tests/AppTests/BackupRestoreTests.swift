@testable import App
import Foundation
import SQLKit
import Testing
import Vapor

/// Backups through the commands, on the database the suite runs on.
@Suite struct BackupRestoreTests {
    private func file(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("backup-test-\(UUID().uuidString)-\(name)").path
    }

    /// Word-search tables are rebuilt by triggers, keyed by new row numbers.
    private func comparable(_ fingerprint: DatabaseFingerprint) -> [String: [String]] {
        fingerprint.tables.filter { !$0.key.contains("_words") }
    }

    @Test func aCompanyComesBackRowForRowAndANonEmptyDatabaseIsRefused() async throws {
        let path = file("company.zip")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var before: DatabaseFingerprint?
        try await withTestApp { app in
            _ = try await DemoSeeder(app: app).seed(seed: 5, asOf: Date(timeIntervalSince1970: 1_795_000_000))
            before = try await DatabaseFingerprint.take(app)
            let output = try await runCommand(app, ["backup", "--out", path])
            #expect(output.contains("Backed up"))
            await #expect(throws: DomainError.self) { try await runCommand(app, ["restore", path]) }
            #expect(comparable(try await DatabaseFingerprint.take(app)) == comparable(try #require(before)))
        }
        try await withTestApp { app in
            let output = try await runCommand(app, ["restore", path])
            #expect(output.contains("Row counts and checksums match"))
            let after = try await DatabaseFingerprint.take(app)
            let original = try #require(before)
            #expect(comparable(after) == comparable(original), "differs: \(after.differences(from: original))")
            let someone = try #require(try await User.query(on: app.db).first())
            let found = try await app.api(.GET, "/api/v1/leads?limit=1", token: try await token(for: someone, app))
            #expect(found.status == .ok)
        }
    }

    @Test func aDamagedOrForeignFileIsRefusedAndNothingIsWritten() async throws {
        let path = file("damaged.zip"), other = file("not-a-backup.zip")
        defer { for item in [path, other] { try? FileManager.default.removeItem(atPath: item) } }
        try await withTestApp { app in
            try await makeUser(app, email: "admin@example.com", role: "admin")
            _ = try await runCommand(app, ["backup", "--out", path])
        }
        // Flip bytes in the middle of the compressed tables.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for index in stride(from: bytes.count / 3, to: bytes.count / 3 + 64, by: 1) { bytes[index] ^= 0x5A }
        try bytes.write(to: URL(fileURLWithPath: path))
        try Data("name,email\nAna,ana@example.com\n".utf8).write(to: URL(fileURLWithPath: other))
        try await withTestApp { app in
            let empty = try await DatabaseFingerprint.take(app)
            for (candidate, words) in [(path, "damaged"), (other, "not a SalesPulse backup")] {
                do {
                    _ = try await runCommand(app, ["restore", candidate])
                    Issue.record("a bad backup was restored")
                } catch {
                    #expect(SalesPulseMain.commandLineMessage(for: error).contains(words), "\(error)")
                }
            }
            #expect(try await DatabaseFingerprint.take(app) == empty)
        }
    }
}
