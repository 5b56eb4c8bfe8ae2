import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// The lead forms and channel webhooks an admin set up: each has a public key in its address,
/// the lead source its leads get and who they go to; a form also the sites allowed to post it
/// from JavaScript and where people land after sending it, a channel the secret that proves a
/// delivery came from the platform.
struct IntakeForms: Sendable {
    static let table = "intake_forms"

    /// Where the leads come from: a form on a page, or a platform's webhook.
    enum Channel: String, Sendable, Codable, CaseIterable {
        case form, telegram, whatsapp, calls
        case leadAds = "leadads"
        case json

        var label: String {
            switch self {
            case .form: "Form on a landing page"
            case .telegram: "Telegram bot"
            case .whatsapp: "WhatsApp Business"
            case .calls: "Call tracking"
            case .leadAds: "Facebook and Instagram lead ads"
            case .json: "Another service that posts JSON"
            }
        }

        /// People writing to us, whose later messages are notes in a conversation; forms, lead ads
        /// and other services send requests.
        var isConversation: Bool { self == .telegram || self == .whatsapp || self == .calls }

        /// Meta's channels prove deliveries with the app's secret, which the admin pastes in.
        var signedWithAppSecret: Bool { self == .whatsapp || self == .leadAds }
    }

    struct Form: Sendable, Decodable {
        let id: UUID
        let key: String
        let channel: String
        let secret: String?
        let verifyToken: String?
        let accessToken: String?
        let fieldMapping: String?
        let routes: String?
        let name: String
        let source: String
        let assignment: String
        let fallbackOwnerId: UUID?
        let createdBy: UUID
        let allowedOrigins: String
        let thankYouUrl: String?
        let isActive: Bool
        let lastAssignedId: UUID?
        let receivedCount: Int64
        let refusedCount: Int64
        let createdAt: Date

        enum CodingKeys: String, CodingKey {
            case id, key, channel, secret, name, source, assignment
            case verifyToken = "verify_token", accessToken = "access_token", fieldMapping = "field_mapping", routes
            case fallbackOwnerId = "fallback_owner_id", createdBy = "created_by", allowedOrigins = "allowed_origins"
            case thankYouUrl = "thank_you_url", isActive = "is_active", lastAssignedId = "last_assigned_id"
            case receivedCount = "received_count", refusedCount = "refused_count", createdAt = "created_at"
        }

        var rule: LeadAssignment? { try? JSONDecoder().decode(LeadAssignment.self, from: Data(assignment.utf8)) }
        var origins: [String] { allowedOrigins.split(separator: " ").map(String.init) }
        var kind: Channel { Channel(rawValue: channel) ?? .form }
        var mapping: FieldMapping { fieldMapping.flatMap { try? FieldMapping.parse($0) } ?? .plain }
        var routing: [LeadRoute] {
            routes.flatMap { try? JSONDecoder().decode([LeadRoute].self, from: Data($0.utf8)) } ?? []
        }
    }

    /// A special case as typed: when a detail contains some words, who gets the lead.
    struct RouteInput: Sendable {
        var when: String?
        var contains: String?
        var assignTo: String?
        var team: String?
    }

    /// What an admin gives for a new form, checked.
    struct Draft: Sendable {
        var channel: Channel = .form
        /// WhatsApp's and lead ads' app secret, which Meta shows and we cannot make.
        var appSecret: String?
        /// Lead ads: the page's access token that may read its leads.
        var accessToken: String?
        /// Another service's JSON: where each detail sits.
        var mapping: FieldMapping?
        var name: String
        var source: LeadSource
        var rule: LeadAssignment
        var fallbackOwner: UUID?
        var origins: [String]
        var thankYouURL: String?
        /// Special cases before the rule, by product interest or region.
        var routes: [LeadRoute] = []

