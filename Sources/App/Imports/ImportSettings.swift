import Foundation
import SalesPulseCore

/// What the person chose for an import: what to do with a row that matches a record already
/// there, and the values rows without their own get.
struct ImportOptions: Codable, Sendable, Equatable {
    enum OnDuplicate: String, Codable, Sendable, CaseIterable {
        case skip, update, create
    }

    enum UpdateMode: String, Codable, Sendable, CaseIterable {
        /// Only fields the stored record has empty.
        case fillEmpty
        case overwrite
    }

    var onDuplicate: OnDuplicate = .skip
    var updateMode: UpdateMode = .fillEmpty
    /// The owner of rows that name none (the importing person when nil).
    var defaultOwnerId: UUID?
    /// The source of leads that name none.
    var defaultSource: String?
    /// Country calling code for phone numbers written without +, e.g. "44".
    var defaultCountryCode: String?
    /// Match emails by the dots-and-plus rules of some mail providers as well.
    var emailProviderRules = false
}

/// Where an import is in its life.
enum ImportState: String, Codable, Sendable, CaseIterable {
    case uploaded, queued, running, done, failed, undone

    var words: String {
        switch self {
        case .uploaded: "Waiting for you to check and start"
        case .queued: "Waiting to start"
        case .running: "Importing"
        case .done: "Finished"
        case .failed: "Stopped with an error"
        case .undone: "Undone"
        }
    }
}

/// What became of one line of the file.
enum ImportOutcome: String, Codable, Sendable, CaseIterable {
    case created, updated, skipped, failed
}

/// The record types a file can be imported into, and the fields a column can fill.
enum ImportTypes {
    static let specs: [RecordSpec] = [.leads, .contacts, .accounts]

    static func spec(_ path: String) -> RecordSpec? { specs.first { $0.path == path } }

    /// "firstName" and "lastName" columns are joined into the name.
    static let nameParts = ["firstName", "lastName"]

    /// Writable fields in words or numbers; references only where a name finds the row.
    static func fields(of spec: RecordSpec) -> [FieldSpec] {
        spec.fields.filter { field in
            guard field.writable else { return false }
            switch field.kind {
            case .json: return false
            case .reference: return ImportReferences.resolvable.contains(field.name)
            default: return true
            }
        }
    }

    /// Spellings a type borrows: an account's name is what a sheet calls its company.
    static func aliases(of spec: RecordSpec) -> [String: String] {
        spec.path == "accounts" ? ["name": "company"] : [:]
    }

    static func guess(headers: [String], spec: RecordSpec) -> [String?] {
        ImportFieldGuess.guess(headers: headers, fields: fieldNames(of: spec), aliases: aliases(of: spec))
    }

    static func fieldNames(of spec: RecordSpec) -> [String] {
        let names = fields(of: spec).map(\.name)
        return names.contains("name") ? names + nameParts : names
    }
}
