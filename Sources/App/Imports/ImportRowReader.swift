import Foundation
import SalesPulseCore

/// Reads one line of the file into a record's values with the same field rules as the API,
/// the column mapping and the import's defaults; a bad cell is refused with its field.
struct ImportRowReader: Sendable {
    let spec: RecordSpec
    let columns: [String?]
    let headerCount: Int
    let options: ImportOptions
    let references: ImportReferences

    func values(_ cells: [String]) throws(DomainError) -> [String: FieldValue] {
        if cells.count > headerCount, cells[headerCount...].contains(where: { !$0.trimmed.isEmpty }) {
            throw DomainError.invalid(
                field: "", "This line has \(cells.count) values but the header has \(headerCount) columns.")
        }
        if cells.count < headerCount {
            throw DomainError.invalid(
                field: "", "This line has \(cells.count) values but the header has \(headerCount) columns.")
        }
        var values: [String: FieldValue] = [:]
        var nameParts: [String: String] = [:]
        for (index, target) in columns.enumerated() {
            guard let target, index < cells.count else { continue }
            let text = cells[index].trimmed
            guard !text.isEmpty, values[target] == nil else { continue }
            if target == "name" || ImportTypes.nameParts.contains(target) {
                nameParts[target] = text
                continue
            }
            guard let field = spec.field(target) else { continue }
            if case .reference = field.kind {
                values[target] = .uuid(try references.resolve(target, text))
            } else {
                values[target] = try Self.parse(field, text)
            }
        }
        let name = [nameParts["firstName"], nameParts["name"], nameParts["lastName"]].compactMap { $0 }.joined(
            separator: " ")
        if !name.isEmpty {
            guard let field = spec.field("name") else { return values }
            values["name"] = try Self.parse(field, name)
        }
        if values["source"] == nil, let field = spec.field("source") {
            values["source"] = try Self.parse(field, options.defaultSource ?? LeadSource.importFile.rawValue)
        }
        if let owner = spec.ownerField, values[owner] == nil, let id = options.defaultOwnerId {
            values[owner] = .uuid(id)
        }
        for field in spec.fields
        where field.required && field.defaultValue == .null && spec.ownerField != field.name
            && (values[field.name] ?? .null).isNull
        {
            throw DomainError.invalid(
                field: field.name, "\(FieldLabel.of(field.name)) is empty; every \(spec.label) needs one.")
        }
        return values
    }

    private static func parse(_ field: FieldSpec, _ text: String) throws(DomainError) -> FieldValue {
        do { return try field.parse(text: text) } catch let error as DomainError { throw error } catch let error
            as FieldError
        {
            throw DomainError.invalid(error)
        } catch {
            throw DomainError.invalid(field: field.name, "\(error)")
        }
    }

    /// The account names this batch's lines refer to, so they can be looked up together.
    func accountNames(_ lines: [[String]]) -> [String] {
        guard let column = columns.firstIndex(of: "accountId") else { return [] }
        return lines.compactMap { column < $0.count ? $0[column] : nil }
    }

    /// What the line is compared by when looking for duplicates.
    func candidate(_ values: [String: FieldValue]) -> MatchCandidate {
        ImportDuplicates.candidate(
            spec: spec, name: values["name"]?.text, company: company(values), email: values["email"]?.text,
            phone: values["phone"]?.text ?? values["mobile"]?.text, options: options)
    }

    private func company(_ values: [String: FieldValue]) -> String? {
        switch spec.path {
        case "leads": values["company"]?.text
        case "contacts": values["accountId"]?.uuid.flatMap(references.accountName)
        default: nil
        }
    }
}
