import SalesPulseCore
import Vapor

/// `create-user`: the way to make the first admin of a real installation.
struct CreateUserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "Email address (unique, case-insensitive).")
        var email: String?
        @Option(name: "password", help: "At least 10 characters.")
        var password: String?
        @Option(name: "role", help: "admin, manager, rep or viewer.")
        var role: String?
        @Option(name: "name", help: "Display name (default: the part of the email before @).")
        var name: String?
        @Option(name: "team", help: "Name of an existing team.")
        var team: String?
        @Option(name: "manager", help: "Email of the user's manager.")
        var manager: String?
        @Option(name: "monthly-target", help: "Monthly sales target, e.g. 25000 or 25000.50.")
        var monthlyTarget: String?
    }

    var help: String {
        "Creates a user: --email E --password P --role admin|manager|rep|viewer [--name N] [--team T] [--manager EMAIL] [--monthly-target AMOUNT]"
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        for (value, option) in [(signature.email, "email"), (signature.password, "password"), (signature.role, "role")]
        where value == nil {
            throw DomainError.invalid(field: option, "--\(option) is required.")
        }
        let app = context.application
        try await app.autoMigrate()
        let target = try signature.monthlyTarget.map { try MoneyAmount(parsing: $0, field: "monthly-target") }
        let user = try await app.userService.create(
            UserInput(
                email: signature.email, name: signature.name, password: signature.password, role: signature.role,
                managerEmail: signature.manager, teamName: signature.team, monthlyTarget: target))
        context.console.print("Created \(user.role.rawValue) \(user.email) (\(try user.requireID())).")
    }
}
