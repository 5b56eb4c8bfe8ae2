@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

/// Drives imports through the API as a person would: upload, choose, check, start, run the
/// worker, read the result.
extension CRMCompany {
    func upload(
        _ person: Person, _ bytes: [UInt8], type: String = "leads", fileName: String = "people.csv",
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let response = try await uploadResponse(person, bytes, type: type, fileName: fileName)
        #expect(response.status == .created, "\(response.text)", sourceLocation: sourceLocation)
        return try response.json()
    }

    func uploadResponse(
        _ person: Person, _ bytes: [UInt8], type: String = "leads", fileName: String = "people.csv"
    ) async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/octet-stream"]
        if let token = tokens[person] { headers.add(name: "Authorization", value: "Bearer \(token)") }
        return try await app.testing().sendRequest(
            .POST, "/api/v1/imports?type=\(type)&fileName=\(fileName)", headers: headers,
            body: ByteBuffer(bytes: bytes))
    }

    /// Starts an import, runs the worker until it is done and returns the finished import.
    func runImport(
        _ person: Person, _ id: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let started = try await call(person, .POST, "/api/v1/imports/\(id)/start")
        #expect(started.status == .accepted, "\(started.text)", sourceLocation: sourceLocation)
        _ = try await runDueJobs(app)
        let finished = try await call(person, .GET, "/api/v1/imports/\(id)")
        return try finished.json()
    }

    /// Names of the leads stored, sorted.
    func leadNames() async throws -> [String] {
        try await app.db.sql.raw("SELECT name FROM leads ORDER BY name").all().map {
            try $0.decode(column: "name", as: String.self)
        }
    }
}

func counts(_ item: [String: Any]) -> [String: Int] {
    (item["counts"] as? [String: Any] ?? [:]).compactMapValues { $0 as? Int }
}

/// Bytes of text in Windows-1252, for the messy files people export from old spreadsheets.
func windows1252(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { scalar in
        switch scalar.value {
        case 0..<0x80, 0xA0...0xFF: UInt8(scalar.value)
        case 0x20AC: 0x80
        default: UInt8(ascii: "?")
        }
    }
}
