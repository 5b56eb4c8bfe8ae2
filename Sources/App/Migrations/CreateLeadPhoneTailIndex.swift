import Fluent

/// Leads by the last seven digits of their phone number, the part every way of writing the
/// same number shares (with or without the country code or trunk zero). A message from a known
/// number finds its lead through this index instead of reading every lead. Phones are stored
/// as digits with an optional leading "+", so the last seven characters are those digits; the
/// expression is written so SQLite and PostgreSQL both read it.
struct CreateLeadPhoneTailIndex: IndexMigration {
    static let expression = "substr(phone, length(phone) - 6)"
    static let indexes: [IndexDefinition] = [IndexDefinition("leads", "phone_tail", expression)]
}
