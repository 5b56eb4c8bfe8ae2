import Vapor

/// `seed-demo`: the demo company, deterministic for a seed; prints new logins once.
struct SeedDemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "seed", help: "Seed for the demo data (default 42).")
        var seed: Int?
    }

    var help: String { "Creates the demo teams and users of every role (existing ones are kept) and prints new logins." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.autoMigrate()
        let logins = try await DemoSeeder(app: context.application).seed(seed: UInt64(signature.seed ?? 42))
        Self.printLogins(logins, console: context.console)
    }

    static func printLogins(_ logins: [DemoSeeder.CreatedLogin], console: any Console) {
        guard !logins.isEmpty else {
            console.print("Demo users already exist; their passwords were printed when they were created.")
            return
        }
        console.print("Demo logins (shown once; change them with the admin pages or create-user):")
        for login in logins.sorted(by: { ($0.role, $0.email) < ($1.role, $1.email) }) {
            console.print("  \(login.role.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(login.email)  \(login.password)")
        }
    }
}
