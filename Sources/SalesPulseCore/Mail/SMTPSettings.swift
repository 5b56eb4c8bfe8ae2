import Foundation

/// Where mail goes, read from `SMTP_URL`: `smtp://user:pass@host:587?starttls=true`,
/// `smtps://host:465` for TLS from the first byte, `smtp://host:25` for plain. Options:
/// `starttls=true|false`, `ca_file=/path.pem` (trust this certificate authority too),
/// `verify=false` (accept any certificate; for a test server only), `helo=name`.
public struct SMTPSettings: Sendable, Equatable {
    public enum Security: String, Sendable, Equatable { case plain, startTLS, implicitTLS }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    public var caFile: String?
    public var verifyCertificates: Bool
    public var heloName: String

    public init(url text: String) throws {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
            ["smtp", "smtps"].contains(scheme),
            let host = url.host, !host.isEmpty
        else {
            throw FieldError(
                field: "SMTP_URL",
                message:
                    "SMTP_URL must look like smtp://user:password@host:587?starttls=true (or smtps:// for TLS on connect)."
            )
        }
        let options = Dictionary(
            (url.queryItems ?? []).map { ($0.name.lowercased(), $0.value ?? "") }, uniquingKeysWith: { $1 })
        func flag(_ name: String) throws -> Bool? {
            guard let value = options[name] else { return nil }
            switch value.lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            default:
                throw FieldError(
                    field: "SMTP_URL", message: "SMTP_URL option \(name) must be true or false, not \(value).")
            }
        }
        self.host = host
        if scheme == "smtps" {
            security = .implicitTLS
        } else {
            security = try flag("starttls") ?? (url.port == 587) ? .startTLS : .plain
        }
        port = url.port ?? (security == .implicitTLS ? 465 : security == .startTLS ? 587 : 25)
        username = url.user.map { $0.removingPercentEncoding ?? $0 }
        password = url.password.map { $0.removingPercentEncoding ?? $0 }
        caFile = options["ca_file"].flatMap { $0.isEmpty ? nil : $0 }
        verifyCertificates = try flag("verify") ?? true
        heloName = options["helo"].flatMap { $0.isEmpty ? nil : $0 } ?? "salespulse.localhost"
    }
}
