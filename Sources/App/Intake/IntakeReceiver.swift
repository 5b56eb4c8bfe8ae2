import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// One submission of a lead form or one message a channel delivered, through the same write
/// path as the API: spam is refused and counted; a person we already have (the same sender
/// on the channel, the same email, or the same phone number however written) gets the message
/// as an activity on their lead instead of a second lead; anyone else becomes a new lead of the
/// form's source, given to the person the form's rule picks, who is told at once. Everything
/// is written to the form's log.
struct IntakeReceiver {
    let app: Application
    let db: any Database

    enum Result: Sendable, Equatable {
        case created(UUID)
        case matched(UUID)
        case refused(String)
    }

    /// Who wrote, by the names the snippet uses (and a few common others).
    struct Person: Sendable {
        var name: String?
        var email: String?
        var phone: String?
        var company: String?
        var message: String?
        var interest: String?
        var region: String?

        init(
            name: String?, email: String?, phone: String?, company: String?, message: String?, interest: String? = nil,
            region: String? = nil
        ) {
            (self.name, self.email, self.phone, self.company, self.message) = (
                name, email?.lowercased(), phone, company, message
            )
            (self.interest, self.region) = (interest, region)
        }

        /// What the form's special cases look at.
        var details: [LeadRoute.Detail: String] {
            var details: [LeadRoute.Detail: String] = [:]
            details[.productInterest] = interest
            details[.region] = region
            return details
        }

        init(_ fields: [String: String]) {
            func first(_ names: String...) -> String? {
                names.lazy.compactMap { fields[$0]?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty }.first
            }
            let joined = [first("first_name", "firstName"), first("last_name", "lastName")].compactMap { $0 }.joined(
                separator: " "
            ).nilIfEmpty
            self.init(
                name: first("name", "full_name", "fullName") ?? joined, email: first("email", "e-mail"),
                phone: first("phone", "telephone", "tel", "mobile"),
                company: first("company", "organization", "organisation"),
                message: first("message", "comments", "comment", "notes"),
                interest: first("interest", "product_interest", "productInterest", "product", "course"),
                region: first("region", "city"))
        }
    }

    /// A web form's fields.
    func receive(_ form: IntakeForms.Form, fields: [String: String], client: String?, now: Date) async throws -> Result
    {
        if case .refuse(let reason) = SpamGuard.check(
            fields, openedAt: SpamGuard.openedAt(fields[SpamGuard.openedField]), now: now)
        {
            try await refuse(form, reason: reason, client: client, now: now)
            return .refused(reason)
        }
        let person = Person(fields)
        guard person.email != nil || person.phone != nil else {
            try await refuse(form, reason: "no email address or phone number", client: client, now: now)
            throw DomainError.invalid(
                field: "email", "Please give your email address or phone number so we can answer you.")
        }
        return try await deliver(form, person: person, sender: nil, call: nil, client: client, now: now)
    }

    /// Everything one delivery carried, each person's outcome in order.
    func receive(_ form: IntakeForms.Form, messages: [ChannelMessage], now: Date) async throws -> [String] {
        var results: [String] = []
        for message in messages {
            switch try await receive(form, message: message, now: now) {
            case .created: results.append("created")
            case .matched: results.append("matched")
            case .refused: results.append("refused")
            }
        }
        return results
    }

    /// A message a channel delivered.
    func receive(_ form: IntakeForms.Form, message: ChannelMessage, now: Date) async throws -> Result {
        let person = Person(
            name: message.name, email: message.email, phone: message.phone, company: message.company,
            message: message.text,
            interest: message.interest, region: message.region)
        guard person.phone != nil || person.email != nil || message.sender != nil else {
            try await refuse(form, reason: "the message does not say who sent it", client: nil, now: now)
            return .refused("the message does not say who sent it")
        }
        return try await deliver(
            form, person: person, sender: message.sender, call: message.call, client: nil, now: now)
    }

