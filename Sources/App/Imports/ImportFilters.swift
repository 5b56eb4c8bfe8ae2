import SQLKit

/// List filters for the records one import created or updated, so an import's result opens
/// exactly the records it counts.
enum ImportFilters {
    static func related(for path: String) -> [FactFilters.Related] {
        [ImportOutcome.created, .updated].map { outcome in
            let name = outcome == .created ? "importCreated" : "importUpdated"
            return FactFilters.Related(name: name, description: "records this import \(outcome.rawValue)") { raw in
                let importID = try FactFilters.id(raw, name)
                return """
                    \(ident: path).\(ident: "id") IN (SELECT \(ident: "record_id") FROM \(ident: "import_rows")
                    WHERE \(ident: "import_id") = \(bind: importID) AND \(ident: "outcome") = \(bind: outcome.rawValue))
                    """
            }
        }
    }
}
