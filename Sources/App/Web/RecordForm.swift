import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// One form control, described for the Leaf template.
struct FormField: Encodable, Sendable {
    struct Option: Encodable, Sendable {
        let value: String
        let label: String
        var selected = false
    }

    let name: String
    let label: String
    /// "input", "select" or "textarea".
    let control: String
    let inputType: String
    let step: String?
    let value: String
    let options: [Option]
    let error: String?
    let required: Bool
    /// A line under the control saying what happens when it is left empty.
    var hint: String?
}

/// Record forms: which controls a type gets, how stored values prefill them, and how what was
/// typed becomes field values (every field's error at once, not only the first).
enum RecordForm {
    static func controls(
        _ spec: RecordSpec, values: [String: String], errors: [String: String],
        options: [String: [FormField.Option]], only names: [String]? = nil
    ) -> [FormField] {
        spec.fields.filter { $0.writable && (names?.contains($0.name) ?? true) && !isJSON($0) }.map { field in
            let value = values[field.name] ?? ""
            var control = "input", type = "text", step: String? = nil
            var choices: [FormField.Option] = []
            switch field.kind {
            case .text(let max) where max > 300: control = "textarea"
            case .email: type = "email"
            case .phone: type = "tel"
            case .url: type = "url"
            case .integer, .percent: type = "number"; step = "1"
            case .money: type = "number"; step = "0.01"
            case .coordinate: type = "number"; step = "0.000001"
            case .day: type = "date"
            case .instant: type = "datetime-local"
            case .bool:
                control = "select"
                choices = [
                    .init(value: "", label: "—"), .init(value: "true", label: "Yes"),
                    .init(value: "false", label: "No"),
                ]
            case .choice(let raw):
                control = "select"
                choices =
                    (field.required ? [] : [.init(value: "", label: "—")])
                    + raw.map { .init(value: $0, label: FieldLabel.value($0)) }
            case .reference:
                control = "select"
                choices = [.init(value: "", label: "—")] + (options[field.name] ?? [])
            default: break
            }
            return FormField(
                name: field.name, label: FieldLabel.of(field.name), control: control, inputType: type, step: step,
                value: value,
                options: choices.map {
                    var option = $0; option.selected = option.value == value; return option
                },
                error: errors[field.name],
                required: field.required && field.defaultValue.isNull && field.whenEmpty == nil,
                hint: field.whenEmpty ?? (field.name == spec.ownerField ? "Leave empty to keep it yourself." : nil))
        }
    }

    /// What a new row's form starts with: each field's default, so a required field that has
    /// one (a deal's currency) is not left blank for the person to guess.
    static func defaults(_ spec: RecordSpec) -> [String: String] {
        var values: [String: String] = [:]
        for field in spec.fields where field.writable && field.required && !field.defaultValue.isNull {
            if case .money = field.kind { continue }
            values[field.name] = text(field, field.defaultValue)
        }
        return values
    }

    /// Stored values as form text.
    static func text(of record: Record, spec: RecordSpec) -> [String: String] {
        var values: [String: String] = [:]
        for field in spec.fields { values[field.name] = text(field, record[field: field.name]) }
        return values
    }

    static func text(_ field: FieldSpec, _ value: FieldValue) -> String {
        switch (field.kind, value) {
        case (_, .null): ""
        case (.money, .int(let cents)): String(format: "%.2f", Double(cents) / 100)
        case (.coordinate, .int(let micro)): String(format: "%.6f", Double(micro) / 1_000_000)
        case (.instant, .date(let date)): PageDate.inputValue(date)
        case (_, .uuid(let id)): id.uuidString
        case (_, .bool(let flag)): flag ? "true" : "false"
        default: "\(value.json)"
        }
    }

    /// Parses the typed values of the writable fields present in the form.
    static func parse(
        _ form: [String: String], spec: RecordSpec
    ) -> (values: [String: FieldValue], errors: [String: String]) {
        var values: [String: FieldValue] = [:], errors: [String: String] = [:]
        for field in spec.fields where field.writable && !isJSON(field) {
            guard var text = form[field.name] else { continue }
            // A blank field that has a default takes it rather than failing as missing.
            if !field.defaultValue.isNull, text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            // datetime-local sends no zone: the time is in the person's own.
            if case .instant = field.kind, text.count == 16, text.dropFirst(10).first == "T",
                let date = PageDate.parseInput(text)
            {
                text = InternetTime.format(date)
            }
            do {
                values[field.name] = try field.parse(text: text)
            } catch let error as DomainError {
                errors[field.name] = error.reason
            } catch let error as FieldError {
                errors[field.name] = error.message
            } catch {
                errors[field.name] = "This value is not valid here."
            }
        }
        return (values, errors)
    }

    private static func isJSON(_ field: FieldSpec) -> Bool {
        if case .json = field.kind { return true }
        return false
    }

    /// Choices for every reference field: people the actor may assign to, and rows they may see.
    static func referenceOptions(
        _ spec: RecordSpec, actor: Actor, db: any Database
    ) async throws -> [String: [FormField.Option]] {
        var result: [String: [FormField.Option]] = [:]
        for field in spec.fields where field.writable {
            guard case .reference(let table) = field.kind else { continue }
            if table == User.schema {
                let users = try await User.query(on: db).filter(\.$isActive == true).sort(\.$name).all()
                let visible = AccessPolicy.visibleOwnerIDs(actor)
                result[field.name] = users.filter { user in visible.map { $0.contains(user.id!) } ?? true }
                    .map { .init(value: $0.id!.uuidString, label: $0.name) }
            } else if let target = RecordCatalog.spec(forTable: table) {
                let nameColumn = RecordDisplay.nameColumn(table)
                guard let nameField = target.fields.first(where: { $0.column == nameColumn }) else { continue }
                let query = try RecordListQuery(spec: target, sort: nameField.name, limit: 200)
                let rows = try await RecordLister(spec: target, db: db).page(query, actor: actor).items
                result[field.name] = rows.map {
                    .init(value: $0.id.uuidString, label: $0[field: nameField.name].text ?? "—")
                }
            }
        }
        return result
    }
}
