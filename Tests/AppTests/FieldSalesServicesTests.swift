@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

/// The outside services field sales can use, each played by a stand-in on loopback: a
/// Nominatim-style geocoder filling account coordinates, and an OSRM-style table service
/// giving road distances, with the estimate taking over when it fails.
@Suite("Field sales: geocoder and routing server")
struct FieldSalesServicesTests {
    @Test func anAddressIsGeocodedInTheBackgroundOneRequestASecond() async throws {
        // given a geocoder that knows one street and nothing else
        let geocoder = try await StandInServer { path, query in
            guard path == "/search" else { return (.notFound, "[]") }
            if query.contains("1 Lake Drive") {
                return (.ok, #"[{"lat":"41.8961","lon":"-87.6298","display_name":"1 Lake Drive, Chicago, Illinois"}]"#)
            }
            return (.ok, "[]")
        }
        try await withTestApp({ $0.geocoderURL = geocoder.url }) { app in
            let company = try await CRMCompany.make(app)
            // when two accounts are saved with addresses and the jobs run
            let found = try await company.create(
                .repA, "accounts", #"{"name":"Lakeside Foods","address":"1 Lake Drive, Chicago"}"#)
            let lost = try await company.create(.repA, "accounts", #"{"name":"Nowhere Ltd","address":"Unknown road"}"#)
            let typed = try await company.create(
                .repA, "accounts", #"{"name":"Typed","address":"2 Oak Avenue","latitude":40.1,"longitude":-80.2}"#)
            #expect(try await runDueJobs(app) >= 2)
            // a contact's own address is looked up the same way
            let contact = try await company.create(
                .repA, "contacts", #"{"name":"Dana Lake","address":"1 Lake Drive, Chicago"}"#)
            #expect(try await runDueJobs(app) >= 1)
            let person = try await company.call(.repA, .GET, "/api/v1/contacts/\(contact)").json()
            #expect(person["latitude"] as? Double == 41.8961 && person["locationMatch"] as? String != nil, "\(person)")
            // then the known address has coordinates and the match to confirm, the unknown says so
            let account = try await company.call(.repA, .GET, "/api/v1/accounts/\(found)").json()
            #expect(account["latitude"] as? Double == 41.8961 && account["longitude"] as? Double == -87.6298)
            #expect(account["locationMatch"] as? String == "1 Lake Drive, Chicago, Illinois")
            let other = try await company.call(.repA, .GET, "/api/v1/accounts/\(lost)").json()
            #expect(other["latitude"] is NSNull && (other["locationMatch"] as? String)?.contains("No place") == true)
            // typed coordinates are kept, and the geocoder was asked only twice, a second apart
            let kept = try await company.call(.repA, .GET, "/api/v1/accounts/\(typed)").json()
            #expect(kept["latitude"] as? Double == 40.1)
            let hits = geocoder.received
            #expect(hits.count == 3)
            if hits.count == 3 { #expect(hits[1].at.timeIntervalSince(hits[0].at) >= 0.9) }
            #expect(hits.allSatisfy { $0.query.contains("format=jsonv2") })
        }
        try await geocoder.stop()
    }

    @Test func importedAccountsAreGeocodedTooAndNothingIsQueuedWithoutAGeocoder() async throws {
        let geocoder = try await StandInServer { path, query in
            guard path == "/search", query.contains("1 Lake Drive") else { return (.ok, "[]") }
            return (.ok, #"[{"lat":"41.8961","lon":"-87.6298","display_name":"1 Lake Drive, Chicago, Illinois"}]"#)
        }
        try await withTestApp({ $0.geocoderURL = geocoder.url }) { app in
            let company = try await CRMCompany.make(app)
            // given an import of accounts, written many rows to a statement
            let csv = "name,address\nLakeside Foods,\"1 Lake Drive, Chicago\"\nNo Address Ltd,\n"
            let created = try await company.upload(.repA, Array(csv.utf8), type: "accounts", fileName: "accounts.csv")
            let id = try #require(created["id"] as? String)
            _ = try await company.runImport(.repA, id)
            _ = try await runDueJobs(app)
            // then the account with an address has its coordinates, and only it was looked up
            let row = try await app.db.sql.raw(
                "SELECT latitude, longitude FROM accounts WHERE name = 'Lakeside Foods'"
            ).first()
            #expect(
                try row?.decode(column: "latitude", as: Int64?.self) == 41_896_100, "kept in millionths of a degree")
            #expect(geocoder.received.count == 1)
        }
        try await geocoder.stop()
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            try await company.create(.repA, "accounts", #"{"name":"Lakeside Foods","address":"1 Lake Drive, Chicago"}"#)
            let queued = try await app.db.sql.raw(
                "SELECT COUNT(*) AS n FROM jobs WHERE kind = \(bind: GeocodeJob.kind)"
            ).first()
            #expect(try queued?.decode(column: "n", as: Int.self) == 0, "no geocoder, no job")
        }
    }

    @Test func roadDistancesComeFromTheRoutingServerAndItsFailureFallsBackToTheEstimate() async throws {
        // given a routing server where every road takes 600 s and 5 km, whatever the places
        let router = try await StandInServer { path, query in
            guard path.hasPrefix("/table/v1/driving/") else { return (.notFound, "{}") }
            let sources =
                query.components(separatedBy: "sources=").last?.components(separatedBy: "&").first?
                .split(separator: ";").count ?? 0
            let destinations =
                query.components(separatedBy: "destinations=").last?.components(separatedBy: "&")
                .first?.split(separator: ";").count ?? 0
            let row = { (value: Int) in
                "[" + Array(repeating: String(value), count: destinations).joined(separator: ",") + "]"
            }
            let durations = Array(repeating: row(600), count: sources).joined(separator: ",")
            let distances = Array(repeating: row(5000), count: sources).joined(separator: ",")
            return (.ok, #"{"code":"Ok","durations":[\#(durations)],"distances":[\#(distances)]}"#)
        }
        let broken = try await StandInServer { _, _ in (.internalServerError, #"{"code":"Error"}"#) }
        for (url, roads) in [(router.url, true), (broken.url, false), ("http://127.0.0.1:9", false)] {
            try await withTestApp({ $0.routerURL = url }) { app in
                let company = try await CRMCompany.make(app)
                var ids: [String] = []
                for (name, latitude) in [("North", 41.95), ("Middle", 41.90), ("South", 41.85)] {
                    ids.append(
                        try await company.create(
                            .repA, "accounts", #"{"name":"\#(name)","latitude":\#(latitude),"longitude":-87.63}"#))
                }
                // when a round trip from the first account is planned
                let response = try await company.call(
                    .repA, .POST, "/api/v1/routes/plan",
                    #"{"accountIds":["\#(ids[0])","\#(ids[1])","\#(ids[2])"],"start":{"accountId":"\#(ids[0])"}}"#)
                // then the plan answers either way, with road figures only from a working server
                #expect(response.status == .ok, "\(url): \(response.text)")
                let route = try response.json()
                #expect(route["distancesFrom"] as? String == (roads ? "roads" : "estimate"))
                if roads {
                    // four legs (out to the three and back), each 5 km and 10 minutes by the server
                    #expect(route["travelMinutes"] as? Int == 40 && route["totalKilometres"] as? Double == 20)
                } else {
                    // 0.2° of latitude there and back is 22.2 km straight, 28.9 km at the road factor of 1.3
                    #expect(route["totalKilometres"] as? Double == 28.9)
                }
            }
        }
        #expect(router.received.count == 1 && router.received[0].query.contains("annotations=duration,distance"))
        try await router.stop()
        try await broken.stop()
    }
}
