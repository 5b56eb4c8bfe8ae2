import Vapor

/// The context of a create or edit form.
struct RecordFormPage: Encodable {
    let title: String
    let nav: Navigation
    let action: String
    let cancelHref: String
    let fields: [FormField]
    let message: String?
    let isNew: Bool

    static func make(
        _ page: RecordPageSpec, record: Record?, values: [String: String], errors: [String: String],
        message: String? = nil, request: Request
    ) async throws -> RecordFormPage {
        let options = try await RecordForm.referenceOptions(page.spec, actor: try await request.actor(), db: request.db)
        let name = record.flatMap { $0[field: page.nameField].text }
        return RecordFormPage(
            title: record == nil ? "New \(page.spec.label)" : "Edit \(name ?? page.spec.label)",
            nav: try request.navigation(),
            action: record.map { "/\(page.path)/\($0.id)" } ?? "/\(page.path)",
            cancelHref: record.map { "/\(page.path)/\($0.id)" } ?? "/\(page.path)",
            fields: RecordForm.controls(page.spec, values: values, errors: errors, options: options), message: message,
            isNew: record == nil)
    }
}
