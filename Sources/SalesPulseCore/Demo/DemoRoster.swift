import SalesML
/// The people and teams of the demo company, the same for the same seed.
public struct DemoRoster: Sendable, Equatable {
    public struct TeamSpec: Sendable, Equatable {
        public let name: String
        public let region: String
        public let leadEmail: String
    }

    public struct UserSpec: Sendable, Equatable {
        public let name: String
        public let email: String
        public let role: Role
        public let teamName: String?
        public let managerEmail: String?
        public let monthlyTarget: MoneyAmount
    }

    public let teams: [TeamSpec]
    public let users: [UserSpec]

    static let domain = "salespulse.demo"
    static let regions = ["North", "South", "East", "West"]
    static let firstNames = [
        "Maria", "James", "Aisha", "Carlos", "Mei", "Olga", "David", "Fatima", "Lucas",
        "Sofia", "Omar", "Elena", "Noah", "Priya", "Ivan", "Grace", "Kenji", "Amara",
    ]
    static let lastNames = [
        "Santos", "Walker", "Khan", "Rivera", "Chen", "Petrova", "Okafor", "Haddad", "Muller",
        "Rossi", "Nakamura", "Silva", "Novak", "Singh", "Brown", "Kowalski", "Tanaka", "Adeyemi",
    ]

    /// - Parameters:
    ///   - teamCount: sales teams, each led by one manager.
    ///   - repsPerTeam: representatives in each team, reporting to its manager.
    public static func generate(seed: UInt64, teamCount: Int = 3, repsPerTeam: Int = 4) -> DemoRoster {
        var random = SeededRandom(seed: seed)
        var usedNames = Set<String>()
        func person() -> String {
            while true {
                let name = "\(firstNames.randomElement(using: &random)!) \(lastNames.randomElement(using: &random)!)"
                if usedNames.insert(name).inserted { return name }
            }
        }
        var teams: [TeamSpec] = []
        var users: [UserSpec] = [
            UserSpec(
                name: person(), email: "admin@\(domain)", role: .admin, teamName: nil, managerEmail: nil,
                monthlyTarget: MoneyAmount(cents: 0)),
            UserSpec(
                name: person(), email: "viewer@\(domain)", role: .viewer, teamName: nil, managerEmail: nil,
                monthlyTarget: MoneyAmount(cents: 0)),
        ]
        for teamIndex in 0..<teamCount {
            let region = regions[teamIndex % regions.count]
            let suffix = teamIndex < regions.count ? "" : " \(teamIndex / regions.count + 1)"
            let teamName = "\(region)\(suffix)"
            let managerEmail = "manager.\(teamName.lowercased().replacingOccurrences(of: " ", with: ""))@\(domain)"
            teams.append(TeamSpec(name: teamName, region: region, leadEmail: managerEmail))
            users.append(
                UserSpec(
                    name: person(), email: managerEmail, role: .manager, teamName: teamName,
                    managerEmail: nil, monthlyTarget: MoneyAmount(cents: 0)))
            for repIndex in 0..<repsPerTeam {
                let target = Int64.random(in: 40...120, using: &random) * 5_000_00
                users.append(
                    UserSpec(
                        name: person(),
                        email: "rep\(teamIndex * repsPerTeam + repIndex + 1)@\(domain)",
                        role: .rep, teamName: teamName, managerEmail: managerEmail,
                        monthlyTarget: MoneyAmount(cents: target)))
            }
        }
        return DemoRoster(teams: teams, users: users)
    }
}