    /// Matching, assignment, the lead or activity and the log entry are one transaction: one
    /// commit per person, and the same person sending twice at once cannot become two leads.
    private func deliver(
        _ form: IntakeForms.Form, person: Person, sender: String?, call: ChannelMessage.Call?, client: String?,
        now: Date
    ) async throws -> Result {
        guard let creator = try await User.find(form.createdBy, on: db) else {
            throw DomainError.notFound("This form is no longer available.")
        }
        var context = RecordContext(
            db: db, actor: try await ActorResolver.resolve(creator, on: db), now: now, logger: app.logger)
        context.arrivedThrough = form.name
        context.tellsNewOwnerItself = true
        let creatorID = try creator.requireID()
        let assignment = try await assignment(form, details: person.details, now: now)
        do {
            return try await context.transaction(on: db) { context, _ in
                try await IntakeReceiver(app: app, db: context.db).write(
                    form, person: person, sender: sender, call: call, client: client, assignment: assignment,
                    fallback: creatorID, context: context)
            }
        } catch {
            let payload = ErrorPayload(error)
            if payload.status == .unprocessableEntity {
                try await refuse(
                    form, reason: "\(FieldLabel.of(payload.field ?? "")): \(payload.message)", client: client, now: now)
            }
            throw error
        }
    }

    private func write(
        _ form: IntakeForms.Form, person: Person, sender: String?, call: ChannelMessage.Call?, client: String?,
        assignment: Assignment?, fallback: UUID, context: RecordContext
    ) async throws -> Result {
        let now = context.now
        if let known = try await existingLead(person, sender: sender) {
            try await addActivity(to: known, person: person, call: call, form: form, context: context, again: true)
            try await reopenIfLost(known.id, context: context)
            try await log(.matched, form: form, lead: known.id, client: client, sender: sender, now: now)
            return .matched(known.id)
        }
        let owner = try await assign(form, assignment) ?? fallback
        let name = person.name ?? person.email ?? person.phone ?? "\(form.kind.label) contact"
        var input: [String: JSONInput] = [
            "name": .string(String(name.prefix(200))), "source": .string(form.source),
            "ownerId": .string(owner.uuidString),
        ]
        if let email = person.email { input["email"] = .string(email) }
        if let phone = person.phone { input["phone"] = .string(phone) }
        if let company = person.company { input["company"] = .string(company) }
        if let interest = person.interest { input["productInterest"] = .string(String(interest.prefix(200))) }
        if let region = try await regionID(named: person.region) { input["regionId"] = .string(region.uuidString) }
        // The first message is what they need; the first activity is the team's answer, which
        // the response-time figures measure. A tracked call was answered, so it is both.
        if let message = person.message { input["need"] = .string(String(message.prefix(1000))) }
        let lead = try await RecordStore(spec: .leads, db: db).create(input, context: context)
        if owner != context.actor.userID {
            let event = RecordEvents.LeadAssigned(
                leadID: lead.id, ownerID: owner, byUserID: context.actor.userID, via: form.name)
            try await RecordEvents.announce(
                event, key: "lead-arrived:\(lead.id)", lead: (String(name.prefix(200)), person.company), app: app,
                db: db, now: now)
        }
        if call != nil {
            try await addActivity(
                to: (lead.id, owner), person: person, call: call, form: form, context: context, again: false)
        }
        try await log(.created, form: form, lead: lead.id, client: client, sender: sender, now: now)
        return .created(lead.id)
    }

    private func log(
        _ outcome: IntakeLog.Outcome, form: IntakeForms.Form, lead: UUID, client: String?, sender: String?, now: Date
    ) async throws {
        try await db.serialWrite { sql in
            try await IntakeLog.write(
                outcome, form: form.id, reason: nil, lead: lead, client: client, sender: sender, now: now, on: sql)
            try await sql.update(IntakeForms.table).set("received_count", to: SQLRaw("received_count + 1")).where(
                "id", .equal, SQLBind(form.id)
            ).run()
        }
    }

    private func refuse(_ form: IntakeForms.Form, reason: String, client: String?, now: Date) async throws {
        try await db.serialWrite { sql in
            try await IntakeLog.write(
                .refused, form: form.id, reason: reason, lead: nil, client: client, now: now, on: sql)
            try await sql.update(IntakeForms.table).set("refused_count", to: SQLRaw("refused_count + 1")).where(
                "id", .equal, SQLBind(form.id)
            ).run()
        }
    }