        /// Reads and checks what was typed; field errors name the field.
        static func checked(
            channel: String? = nil, appSecret: String? = nil, accessToken: String? = nil, mapping: String? = nil,
            name: String?, source: String?,
            assignTo: String?, team: String?, fallback: String?, origins: String?, thankYouURL: String?,
            routes: [RouteInput] = []
        ) throws -> Draft {
            guard let kind = Channel(rawValue: channel?.nilIfEmpty ?? Channel.form.rawValue) else {
                throw DomainError.invalid(
                    field: "channel", "Choose a form, Telegram, WhatsApp, call tracking, lead ads or another service.")
            }
            let secret = appSecret?.trimmingCharacters(in: .whitespaces).nilIfEmpty
            if kind.signedWithAppSecret, secret == nil {
                throw DomainError.invalid(
                    field: "appSecret",
                    "Paste the app secret from your Meta app's settings: it proves each delivery came from Meta.")
            }
            let token = accessToken?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
            if kind == .leadAds, token == nil {
                throw DomainError.invalid(
                    field: "accessToken",
                    "Paste the page access token with leads_retrieval permission: each lead's answers are read with it."
                )
            }
            var fieldMapping: FieldMapping?
            if kind == .json, let text = mapping?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty {
                do { fieldMapping = try FieldMapping.parse(text) } catch let error as FieldMapping.Invalid {
                    throw DomainError.invalid(field: "mapping", error.description)
                }
            }
            let name = (name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, name.count <= 120 else {
                throw DomainError.invalid(field: "name", "Give the form a name of up to 120 characters.")
            }
            guard let source = LeadSource(rawValue: source ?? "") else {
                throw DomainError.invalid(field: "source", "Choose the lead source for this form.")
            }
            let rule = try IntakeForms.rule(assignTo: assignTo, team: team, fields: ("assignTo", "team"))
            guard routes.count <= 10 else {
                throw DomainError.invalid(field: "routes", "Give at most 10 special cases.")
            }
            var special: [LeadRoute] = []
            for (index, route) in routes.enumerated() {
                let words = (route.contains ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                if words.isEmpty, (route.assignTo ?? "").isEmpty { continue }
                let field = "routes.\(index)"
                guard let when = LeadRoute.Detail(rawValue: route.when ?? "") else {
                    throw DomainError.invalid(field: "\(field).when", "Choose product interest or region.")
                }
                guard !words.isEmpty, words.count <= 100 else {
                    throw DomainError.invalid(
                        field: "\(field).contains", "Give the words to look for, up to 100 characters.")
                }
                special.append(
                    LeadRoute(
                        when: when, contains: words,
                        rule: try IntakeForms.rule(
                            assignTo: route.assignTo, team: route.team, fields: ("\(field).assignTo", "\(field).team")))
                )
            }
            var allowed: [String] = []
            for origin in (origins ?? "").split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "\r" })
                .map(String.init)
            {
                guard let url = URL(string: origin), ["http", "https"].contains(url.scheme ?? ""), url.host != nil,
                    url.path.isEmpty || url.path == "/"
                else {
                    throw DomainError.invalid(
                        field: "origins", "\(origin) is not a site address like https://www.example.com.")
                }
                allowed.append("\(url.scheme!)://\(url.host!)\(url.port.map { ":\($0)" } ?? "")")
            }
            let thanks = thankYouURL?.trimmingCharacters(in: .whitespaces).nilIfEmpty
            if let thanks {
                guard let url = URL(string: thanks), ["http", "https"].contains(url.scheme ?? ""), url.host != nil
                else {
                    throw DomainError.invalid(
                        field: "thankYouUrl", "Give a full web address, like https://www.example.com/thanks.")
                }
            }
            return Draft(
                channel: kind, appSecret: kind.signedWithAppSecret ? secret : nil,
                accessToken: kind == .leadAds ? token : nil,
                mapping: kind == .json ? fieldMapping ?? .plain : nil, name: name, source: source, rule: rule,
                fallbackOwner: fallback.flatMap(UUID.init(uuidString:)), origins: allowed, thankYouURL: thanks,
                routes: special)
        }
    }

    let db: any Database
    private var sql: any SQLDatabase { db.sql }

