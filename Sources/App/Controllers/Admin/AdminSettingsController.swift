import FieldRoutes
import SalesPulseCore
import SQLKit
import Vapor

/// /admin/settings: which roles may take records with personal data out of the app
/// (downloads, calendar files and feeds, dashboard files; admins always may), the company's
/// time zone, the deal approval amount and whether a teacher may teach two groups at once.
struct AdminSettingsController: RouteCollection {
    struct RoleChoice: Encodable {
        let value: String
        let label: String
        let checked: Bool
    }

    struct StepChoice: Encodable {
        let step: String
        let label: String
        let options: [FormField.Option]
    }

    struct TravelChoice: Encodable {
        let mode: String
        let label: String
        let roadFactor: String
        let speed: String
    }

    struct SettingsPage: Encodable {
        let title = "Settings"
        let nav: Navigation
        let exportRoles: [RoleChoice]
        let zones: [FormField.Option]
        let approvalAmount: String
        let teacherClash: [FormField.Option]
        let schoolSteps: [StepChoice]
        let travel: [TravelChoice]
        let saved: Bool
        var message: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let settings = routes.grouped("admin", "settings")
        settings.get(use: show)
        settings.post(use: save)
    }

    @Sendable func show(req: Request) async throws -> View {
        try await req.authorize(.read, .settings)
        let granted = try await req.companySettings.exportRoles()
        let choices = [Role.manager, .rep, .viewer].map {
            RoleChoice(value: $0.rawValue, label: $0.displayName, checked: granted.contains($0))
        }
        let zone = try await req.companySettings.value(.timeZone) ?? "UTC"
        let zones = PageDate.options(selected: zone)
        let threshold = try await req.companySettings.approvalRule().thresholdCents
        let steps = try await req.companySettings.schoolSteps()
        let stepChoices = SchoolSteps.Step.allCases.map { step in
            StepChoice(
                step: step.rawValue, label: step.words,
                options: [
                    FormField.Option(
                        value: "none", label: "Leave the status as it is", selected: steps.statuses[step] == nil)
                ]
                    + LeadStatus.allCases.filter(\.isOpen).map {
                        FormField.Option(
                            value: $0.rawValue, label: "Move the lead to \(FieldLabel.value($0.rawValue))",
                            selected: steps.statuses[step] == $0)
                    })
        }
        let travel = try await req.companySettings.travel()
        let travelChoices = TravelMode.allCases.map { mode in
            TravelChoice(
                mode: mode.rawValue, label: mode.label, roadFactor: String(travel.model(mode).roadFactor),
                speed: String(travel.model(mode).speedKmh))
        }
        let clash = try await req.companySettings.teacherClashRule()
        let clashChoices = [
            FormField.Option(
                value: TeacherClashRule.refuse.rawValue, label: "Refuse the second group", selected: clash == .refuse),
            FormField.Option(value: TeacherClashRule.warn.rawValue, label: "Allow it", selected: clash == .warn),
        ]
        return try await req.view.render(
            "admin/settings",
            SettingsPage(
                nav: try req.navigation(), exportRoles: choices, zones: zones,
                approvalAmount: threshold.map(RecordDisplay.money) ?? "", teacherClash: clashChoices,
                schoolSteps: stepChoices, travel: travelChoices,
                saved: req.query[String.self, at: "saved"] != nil,
                message: req.query[String.self, at: "message"]))
    }

    @Sendable func save(req: Request) async throws -> Response {
        try await req.authorize(.update, .settings)
        let form = try req.content.decode([String: String].self)
        let roles = Set([Role.manager, .rep, .viewer].filter { form["export_\($0.rawValue)"] == "on" })
        try await req.companySettings.setExportRoles(roles)
        if let zone = form["timeZone"], !zone.isEmpty {
            guard TimeZone(identifier: zone) != nil else {
                throw DomainError.invalid(field: "timeZone", "Choose a time zone from the list.")
            }
            try await req.companySettings.set(.timeZone, to: zone)
        }
        if let text = form["teacherClash"], !text.isEmpty {
            guard let rule = TeacherClashRule(rawValue: text) else {
                throw DomainError.invalid(field: "teacherClash", "Choose refuse or allow.")
            }
            try await req.companySettings.setTeacherClashRule(rule)
        }
        let stepPairs = Dictionary(
            uniqueKeysWithValues: SchoolSteps.Step.allCases.compactMap { step in
                form["step_\(step.rawValue)"].map { (step.rawValue, Optional($0)) }
            })
        if !stepPairs.isEmpty { try await req.companySettings.setSchoolSteps(try SchoolSteps(parsing: stepPairs)) }
        if TravelMode.allCases.contains(where: { form["speed_\($0.rawValue)"] != nil }) {
            var travel = try await req.companySettings.travel()
            for mode in TravelMode.allCases {
                guard let factor = Double(form["roadFactor_\(mode.rawValue)"] ?? ""),
                    let speed = Double(form["speed_\(mode.rawValue)"] ?? "")
                else {
                    return req.redirect(
                        to: URLQuery.path(
                            "/admin/settings", ["message": "\(mode.label): give the road factor and speed as numbers."])
                    )
                }
                travel.set(mode, TravelModel(roadFactor: factor, speedKmh: speed))
            }
            do {
                try await req.companySettings.setTravel(try travel.validated())
            } catch let error as DomainError {
                return req.redirect(to: URLQuery.path("/admin/settings", ["message": ErrorPayload(error).message]))
            }
        }
        if let text = form["approvalAmount"] {
            do {
                try await req.companySettings.setApprovalThreshold(cents: try ApprovalAmount.parse(text: text))
            } catch let error as DomainError {
                return req.redirect(to: URLQuery.path("/admin/settings", ["message": ErrorPayload(error).message]))
            }
        }
        return req.redirect(to: "/admin/settings?saved=1")
    }
}