    /// The lead this sender reached before, else the newest with the same email, else with the
    /// same phone number.
    private func existingLead(_ person: Person, sender: String?) async throws -> (id: UUID, owner: UUID?)? {
        let sql = db.sql
        func decode(_ row: any SQLRow) throws -> (id: UUID, owner: UUID?) {
            (try row.decode(column: "id", as: UUID.self), try row.decode(column: "owner_id", as: UUID?.self))
        }
        if let sender, let id = try await IntakeLog.lead(ofSender: sender, sql),
            let row = try await sql.select().columns("id", "owner_id").from("leads").where("id", .equal, SQLBind(id))
                .first()
        {
            return try decode(row)
        }
        // Emails are kept in lower case, so the plain column (and its index) answers.
        if let email = person.email,
            let row = try await sql.select().columns("id", "owner_id").from("leads")
                .where("email", .equal, SQLBind(email)).orderBy("created_at", .descending).first()
        {
            return try decode(row)
        }
        if let phone = person.phone {
            let digits = PersonIdentity.digits(phone)
            guard digits.count >= PersonIdentity.phoneDigits else { return nil }
            // Same number, however written: the same last seven digits (an index), then the rule.
            let rows = try await sql.select().columns("id", "owner_id", "phone").from("leads")
                .where(
                    SQLRaw(CreateLeadPhoneTailIndex.expression), .equal,
                    SQLBind(String(digits.suffix(PersonIdentity.phoneDigits)))
                )
                .orderBy("created_at", .descending).limit(200).all()
            if let row = try rows.first(where: {
                PersonIdentity.samePhone(try $0.decode(column: "phone", as: String?.self) ?? "", phone)
            }) {
                return try decode(row)
            }
        }
        return nil
    }

    /// A lost lead who writes again is back in play: open again, where its owner and their
    /// manager see it among the leads to work, with the change in its history.
    private func reopenIfLost(_ id: UUID, context: RecordContext) async throws {
        let store = RecordStore(spec: .leads, db: db)
        guard let lead = try await store.find(id), lead[.status] == .text(LeadStatus.lost.rawValue) else { return }
        _ = try await store.update(lead, with: ["status": .string(LeadStatus.contacted.rawValue)], context: context)
    }

    /// The message or call as an activity on the lead, in its owner's name.
    private func addActivity(
        to lead: (id: UUID, owner: UUID?), person: Person, call: ChannelMessage.Call?, form: IntakeForms.Form,
        context: RecordContext, again: Bool
    ) async throws {
        var input: [String: JSONInput] = [
            "occurredAt": .string(InternetTime.format(call?.startedAt ?? context.now)),
            "leadId": .string(lead.id.uuidString),
        ]
        if let call {
            var notes = [
                call.calledNumber.map { "Called \($0)" }, call.campaign.map { "Campaign: \($0)" },
                call.recordingURL.map { "Recording: \($0)" },
            ].compactMap { $0 }
            if let message = person.message { notes.append(message) }
            input["type"] = .string(ActivityType.call.rawValue)
            input["subject"] = .string("Call from \(person.phone ?? "an unknown number")")
            if !notes.isEmpty { input["notes"] = .string(notes.joined(separator: "\n")) }
            if let seconds = call.durationSeconds { input["durationMinutes"] = .integer(Int64((seconds + 59) / 60)) }
        } else {
            var notes =
                again && !form.kind.isConversation ? ["Came in again through \u{201C}\(form.name)\u{201D}."] : []
            if let message = person.message { notes.append(message) }
            input["type"] = .string(ActivityType.note.rawValue)
            input["subject"] = .string(
                form.kind.isConversation ? "Message on \(form.kind.label)" : "\(form.kind.label): \(form.name)")
            if !notes.isEmpty { input["notes"] = .string(String(notes.joined(separator: "\n\n").prefix(10_000))) }
        }
        if let owner = lead.owner { input["userId"] = .string(owner.uuidString) }
        _ = try await RecordStore(spec: .activities, db: db).create(input, context: context)
    }

    /// The rule a new lead of the form goes by, with the people it may go to as they are now.
    struct Assignment: Sendable {
        /// The special case that matched, nil for the form's own rule.
        let route: LeadRoute?
        let rule: LeadAssignment
        let people: [LeadAssignment.Candidate]
    }

    /// Read before the write lock: team members and their leave change rarely, and a lock held
    /// for fewer statements takes more submissions a second. Nil when the form names no rule.
    private func assignment(
        _ form: IntakeForms.Form, details: [LeadRoute.Detail: String], now: Date
    ) async throws -> Assignment? {
        let route = form.routing.first { $0.matches(details) }
        guard let rule = route?.rule ?? form.rule else { return nil }
        return Assignment(route: route, rule: rule, people: try await candidates(rule, db, now: now))
    }