    /// A person's id, or roundRobin / leastLoaded with a team's id.
    static func rule(
        assignTo: String?, team: String?, fields: (assignTo: String, team: String)
    ) throws -> LeadAssignment {
        switch assignTo ?? "" {
        case "roundRobin", "leastLoaded":
            guard let team = team.flatMap(UUID.init(uuidString:)) else {
                throw DomainError.invalid(field: fields.team, "Choose the team whose reps take turns.")
            }
            return assignTo == "roundRobin" ? .roundRobin(team: team) : .leastLoaded(team: team)
        case let text:
            guard let person = UUID(uuidString: text) else {
                throw DomainError.invalid(field: fields.assignTo, "Choose who gets the leads.")
            }
            return .named(person)
        }
    }

    func create(_ draft: Draft, by userID: UUID, now: Date) async throws -> Form {
        try await checkPeople(draft)
        let id = UUID()
        let key = Self.randomKey()
        // Telegram and call tracking sign with a secret we make and the admin copies there;
        // WhatsApp with the app's secret from Meta, and asks for a token we make to verify.
        let secret: String? =
            switch draft.channel {
            case .form: nil
            case .telegram, .calls, .json: Self.randomKey()
            case .whatsapp, .leadAds: draft.appSecret
            }
        let verifyToken = draft.channel.signedWithAppSecret ? Self.randomKey() : nil
        let rule = String(decoding: try JSONEncoder().encode(draft.rule), as: UTF8.self)
        try await sql.insert(into: Self.table)
            .columns(
                "id", "key", "channel", "secret", "verify_token", "access_token", "field_mapping", "routes", "name",
                "source", "assignment", "fallback_owner_id", "created_by",
                "allowed_origins", "thank_you_url", "is_active", "received_count", "refused_count", "created_at"
            )
            .values(
                SQLBind(id), SQLBind(key), SQLBind(draft.channel.rawValue), SQLBind(secret), SQLBind(verifyToken),
                SQLBind(draft.accessToken),
                SQLBind(draft.mapping?.text),
                SQLBind(
                    draft.routes.isEmpty ? nil : String(decoding: try JSONEncoder().encode(draft.routes), as: UTF8.self)
                ),
                SQLBind(draft.name), SQLBind(draft.source.rawValue), SQLBind(rule), SQLBind(draft.fallbackOwner),
                SQLBind(userID), SQLBind(draft.origins.joined(separator: " ")), SQLBind(draft.thankYouURL),
                SQLBind(true), SQLBind(0), SQLBind(0), SQLBind(now)
            )
            .run()
        guard let form = try await find(id) else { throw DomainError.notFound("The form was not saved.") }
        return form
    }

    /// 24 random bytes as URL-safe text.
    static func randomKey() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(
            of: "/", with: "_")
    }

    func find(_ id: UUID) async throws -> Form? {
        try await sql.select().column("*").from(Self.table).where("id", .equal, SQLBind(id)).first(decoding: Form.self)
    }

    func find(key: String) async throws -> Form? {
        try await sql.select().column("*").from(Self.table).where("key", .equal, SQLBind(key)).first(
            decoding: Form.self)
    }

    func list() async throws -> [Form] {
        try await sql.select().column("*").from(Self.table).orderBy("created_at", .descending).all(decoding: Form.self)
    }

    func setActive(_ id: UUID, _ active: Bool) async throws {
        try await sql.update(Self.table).set("is_active", to: SQLBind(active)).where("id", .equal, SQLBind(id)).run()
    }

    func countRefused(_ id: UUID) async throws {
        try await db.serialWrite { sql in
            try await sql.update(Self.table).set("refused_count", to: SQLRaw("refused_count + 1")).where(
                "id", .equal, SQLBind(id)
            ).run()
        }
    }

    /// The named person, the team and the fallback owner must exist.
    private func checkPeople(_ draft: Draft) async throws {
        for (rule, fields) in [(draft.rule, ("assignTo", "team"))]
            + draft.routes.enumerated().map({ ($1.rule, ("routes.\($0).assignTo", "routes.\($0).team")) })
        {
            switch rule {
            case .named(let id):
                guard try await User.find(id, on: db) != nil else {
                    throw DomainError.invalid(field: fields.0, "That person is not in SalesPulse.")
                }
            case .roundRobin(let team), .leastLoaded(let team):
                guard try await Team.find(team, on: db) != nil else {
                    throw DomainError.invalid(field: fields.1, "That team is not in SalesPulse.")
                }
            }
        }
        if let fallback = draft.fallbackOwner, try await User.find(fallback, on: db) == nil {
            throw DomainError.invalid(field: "fallback", "That person is not in SalesPulse.")
        }
    }
}

