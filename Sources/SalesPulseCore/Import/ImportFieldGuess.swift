/// Guesses which field of a record type a column header means, from the spellings people use
/// in spreadsheets ("E-mail", "Phone number", "Company name", "Full name"), in English and a
/// few other languages.
public enum ImportFieldGuess {
    /// Header spellings per field, written as `key` forms: lower-case letters and digits only.
    static let synonyms: [String: [String]] = [
        "name": [
            "name", "fullname", "contactname", "leadname", "person", "contact", "clientname", "customername", "fio",
            "имя", "фио", "nombre", "nom",
        ],
        "firstName": ["firstname", "first", "givenname", "forename", "vorname", "prenom", "имя"],
        "lastName": ["lastname", "last", "surname", "familyname", "nachname", "nomdefamille", "фамилия"],
        "company": [
            "company", "companyname", "organisation", "organization", "org", "business", "employer", "firma", "empresa",
            "societe", "компания", "организация",
        ],
        "email": ["email", "emailaddress", "mail", "e", "correo", "почта", "электроннаяпочта"],
        "phone": [
            "phone", "phonenumber", "telephone", "tel", "mobile", "mobilephone", "cell", "cellphone", "telefon",
            "telefono", "телефон",
        ],
        "mobile": ["mobile", "mobilephone", "cell", "cellphone", "handy"],
        "source": ["source", "leadsource", "channel", "origin", "источник"],
        "status": ["status", "leadstatus", "stage", "статус"],
        "budget": ["budget", "dealsize", "expectedvalue", "бюджет"],
        "need": ["need", "needs", "requirement", "interest", "comment", "comments"],
        "timeline": ["timeline", "timeframe", "when"],
        "productInterest": ["productinterest", "product", "interestedin"],
        "ownerId": [
            "owner", "ownername", "owneremail", "rep", "salesrep", "assignedto", "manager", "responsible",
            "ответственный",
        ],
        "regionId": ["region", "territory", "area", "регион"],
        "segmentId": ["segment", "customersegment"],
        "industry": ["industry", "sector", "отрасль"],
        "website": ["website", "web", "url", "site", "homepage", "сайт"],
        "address": ["address", "streetaddress", "адрес"],
        "annualRevenue": ["annualrevenue", "revenue", "turnover"],
        "employees": ["employees", "headcount", "staff", "numberofemployees"],
        "type": ["type", "accounttype"],
        "title": ["title", "jobtitle", "position", "role", "должность"],
        "accountId": ["account", "accountname", "company", "companyname", "organisation", "organization"],
        "notes": ["notes", "note", "description", "заметки"],
        "authority": ["authority", "decisionmaker"],
    ]

    /// Lower-case letters and digits: "E-mail Address" → "emailaddress".
    public static func key(_ header: String) -> String {
        String(
            header.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(
                Character.init))
    }

    /// The best field for each header among `fields` (the type's writable fields plus
    /// "firstName"/"lastName" when it has a name), each field used once, first header first.
    /// `aliases` lets a type borrow another field's spellings: an account's name is its
    /// "company" (["name": "company"]).
    public static func guess(headers: [String], fields: [String], aliases: [String: String] = [:]) -> [String?] {
        var taken = Set<String>()
        return headers.map { header in
            let headerKey = key(header)
            let candidates = fields.filter { !taken.contains($0) }
            if let field = candidates.first(where: {
                aliases[$0].map { (synonyms[$0] ?? []).contains(headerKey) } ?? false
            }) {
                taken.insert(field)
                return field
            }
            let exact = candidates.first { key($0) == headerKey }
            let synonym = candidates.first { (synonyms[$0] ?? []).contains(headerKey) }
            let partial =
                headerKey.count >= 4
                ? candidates.first { field in
                    (synonyms[field] ?? [key(field)]).contains { $0.count >= 4 && headerKey.contains($0) }
                } : nil
            guard let field = exact ?? synonym ?? partial else { return nil }
            taken.insert(field)
            return field
        }
    }
}