    /// The owner the form's special cases or its rule pick now: whose turn it is, or who has
    /// the fewest open leads, decided under the write lock so two submissions at once never take
    /// the same turn. Turns are remembered per rule, so a special case's team takes its own
    /// turns without upsetting the form's.
    private func assign(_ form: IntakeForms.Form, _ assignment: Assignment?) async throws -> UUID? {
        guard let assignment else { return form.fallbackOwnerId }
        let (route, rule) = (assignment.route, assignment.rule)
        return try await db.writeTransaction { tx in
            let sql = tx.sql
            struct Turns: Decodable { let last_assigned_id: UUID?; let turns: String? }
            let stored = try await sql.select().columns("last_assigned_id", "turns").from(IntakeForms.table).where(
                "id", .equal, SQLBind(form.id)
            )
            .first(decoding: Turns.self)
            var turns =
                stored?.turns.flatMap { try? JSONDecoder().decode([String: UUID].self, from: Data($0.utf8)) } ?? [:]
            let key = String(decoding: try JSONEncoder().encode(rule), as: UTF8.self)
            let last = route == nil ? stored?.last_assigned_id : turns[key]
            let people = try await withOpenLeads(assignment.people, rule: rule, tx)
            let owner = rule.pick(people, last: last, fallback: form.fallbackOwnerId)
            guard let owner else { return nil }
            if route == nil {
                try await sql.update(IntakeForms.table).set("last_assigned_id", to: SQLBind(owner)).where(
                    "id", .equal, SQLBind(form.id)
                ).run()
            } else {
                turns[key] = owner
                try await sql.update(IntakeForms.table).set(
                    "turns", to: SQLBind(String(decoding: try JSONEncoder().encode(turns), as: UTF8.self))
                )
                .where("id", .equal, SQLBind(form.id)).run()
            }
            return owner
        }
    }

    /// The company's region of that name, if it has one.
    private func regionID(named name: String?) async throws -> UUID? {
        guard let name = name?.lowercased(), !name.isEmpty else { return nil }
        return try await db.sql.select().column("id").from("regions").where(
            SQLFunction("lower", args: SQLIdentifier("name")), .equal, SQLBind(name)
        )
        .first()?.decode(column: "id", as: UUID.self)
    }

    private func candidates(
        _ rule: LeadAssignment, _ db: any Database, now: Date
    ) async throws -> [LeadAssignment.Candidate] {
        let zone = try await CompanySettings(sql: db.sql).timeZone()
        let today = CalendarDay(containing: now.addingTimeInterval(TimeInterval(zone.secondsFromGMT(for: now))))
        switch rule {
        case .named(let id):
            return try await User.find(id, on: db).map {
                [LeadAssignment.Candidate(id: id, active: $0.isActive && !$0.isAway(on: today))]
            } ?? []
        case .roundRobin(let team), .leastLoaded(let team):
            let members = try await User.query(on: db).filter(\.$team.$id == team).all()
            let reps = members.filter { $0.role == .rep }
            return (reps.isEmpty ? members : reps).compactMap { user in
                user.id.map { LeadAssignment.Candidate(id: $0, active: user.isActive && !user.isAway(on: today)) }
            }
        }
    }

    /// The people with their open leads counted, for a rule that gives the lead to the least loaded.
    private func withOpenLeads(
        _ people: [LeadAssignment.Candidate], rule: LeadAssignment, _ db: any Database
    ) async throws -> [LeadAssignment.Candidate] {
        guard case .leastLoaded = rule, !people.isEmpty else { return people }
        let rows = try await db.sql.select().column("owner_id").column(
            SQLFunction("COUNT", args: SQLLiteral.all), as: "n"
        ).from("leads")
            .where(
                "status", .in,
                [LeadStatus.new.rawValue, LeadStatus.contacted.rawValue, LeadStatus.qualified.rawValue]
            )
            .where(
                SQLIdentifier("owner_id"), .in, SQLGroupExpression(people.map { SQLBind($0.id) as any SQLExpression })
            ).groupBy("owner_id").all()
        var open: [UUID: Int] = [:]
        for row in rows {
            open[try row.decode(column: "owner_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        return people.map { LeadAssignment.Candidate(id: $0.id, active: $0.active, openLeads: open[$0.id] ?? 0) }
    }
}
