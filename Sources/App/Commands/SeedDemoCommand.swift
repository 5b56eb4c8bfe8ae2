import Vapor

/// `seed-demo`: the demo company, deterministic for a seed; prints new logins once.
struct SeedDemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "seed", help: "Seed for the demo data (default 42).")
        var seed: Int?
        @Option(
            name: "size",
            help: "small (3,000 leads) or large (1,000,000 leads, 5,000,000 activities: the benchmark set).")
        var size: String?
        @Option(name: "as-of", help: "Last day of the generated history, YYYY-MM-DD (default today).")
        var asOf: String?
    }

    var help: String {
        "Creates the demo company: teams, users of every role (new logins printed once) and, if there are no leads yet, 15 months of CRM history."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let size = DemoSeeder.Size(rawValue: signature.size ?? "small") else {
            throw DomainError.invalid(field: "size", "Use small or large.")
        }
        var asOf = Date()
        if let text = signature.asOf {
            guard FieldSpec.isCalendarDay(text), let day = InternetTime.parse(text + "T23:59:59Z")
            else {
                throw DomainError.invalid(field: "as-of", "Use a date as YYYY-MM-DD.")
            }
            asOf = day
        }
        try await context.application.autoMigrate()
        let logins = try await DemoSeeder(app: context.application).seed(
            seed: UInt64(signature.seed ?? 42), size: size, asOf: asOf)
        Self.printLogins(logins, console: context.console)
    }

    static func printLogins(_ logins: [DemoSeeder.CreatedLogin], console: any Console) {
        guard !logins.isEmpty else {
            console.print("Demo users already exist; their passwords were printed when they were created.")
            return
        }
        console.print("Demo logins (shown once; change them with the admin pages or create-user):")
        for login in logins.sorted(by: { ($0.role, $0.email) < ($1.role, $1.email) }) {
            console.print(
                "  \(login.role.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(login.email)  \(login.password)"
            )
        }
    }
}