/// What every form received: the lead it created or matched, or why it was refused.
enum IntakeLog {
    static let table = "intake_log"
    /// How long what the forms received is kept: long enough to look into a campaign, not a
    /// record of every visitor's address for ever.
    static let keptDays = 90

    enum Outcome: String, Sendable, Codable { case created, matched, refused }

    struct Entry: Sendable, Decodable {
        let id: UUID
        let formId: UUID
        let receivedAt: Date
        let outcome: String
        let reason: String?
        let leadId: UUID?
        let replayedAt: Date?
        /// 1 when the delivery itself is kept, to be sent again.
        let kept: Int

        enum CodingKeys: String, CodingKey {
            case id, outcome, reason, kept
            case formId = "form_id", receivedAt = "received_at", leadId = "lead_id", replayedAt = "replayed_at"
        }

        var canReplay: Bool { kept == 1 && replayedAt == nil }
    }

    /// `payload` is kept only for what could not be read, so it can be looked at and sent again.
    static func write(
        _ outcome: Outcome, form: UUID, reason: String?, lead: UUID?, client: String?, sender: String? = nil,
        payload: String? = nil,
        now: Date, on sql: any SQLDatabase
    ) async throws {
        try await sql.insert(into: table).columns(
            "id", "form_id", "received_at", "outcome", "reason", "lead_id", "client", "sender", "payload"
        )
        .values(
            SQLBind(UUID()), SQLBind(form), SQLBind(now), SQLBind(outcome.rawValue), SQLBind(reason), SQLBind(lead),
            SQLBind(client),
            SQLBind(sender), SQLBind(payload)
        ).run()
    }

    /// The lead a channel's sender reached before.
    static func lead(ofSender sender: String, _ sql: any SQLDatabase) async throws -> UUID? {
        try await sql.select().column("lead_id").from(table).where("sender", .equal, SQLBind(sender)).where(
            "lead_id", .isNot, SQLLiteral.null
        )
        .orderBy("received_at", .descending).first()?.decode(column: "lead_id", as: UUID?.self)
    }

    static func recent(_ sql: any SQLDatabase, form: UUID? = nil, limit: Int = 100) async throws -> [Entry] {
        var select = entries(sql)
        if let form { select = select.where("form_id", .equal, SQLBind(form)) }
        return try await select.orderBy("received_at", .descending).limit(limit).all(decoding: Entry.self)
    }

    static func entry(_ id: UUID, _ sql: any SQLDatabase) async throws -> Entry? {
        try await entries(sql).where("id", .equal, SQLBind(id)).first(decoding: Entry.self)
    }

    private static func entries(_ sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns("id", "form_id", "received_at", "outcome", "reason", "lead_id", "replayed_at")
            .column(SQLRaw("CASE WHEN payload IS NULL THEN 0 ELSE 1 END"), as: "kept").from(table)
    }

    /// The delivery as it arrived, for sending again.
    static func payload(_ id: UUID, _ sql: any SQLDatabase) async throws -> String? {
        try await sql.select().column("payload").from(table).where("id", .equal, SQLBind(id)).first()?.decode(
            column: "payload", as: String?.self)
    }

    static func prune(before cutoff: Date, _ db: any Database) async throws {
        try await db.serialWrite { sql in
            try await sql.delete(from: table).where("received_at", .lessThan, SQLBind(cutoff)).run()
        }
    }

    static func markReplayed(_ id: UUID, now: Date, _ sql: any SQLDatabase) async throws {
        try await sql.update(table).set("replayed_at", to: SQLBind(now)).where("id", .equal, SQLBind(id)).run()
    }
}
