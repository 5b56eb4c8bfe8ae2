import Fluent
import Foundation
import SalesPulseCore
import Vapor

/// One import as its page shows it, in plain words, at whatever step it is.
struct ImportPage: Encodable, Sendable {
    struct Choice: Encodable, Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Column: Encodable, Sendable {
        let position: Int
        let header: String
        let example: String
        let choices: [Choice]
    }

    struct Problem: Encodable, Sendable {
        let line: Int
        let field: String
        let message: String
    }

    struct Duplicate: Encodable, Sendable {
        let line: Int
        let reason: String
        let score: String
        let matched: String
        let href: String?
    }

    let nav: Navigation
    let id: UUID
    let fileName: String
    let typeLabel: String
    let state: String
    let stateText: String
    let uploadedAt: String
    let message: String?
    let notice: String?
    let editable: Bool
    let running: Bool
    let finished: Bool
    let canUndo: Bool
    let columns: [Column]
    let sheets: [Choice]
    let duplicateChoices: [Choice]
    let updateChoices: [Choice]
    let ownerChoices: [Choice]
    let sourceChoices: [Choice]
    let countryCode: String
    let providerRules: Bool
    let previewHeader: [String]
    let previewRows: [[String]]
    let checked: Bool
    let checkRows: Int
    let checkValid: Int
    let checkInvalid: Int
    let checkDuplicates: Int
    let checkInFile: Int
    let problems: [Problem]
    let duplicates: [Duplicate]
    let processed: Int64
    let total: Int64?
    let percent: Int
    let created: Int64
    let updated: Int64
    let skipped: Int64
    let failed: Int64
    let error: String?
    let hasReport: Bool
    /// The lists of the records the import created and updated, while they are its own.
    let createdHref: String?
    let updatedHref: String?
    let mapping: String

    static func make(
        _ record: ImportRecord, request req: Request, message: String? = nil, notice: String? = nil
    ) async throws -> ImportPage {
        let spec = record.spec
        let options = record.importOptions
        let editable = record.importState == .uploaded
        let preview = editable ? try await ImportPreview.lines(record, count: 6, on: req.db.sql) : []
        let fields = ImportTypes.fieldNames(of: spec)
        let mapped = record.columnFields
        let columns = record.headerNames.enumerated().map { index, header in
            let current = index < mapped.count ? mapped[index] : nil
            let choices =
                [Choice(value: "", label: "Leave out", selected: current == nil)]
                + fields.map { Choice(value: $0, label: Self.label($0, spec: spec), selected: $0 == current) }
            return Column(
                position: index, header: header.isEmpty ? "Column \(index + 1)" : header,
                example: preview.first.flatMap { index < $0.count ? $0[index] : nil } ?? "", choices: choices)
        }
        let sheets =
            editable
            ? try await ImportPreview.sheets(record, on: req.db.sql).map {
                Choice(value: $0, label: $0, selected: $0 == record.sheet)
            } : []
        let summary = record.summary
        let actor = try await req.actor()
        var duplicates: [Duplicate] = []
        for duplicate in summary?.duplicates.prefix(50) ?? [] {
            let visible = duplicate.recordId != nil && !duplicate.matchedName.hasSuffix("you cannot see")
            duplicates.append(
                Duplicate(
                    line: duplicate.line,
                    reason: duplicate.reason.prefix(1).uppercased() + duplicate.reason.dropFirst(),
                    score: "\(Int((duplicate.score * 100).rounded()))%", matched: duplicate.matchedName,
                    href: visible ? "/\(spec.path)/\(duplicate.recordId!.uuidString)" : nil))
        }
        let total = record.totalRows
        let percent = total.map { $0 > 0 ? Int(record.processedRows * 100 / $0) : 100 } ?? 0
        return ImportPage(
            nav: try req.navigation(), id: record.id, fileName: record.fileName, typeLabel: spec.path.capitalized,
            state: record.state, stateText: record.importState.words,
            uploadedAt: PageDate.format(Date(milliseconds: record.createdAt)),
            message: message, notice: notice, editable: editable,
            running: [.queued, .running].contains(record.importState),
            finished: [.done, .failed, .undone].contains(record.importState),
            canUndo: [.done, .failed].contains(record.importState) && record.createdCount + record.updatedCount > 0,
            columns: columns, sheets: sheets,
            duplicateChoices: [
                ("skip", "Skip the line, keep what is there"), ("update", "Update the record already there"),
                ("create", "Create a new record anyway"),
            ]
            .map { Choice(value: $0.0, label: $0.1, selected: options.onDuplicate.rawValue == $0.0) },
            updateChoices: [
                ("fillEmpty", "Only fill fields that are empty"), ("overwrite", "Overwrite with the file's values"),
            ]
            .map { Choice(value: $0.0, label: $0.1, selected: options.updateMode.rawValue == $0.0) },
            ownerChoices: try await ownerChoices(
                actor: actor, selected: options.defaultOwnerId ?? record.userId, on: req),
            sourceChoices: spec.field("source") == nil
                ? []
                : LeadSource.allCases.map {
                    Choice(
                        value: $0.rawValue, label: FieldLabel.value($0.rawValue),
                        selected: $0.rawValue == (options.defaultSource ?? LeadSource.importFile.rawValue))
                },
            countryCode: options.defaultCountryCode ?? "", providerRules: options.emailProviderRules,
            previewHeader: record.headerNames, previewRows: Array(preview.prefix(5)),
            checked: summary != nil, checkRows: summary?.rows ?? 0, checkValid: summary?.valid ?? 0,
            checkInvalid: summary?.invalid ?? 0,
            checkDuplicates: summary?.duplicatesOfRecords ?? 0, checkInFile: summary?.duplicatesInFile ?? 0,
            problems: (summary?.problems.prefix(50) ?? []).map {
                Problem(line: $0.line, field: $0.field.map(FieldLabel.of) ?? "Whole line", message: $0.message)
            },
            duplicates: duplicates, processed: record.processedRows, total: total, percent: min(percent, 100),
            created: record.createdCount, updated: record.updatedCount, skipped: record.skippedCount,
            failed: record.failedCount,
            error: record.error, hasReport: record.skippedCount + record.failedCount > 0,
            createdHref: record.createdCount > 0 && record.importState != .undone
                ? "/\(spec.path)?importCreated=\(record.id.uuidString)" : nil,
            updatedHref: record.updatedCount > 0 && record.importState != .undone
                ? "/\(spec.path)?importUpdated=\(record.id.uuidString)" : nil,
            mapping: record.mappingWords)
    }

    static func label(_ field: String, spec: RecordSpec) -> String {
        switch field {
        case "firstName": "First name (joined into the name)"
        case "lastName": "Last name (joined into the name)"
        case "ownerId": "Owner (email or name)"
        case "accountId": "Account (by name)"
        default: FieldLabel.of(field)
        }
    }

    /// The people the importing person may give records to.
    static func ownerChoices(actor: Actor, selected: UUID, on req: Request) async throws -> [Choice] {
        let users = try await User.query(on: req.db).all().filter(\.isActive).sorted { $0.name < $1.name }
        let visible = AccessPolicy.visibleOwnerIDs(actor)
        return users.compactMap { user in
            guard let id = user.id, visible?.contains(id) ?? true else { return nil }
            return Choice(value: id.uuidString, label: user.name, selected: id == selected)
        }
    }
}