/// GET and PATCH /api/v1/settings: the same settings for scripts, admins only.
struct SettingsAPIController: RouteCollection {
    struct SettingsBody: Content, StrictBody {
        var exportRoles: [String]?
        /// The company's IANA time zone, for people who have not chosen their own.
        var timeZone: String?
        /// Deals above this amount need a manager's approval before a rep wins them; null for none.
        var approvalAmount: Double?
        /// "refuse" or "warn": whether a teacher may be booked in two groups at the same time.
        var teacherClash: String?
        /// The lead status each education step moves a lead to: {"trial_scheduled": "contacted", …}, "none" to leave it.
        var schoolSteps: [String: String?]?
        /// Road factor and average speed per travel mode, for distances and travel times.
        var travel: TravelUpdate?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case exportRoles, timeZone, approvalAmount, teacherClash, schoolSteps, travel
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", use: show)
        routes.patch("settings", use: update)
    }

    @Sendable func show(req: Request) async throws -> SettingsBody {
        try await req.authorize(.read, .settings)
        return SettingsBody(
            exportRoles: try await req.companySettings.exportRoles().map(\.rawValue).sorted(),
            timeZone: try await req.companySettings.value(.timeZone) ?? "UTC",
            approvalAmount: try await req.companySettings.approvalRule().thresholdCents.map { Double($0) / 100 },
            teacherClash: try await req.companySettings.teacherClashRule().rawValue,
            schoolSteps: try await req.companySettings.schoolSteps().pairs.mapValues { Optional($0) },
            travel: try await req.companySettings.travel().asUpdate)
    }

    @Sendable func update(req: Request) async throws -> SettingsBody {
        try await req.authorize(.update, .settings)
        let decoded = try req.decodeStrict(SettingsBody.self)
        let body = decoded.body
        if let names = body.exportRoles {
            let roles = try names.map { name in
                guard let role = Role(parsing: name) else {
                    throw DomainError.invalid(
                        field: "exportRoles", "Unknown role '\(name)': use admin, manager, rep or viewer.")
                }
                return role
            }
            try await req.companySettings.setExportRoles(Set(roles))
        }
        if let zone = body.timeZone {
            guard TimeZone(identifier: zone) != nil else {
                throw DomainError.invalid(
                    field: "timeZone", "Unknown time zone '\(zone)': use an IANA name such as Europe/Berlin.")
            }
            try await req.companySettings.set(.timeZone, to: zone)
        }
        if let text = body.teacherClash {
            guard let rule = TeacherClashRule(rawValue: text) else {
                throw DomainError.invalid(field: "teacherClash", "Use refuse or warn.")
            }
            try await req.companySettings.setTeacherClashRule(rule)
        }
        if let pairs = body.schoolSteps {
            do {
                try await req.companySettings.setSchoolSteps(try SchoolSteps(parsing: pairs))
            } catch let error as FieldError {
                throw DomainError.invalid(error)
            }
        }
        if let update = body.travel {
            try await req.companySettings.setTravel(
                try await req.companySettings.travel().updated(by: update).validated())
        }
        if decoded.has(.approvalAmount) {
            try await req.companySettings.setApprovalThreshold(cents: try ApprovalAmount.cents(body.approvalAmount))
        }
        return try await show(req: req)
    }
}

/// The approval amount as typed on the settings page or sent by the API: empty or zero for none.
enum ApprovalAmount {
    static func parse(text: String) throws -> Int64? {
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        guard !cleaned.isEmpty else { return nil }
        guard let number = Double(cleaned) else {
            throw DomainError.invalid(field: "approvalAmount", "Give the approval amount as a number, such as 50000.")
        }
        return try cents(number)
    }

    static func cents(_ amount: Double?) throws -> Int64? {
        guard let amount else { return nil }
        guard amount.isFinite, amount >= 0, amount < 1e13 else {
            throw DomainError.invalid(
                field: "approvalAmount",
                "Give an approval amount of zero or more; zero or empty means no deal needs approval.")
        }
        let cents = Int64((amount * 100).rounded())
        return cents == 0 ? nil : cents
    }
}

extension Request {
    var companySettings: CompanySettings { CompanySettings(sql: db.sql) }
}
