import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Fills an account's coordinates from its address through a Nominatim-compatible search API
/// (`GEOCODER_URL`), in the background, a second at least between an answer and the next
/// request, as such services ask.
/// The place the service matched is kept beside the coordinates so a person can confirm it.
enum GeocodeJob {
    static let kind = "geocode.place"

    struct Payload: Codable, Sendable {
        let table: String
        let id: UUID
    }

    /// The shortest gap between the geocoder's answer and the next request.
    static let spacing: TimeInterval = 1
    private static let lastRequest = NIOLockedValueBox<Date?>(nil)

    /// A new or changed address without coordinates is looked up, when a geocoder is set.
    static func afterSave(table: String, id: UUID, _ change: RecordChange, context: RecordContext) async throws {
        guard context.geocodes, change.changed(.address), !(change[.address].text ?? "").isEmpty,
            !change.changed(.latitude), !change.changed(.longitude)
        else { return }
        try await enqueue(table: table, id: id, context: context)
    }

    /// Imported rows are looked up the same way, one job each.
    static func afterCreatingBatch(
        table: String, _ rows: [(id: UUID, values: [String: FieldValue])], context: RecordContext
    ) async throws {
        guard context.geocodes else { return }
        for row in rows where !(row.values["address"]?.text ?? "").isEmpty {
            guard (row.values["latitude"] ?? .null) == .null, (row.values["longitude"] ?? .null) == .null else {
                continue
            }
            try await enqueue(table: table, id: row.id, context: context)
        }
    }

    static func enqueue(table: String, id: UUID, context: RecordContext) async throws {
        _ = try await JobQueue(db: context.db).enqueue(
            kind, payload: Payload(table: table, id: id), maxAttempts: 5, now: context.now)
    }

    static func register(_ app: Application) {
        app.jobHandlers.register(kind) { context in
            guard let base = context.app.settings.geocoderURL else { return }
            let payload = try context.payload(Payload.self)
            guard ["accounts", "contacts"].contains(payload.table) else {
                throw PermanentJobError(description: "Nothing to geocode in \(payload.table).")
            }
            let sql = context.app.db.sql
            struct Row: Decodable { let address: String? }
            guard
                let address = try await sql.select().column("address").from(payload.table)
                    .where("id", .equal, SQLBind(payload.id)).first(decoding: Row.self)?.address,
                !address.isEmpty
            else { return }
            try await waitForTurn()
            // The gap runs from the answer, so requests never reach the service closer than that.
            let match: Match?
            do {
                match = try await search(address, base: base, client: context.app.client)
                lastRequest.withLockedValue { $0 = Date() }
            } catch {
                lastRequest.withLockedValue { $0 = Date() }
                throw error
            }
            let update = sql.update(payload.table)
            if let match {
                update.set("latitude", to: SQLBind(Int64((match.latitude * 1_000_000).rounded())))
                    .set("longitude", to: SQLBind(Int64((match.longitude * 1_000_000).rounded())))
                    .set("location_match", to: SQLBind(match.name))
            } else {
                update.set("location_match", to: SQLBind("No place found for this address"))
            }
            try await update.where("id", .equal, SQLBind(payload.id)).run()
        }
    }

    struct Match: Equatable {
        let latitude: Double
        let longitude: Double
        let name: String
    }

    static func search(_ address: String, base: String, client: any Client) async throws -> Match? {
        var url = URLComponents(string: base.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/search")
        url?.queryItems = [
            URLQueryItem(name: "q", value: address), URLQueryItem(name: "format", value: "jsonv2"),
            URLQueryItem(name: "limit", value: "1"),
        ]
        guard let text = url?.string else { throw PermanentJobError(description: "GEOCODER_URL is not a web address.") }
        let response = try await client.get(URI(string: text), headers: ["User-Agent": "SalesPulse CRM"]) {
            $0.timeout = .seconds(10)
        }
        guard response.status == .ok else {
            throw Abort(.badGateway, reason: "The geocoder answered \(response.status.code).")
        }
        struct Place: Decodable {
            let lat: String
            let lon: String
            let display_name: String?
        }
        guard let place = try response.content.decode([Place].self, using: JSONDecoder()).first,
            let latitude = Double(place.lat), let longitude = Double(place.lon),
            (-90...90).contains(latitude), (-180...180).contains(longitude)
        else { return nil }
        return Match(latitude: latitude, longitude: longitude, name: place.display_name ?? address)
    }

    /// Sleeps until a second has passed since the last request, then claims the slot.
    private static func waitForTurn() async throws {
        while true {
            let wait = lastRequest.withLockedValue { last -> TimeInterval in
                let now = Date()
                let due = last.map { $0.addingTimeInterval(spacing) } ?? now
                if due <= now {
                    last = now
                    return 0
                }
                return due.timeIntervalSince(now)
            }
            if wait == 0 { return }
            try await Task.sleep(for: .milliseconds(Int(wait * 1000) + 1))
        }
    }
}
