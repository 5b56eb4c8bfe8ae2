import Foundation
import SalesPulseCore
import Vapor

/// An import as the API shows it.
struct ImportDTO: Content {
    struct Column: Content {
        let position: Int
        let header: String
        /// The field the column fills; null when it is left out.
        let field: String?
    }

    struct Counts: Content {
        let created: Int64
        let updated: Int64
        let skipped: Int64
        let failed: Int64
    }

    let id: UUID
    let type: String
    let fileName: String
    let fileSize: Int64
    let format: String
    let sheet: String?
    let state: String
    let stateText: String
    let columns: [Column]
    /// Every field a column may fill.
    let fields: [String]
    let options: ImportOptions
    let totalRows: Int64?
    let processedRows: Int64
    let counts: Counts
    let check: ImportCheckSummary?
    let error: String?
    let createdAt: Date
    let startedAt: Date?
    let finishedAt: Date?
    let undoneAt: Date?
    /// The first lines of the file, before the import starts.
    var preview: [[String]]?

    init(_ record: ImportRecord, preview: [[String]]? = nil) {
        self.preview = preview
        id = record.id
        type = record.recordType
        fileName = record.fileName
        fileSize = record.fileSize
        format = record.format
        sheet = record.sheet
        state = record.state
        stateText = record.importState.words
        let fieldsByColumn = record.columnFields
        columns = record.headerNames.enumerated().map { index, header in
            Column(position: index, header: header, field: index < fieldsByColumn.count ? fieldsByColumn[index] : nil)
        }
        fields = ImportTypes.fieldNames(of: record.spec)
        options = record.importOptions
        totalRows = record.totalRows
        processedRows = record.processedRows
        counts = Counts(
            created: record.createdCount, updated: record.updatedCount, skipped: record.skippedCount,
            failed: record.failedCount)
        check = record.summary
        error = record.error
        createdAt = Date(milliseconds: record.createdAt)
        startedAt = record.startedAt.map(Date.init(milliseconds:))
        finishedAt = record.finishedAt.map(Date.init(milliseconds:))
        undoneAt = record.undoneAt.map(Date.init(milliseconds:))
    }
}

/// What PATCH may change before the import starts.
struct ImportChoicesBody: Content, StrictBody {
    /// The field for each column by position (null leaves a column out), or by header name.
    var mapping: ImportMappingInput?
    var sheet: String?
    var onDuplicate: ImportOptions.OnDuplicate?
    var updateMode: ImportOptions.UpdateMode?
    var defaultOwnerId: UUID?
    var defaultSource: String?
    var defaultCountryCode: String?
    var emailProviderRules: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case mapping, sheet, onDuplicate, updateMode, defaultOwnerId, defaultSource, defaultCountryCode,
            emailProviderRules
    }

    func options(over current: ImportOptions, present: Decoded<ImportChoicesBody>) -> ImportOptions? {
        let keys: [CodingKeys] = [
            .onDuplicate, .updateMode, .defaultOwnerId, .defaultSource, .defaultCountryCode, .emailProviderRules,
        ]
        guard keys.contains(where: present.has) else { return nil }
        var options = current
        if present.has(.onDuplicate) { options.onDuplicate = onDuplicate ?? .skip }
        if present.has(.updateMode) { options.updateMode = updateMode ?? .fillEmpty }
        if present.has(.defaultOwnerId) { options.defaultOwnerId = defaultOwnerId }
        if present.has(.defaultSource) { options.defaultSource = defaultSource.flatMap { $0.isEmpty ? nil : $0 } }
        if present.has(.defaultCountryCode) {
            options.defaultCountryCode = defaultCountryCode.flatMap { $0.isEmpty ? nil : $0.filter { $0 != "+" } }
        }
        if present.has(.emailProviderRules) { options.emailProviderRules = emailProviderRules ?? false }
        return options
    }
}

/// A mapping given as a list by column position or as an object from header to field.
enum ImportMappingInput: Codable, Sendable {
    case positions([String?])
    case headers([String: String?])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([String?].self) { self = .positions(list); return }
        if let object = try? container.decode([String: String?].self) { self = .headers(object); return }
        throw DecodingError.dataCorruptedError(
            in: container, debugDescription: "mapping is a list of fields by column, or an object from header to field")
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .positions(let list): try container.encode(list)
        case .headers(let object): try container.encode(object)
        }
    }

    func columns(headers: [String], current: [String?]) throws -> [String?] {
        switch self {
        case .positions(let list): return list
        case .headers(let object):
            var columns = headers.indices.map { $0 < current.count ? current[$0] : nil }
            for (header, field) in object {
                guard let index = headers.firstIndex(of: header) else {
                    throw DomainError.invalid(field: "mapping", "The file has no column “\(header)”.")
                }
                columns[index] = field.flatMap { $0.isEmpty ? nil : $0 }
            }
            return columns
        }
    }
}
