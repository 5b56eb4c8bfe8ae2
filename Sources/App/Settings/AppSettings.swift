import Foundation
import Documents
import SalesPulseCore

/// Everything the app reads from its environment, read once at start-up.
struct AppSettings: Sendable {
    enum DatabaseTarget: Sendable, Equatable {
        case sqliteFile(String)
        case sqliteMemory
        case postgres(url: String, searchPath: [String]?)
    }

    var database: DatabaseTarget
    var bcryptCost: Int
    var lockout: LoginLockout
    var clientLockout: LoginLockout
    var passwordRule: PasswordRule
    var passwordResetValidity: TimeInterval
    var publicURL: String
    var secureCookies: Bool
    var maxBodySize: String
    /// Where mail goes; without it, to the dev mailbox in `mailboxDirectory`.
    var smtp: SMTPSettings?
    var mailFrom: String
    var mailboxDirectory: String
    /// Where backups go until an admin chooses a folder.
    var backupDirectory: String
    /// The folder holding Resources/ and Public/, when they are not found on their own.
    var resourceHome: String?
    /// Where lead ads are read from (Meta's Graph API, with its version).
    var leadAdsGraphURL: String
    /// Submissions a minute a lead form or channel takes from one address, and in all.
    var intakePerClient = IntakeController.perClient
    var intakePerForm = IntakeController.perForm
    /// An OSRM-compatible routing server: road distances and times for day plans.
    var routerURL: String?
    /// A Nominatim-compatible search API: coordinates for addresses.
    var geocoderURL: String?
    /// An OpenAI-compatible chat-completions API that may reword report summaries.
    var languageModel: LanguageModelSettings?
    /// An XYZ tile server drawn under the maps (`MAP_TILES_URL`, `MAP_TILES_ATTRIBUTION`).
    var mapTiles: MapTiles?

    static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> AppSettings {
        let database: DatabaseTarget
        if let url = env["DATABASE_URL"], !url.isEmpty {
            database = .postgres(url: url, searchPath: env["DATABASE_SCHEMA"].flatMap { $0.isEmpty ? nil : [$0] })
        } else {
            database = .sqliteFile(env["DATABASE_PATH"] ?? "data/salespulse.sqlite")
        }
        let publicURL = env["PUBLIC_URL"] ?? "http://127.0.0.1:8080"
        return AppSettings(
            database: database,
            bcryptCost: try integer(env, "BCRYPT_COST", default: 12, range: 4...31),
            lockout: LoginLockout(
                maxFailures: try integer(env, "LOGIN_MAX_FAILURES", default: 5, range: 1...1000),
                lockDuration: TimeInterval(try integer(env, "LOGIN_LOCK_MINUTES", default: 15, range: 1...10080) * 60)
            ),
            clientLockout: LoginLockout(
                maxFailures: try integer(env, "LOGIN_MAX_FAILURES_PER_CLIENT", default: 20, range: 1...100_000),
                lockDuration: TimeInterval(try integer(env, "LOGIN_LOCK_MINUTES", default: 15, range: 1...10080) * 60)
            ),
            passwordRule: PasswordRule(),
            passwordResetValidity: 3600,
            publicURL: publicURL,
            secureCookies: env["SECURE_COOKIES"].map { $0 == "1" || $0 == "true" } ?? publicURL.hasPrefix("https://"),
            maxBodySize: env["MAX_BODY_SIZE"] ?? "1mb",
            smtp: try env["SMTP_URL"].flatMap { $0.isEmpty ? nil : $0 }.map { url in
                do { return try SMTPSettings(url: url) } catch let error as FieldError {
                    throw ConfigurationError(message: error.message)
                }
            },
            mailFrom: env["MAIL_FROM"].flatMap { $0.isEmpty ? nil : $0 }
                ?? "SalesPulse <no-reply@salespulse.localhost>",
            mailboxDirectory: env["MAILBOX_PATH"] ?? "data/mailbox",
            // Absolute, so the folder an admin sees on the backups page is the one written to.
            backupDirectory: URL(
                fileURLWithPath: env["BACKUP_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "data/backups"
            )
            .standardizedFileURL.path,
            resourceHome: env["SALESPULSE_HOME"],
            leadAdsGraphURL: env["LEAD_ADS_GRAPH_URL"].flatMap { $0.isEmpty ? nil : $0 }
                ?? "https://graph.facebook.com/v21.0",
            intakePerClient: try integer(
                env, "INTAKE_PER_CLIENT_PER_MINUTE", default: IntakeController.perClient, range: 1...10_000_000),
            intakePerForm: try integer(
                env, "INTAKE_PER_FORM_PER_MINUTE", default: IntakeController.perForm, range: 1...10_000_000),
            routerURL: env["ROUTER_URL"].flatMap { $0.isEmpty ? nil : $0 },
            geocoderURL: env["GEOCODER_URL"].flatMap { $0.isEmpty ? nil : $0 },
            languageModel: env["LLM_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }.map { url in
                LanguageModelSettings(
                    baseURL: url, apiKey: env["LLM_API_KEY"].flatMap { $0.isEmpty ? nil : $0 },
                    model: env["LLM_MODEL"].flatMap { $0.isEmpty ? nil : $0 } ?? "default")
            },
            mapTiles: try mapTiles(env)
        )
    }

    private static func mapTiles(_ env: [String: String]) throws -> MapTiles? {
        guard let template = env["MAP_TILES_URL"], !template.isEmpty else { return nil }
        guard
            let tiles = MapTiles(
                template: template,
                attribution: env["MAP_TILES_ATTRIBUTION"].flatMap { $0.isEmpty ? nil : $0 } ?? "Map tiles: \(template)")
        else {
            throw DomainError.invalid(
                field: "MAP_TILES_URL",
                "Give an http(s) address with {z}, {x} and {y}, as in https://tiles.example/{z}/{x}/{y}.png.")
        }
        return tiles
    }

    private static func integer(
        _ env: [String: String], _ name: String, default value: Int, range: ClosedRange<Int>
    ) throws -> Int {
        guard let text = env[name] else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw ConfigurationError(
                message:
                    "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'.")
        }
        return number
    }
}

struct ConfigurationError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
