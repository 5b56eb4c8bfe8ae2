import Foundation
import Vapor

/// Getting an uploaded file onto local disk: a request body streamed to a temporary file, or
/// a spreadsheet fetched from a link (a Google Sheets link becomes its CSV export address).
enum ImportUpload {
    static let maxBytes = 512 << 20

    static func save(_ body: Request.Body) async throws -> String {
        let path = ImportFiles.temporaryPath("body")
        FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw DomainError.badRequest("No room to keep the upload.")
        }
        defer { try? handle.close() }
        var size = 0
        do {
            for try await var buffer in body {
                size += buffer.readableBytes
                guard size <= maxBytes else {
                    throw DomainError.badRequest("The file is larger than \(maxBytes >> 20) MB.")
                }
                if let bytes = buffer.readBytes(length: buffer.readableBytes) { try handle.write(contentsOf: bytes) }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        guard size > 0 else {
            try? FileManager.default.removeItem(atPath: path)
            throw DomainError.invalid(field: "file", "The file is empty.")
        }
        return path
    }

    /// A Google Sheets address as its CSV export; any other http(s) address as it is.
    static func downloadURL(_ text: String) throws -> URL {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
            let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = components.host, !host.isEmpty
        else {
            throw DomainError.invalid(field: "url", "Enter a web address starting with https://.")
        }
        if host == "docs.google.com", components.path.hasPrefix("/spreadsheets/d/") {
            let id =
                components.path.dropFirst("/spreadsheets/d/".count).split(separator: "/").first.map(String.init) ?? ""
            let gid =
                (components.fragment ?? "").split(separator: "&").first { $0.hasPrefix("gid=") }.map {
                    String($0.dropFirst(4))
                }
                ?? components.queryItems?.first { $0.name == "gid" }?.value
            var export = URLComponents()
            export.scheme = "https"
            export.host = host
            export.path = "/spreadsheets/d/\(id)/export"
            export.queryItems =
                [URLQueryItem(name: "format", value: "csv")]
                + (gid.map { [URLQueryItem(name: "gid", value: $0)] } ?? [])
            return export.url!
        }
        return components.url!
    }

    /// Fetches a spreadsheet from a link into a temporary file; returns its path and a file name.
    static func fetch(_ text: String, client: any Client) async throws -> (path: String, name: String) {
        let url = try downloadURL(text)
        let response: ClientResponse
        do {
            // A one-off download: no connection is kept for a next request.
            response = try await client.get(URI(string: url.absoluteString), headers: ["Connection": "close"]) {
                $0.timeout = .seconds(60)
            }
        } catch {
            throw DomainError.invalid(
                field: "url",
                "The spreadsheet could not be fetched from \(url.host ?? "that address"): \(error.localizedDescription)"
            )
        }
        guard response.status == .ok, var body = response.body, body.readableBytes > 0 else {
            throw DomainError.invalid(
                field: "url",
                "The address answered \(response.status.code) \(response.status.reasonPhrase); is the sheet shared with anyone who has the link?"
            )
        }
        guard body.readableBytes <= maxBytes else {
            throw DomainError.invalid(field: "url", "The file is larger than \(maxBytes >> 20) MB.")
        }
        let path = ImportFiles.temporaryPath("download")
        FileManager.default.createFile(atPath: path, contents: Data(body.readBytes(length: body.readableBytes) ?? []))
        let last = url.lastPathComponent
        return (
            path,
            url.host == "docs.google.com" ? "Google Sheet.csv" : (last.isEmpty || last == "/" ? "download.csv" : last)
        )
    }
}
