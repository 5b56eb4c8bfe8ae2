import Foundation
import SalesPulseCore

/// What a field holds, which decides how it is validated, stored, filtered and shown.
enum FieldKind: Sendable {
    /// Free text up to a length.
    case text(max: Int)
    case email
    case phone
    case url
    /// A whole number in a range.
    case integer(ClosedRange<Int64>)
    /// Money: a decimal number in the API, whole cents in the database.
    case money
    /// 0–100.
    case percent
    /// A calendar day, "YYYY-MM-DD", stored as that text so it sorts and compares the same everywhere.
    case day
    /// An instant, ISO 8601 in the API.
    case instant
    case bool
    /// One of a fixed list (a `Vocabulary`).
    case choice([String])
    /// The id of a row in another table; checked to exist.
    case reference(table: String)
    /// A latitude or longitude in millionths of a degree.
    case coordinate(ClosedRange<Double>)
    /// JSON kept as text (custom fields, score factors).
    case json
}

/// One field of a record type: its API name, column, kind and what clients may do with it.
struct FieldSpec: Sendable {
    let name: String
    let column: String
    let kind: FieldKind
    /// Must be present (non-null) on create.
    var required = false
    /// Clients may set it (otherwise only the system does).
    var writable = true
    /// May be used as ?name= (or ?nameFrom=&nameTo= for ranges) in lists.
    var filterable = false
    /// May be used as ?sort=name / -name in lists: every plain value can, ids and JSON cannot.
    var sortable = false
    /// Value used on create when the client sends none.
    var defaultValue: FieldValue = .null
    /// What the type's rules put in a field left empty, in words for the form ("the stage's
    /// usual probability"); such a field is required of the record, not of the person.
    var whenEmpty: String?

    init(
        _ name: String, _ kind: FieldKind, column: String? = nil, required: Bool = false, writable: Bool = true,
        filterable: Bool = false, sortable: Bool? = nil, default defaultValue: FieldValue = .null
    ) {
        self.name = name
        self.column = column ?? FieldSpec.snakeCase(name)
        self.kind = kind
        self.required = required
        self.writable = writable
        self.filterable = filterable
        self.sortable = sortable ?? FieldSpec.isPlainValue(kind)
        self.defaultValue = defaultValue
    }

    func filled(whenEmpty hint: String) -> FieldSpec {
        var copy = self
        copy.whenEmpty = hint
        return copy
    }

    static func snakeCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }

    static func isPlainValue(_ kind: FieldKind) -> Bool {
        switch kind {
        case .json, .reference, .coordinate: false
        default: true
        }
    }

    var isRange: Bool {
        switch kind {
        case .integer, .money, .percent, .day, .instant: true
        default: false
        }
    }
}

extension FieldSpec {
    static func choice<V: Vocabulary>(
        _ name: String, _ type: V.Type, required: Bool = false, filterable: Bool = true,
        sortable: Bool = true, default value: V? = nil
    ) -> FieldSpec {
        FieldSpec(
            name, .choice(V.allCases.map(\.rawValue)), required: required, filterable: filterable, sortable: sortable,
            default: value.map { .text($0.rawValue) } ?? .null)
    }

    static func reference(_ name: String, _ table: String, required: Bool = false, filterable: Bool = true) -> FieldSpec
    {
        FieldSpec(name, .reference(table: table), required: required, filterable: filterable)
    }
}
