import Foundation
import SalesPulseCore
import SQLKit

/// "reps in team North", "how many reps", "teams": the active people who sell (reps and
/// managers) and their teams, only those the asker may see, each opening their performance.
struct PeopleAnswer: Sendable {
    let answerer: QuestionAnswerer

    private struct Person {
        let id: UUID
        let name: String
        let role: String
        let team: String?
        let teamID: UUID?
    }

    func answer(_ question: ParsedQuestion, text: String) async throws -> QuestionAnswer {
        var resolved = question
        var answer = QuestionAnswer(question: text, sentence: "")
        var teamID: UUID?
        answer.understood = [("Records", question.subject == .reps ? "Reps" : "Teams")]
        if let typed = question.team {
            guard
                case .found(let team) = try await QuestionNames(
                    db: answerer.db.sql, actor: answerer.actor, vocabulary: answerer.vocabulary
                ).team(typed)
            else { return answerer.notUnderstood(text, because: "There is no team called \(typed).") }
            teamID = team.id
            resolved.team = team.name
            answer.understood.append(("Team", team.name))
        }
        let visible = AccessPolicy.visibleOwnerIDs(answerer.actor)
        let people = try await people().filter { person in
            (visible?.contains(person.id) ?? true) && (teamID == nil || person.teamID == teamID)
        }
        answer.query = resolved
        answer.link = "/performance"
        if question.subject == .teams {
            var teams: [String: (id: UUID, count: Int)] = [:]
            for person in people {
                guard let name = person.team, let id = person.teamID else { continue }
                teams[name] = (id, (teams[name]?.count ?? 0) + 1)
            }
            answer.value = Double(teams.count)
            answer.items = teams.sorted { $0.key < $1.key }.map { name, team in
                QuestionAnswer.Item(
                    title: name, detail: "\(team.count) \(team.count == 1 ? "person" : "people") who sell",
                    href: "/performance")
            }
            answer.sentence = "\(teams.count) \(teams.count == 1 ? "team" : "teams")."
            return answer
        }
        answer.value = Double(people.count)
        if case .count = question.answer {
            answer.sentence = "\(people.count) \(people.count == 1 ? "rep" : "reps")."
            return answer
        }
        answer.items = people.map { person in
            QuestionAnswer.Item(
                title: person.name,
                detail: [person.team, person.role == "manager" ? "manager" : nil].compactMap { $0 }.joined(
                    separator: " · "),
                href: "/agents/\(person.id.uuidString)")
        }
        answer.sentence = people.isEmpty ? "No reps match." : "\(people.count) \(people.count == 1 ? "rep" : "reps")."
        return answer
    }

    private func people() async throws -> [Person] {
        try await answerer.db.sql.raw(
            """
            SELECT \(ident: "users").\(ident: "id"), \(ident: "users").\(ident: "name"), \(ident: "role"), \
            \(ident: "teams").\(ident: "name") AS \(ident: "team"), \(ident: "teams").\(ident: "id") AS \(ident: "team_id") \
            FROM \(ident: "users") LEFT JOIN \(ident: "teams") ON \(ident: "teams").\(ident: "id") = \(ident: "users").\(ident: "team_id") \
            WHERE \(ident: "is_active") = \(bind: true) AND \(ident: "role") IN (\(binds: ["rep", "manager"])) \
            ORDER BY \(ident: "users").\(ident: "name")
            """
        ).all().map { row in
            Person(
                id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                role: try row.decode(column: "role", as: String.self),
                team: try row.decode(column: "team", as: String?.self),
                teamID: try row.decode(column: "team_id", as: UUID?.self))
        }
    }
}
