import Fluent
import Foundation

/// A question someone asked, kept so their recent questions can be asked again with a click.
final class AskedQuestion: Model, @unchecked Sendable {
    static let schema = "asked_questions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "text") var text: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(userID: UUID, text: String) {
        self.$user.id = userID
        self.text = text
    }
}

struct CreateAskedQuestions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AskedQuestion.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("text", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AskedQuestion.schema).delete()
    }
}

/// Each person's last few questions, newest first, each once.
struct AskedQuestions: Sendable {
    static let kept = 20

    let db: any Database
    let userID: UUID

    func remember(_ text: String) async throws {
        try await db.writeTransaction { tx in
            try await AskedQuestion.query(on: tx).filter(\.$user.$id == userID).filter(\.$text == text).delete()
            try await AskedQuestion(userID: userID, text: text).save(on: tx)
            let all = try await AskedQuestion.query(on: tx).filter(\.$user.$id == userID)
                .sort(\.$createdAt, .descending).all()
            for question in all.dropFirst(Self.kept) { try await question.delete(on: tx) }
        }
    }

    func recent(_ limit: Int = 10) async throws -> [String] {
        try await AskedQuestion.query(on: db).filter(\.$user.$id == userID).sort(\.$createdAt, .descending)
            .limit(limit).all().map(\.text)
    }
}
