import Fluent

/// The latest change to any account is one index read, so the kept words of account names can
/// be checked before every question instead of read again.
struct CreateAccountChangeIndex: IndexMigration {
    static let indexes: [IndexDefinition] = [IndexDefinition("accounts", "updated", "updated_at")]
}
