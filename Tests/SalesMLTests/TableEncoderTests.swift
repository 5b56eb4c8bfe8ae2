@testable import SalesML
import Testing

@Suite("Table encoding")
struct TableEncoderTests {
    let header = ["region", "calls", "won"]
    let rows = [["north", "10", "yes"], ["south", "", "no"], ["north", "30", "no"], ["east", "20", "Yes"]]

    @Test func detectsColumnsImputesAndOneHotEncodes() throws {
        let encoder = try TableEncoder(header: header, rows: rows, target: "won")
        #expect(
            encoder.featureNames == ["region=east", "region=north", "region=south", "calls"]
                || encoder.featureNames == ["calls", "region=east", "region=north", "region=south"]
                || encoder.featureNames == ["region=east", "region=north", "region=south", "calls"])
        let data = try encoder.dataset(header: header, rows: rows, target: "won")
        #expect(data.labels == [1, 0, 0, 1])
        let calls = encoder.featureNames.firstIndex(of: "calls")!
        #expect(data.value(1, calls) == 20)
        #expect(data.value(0, encoder.featureNames.firstIndex(of: "region=north")!) == 1)
    }

    @Test func ordinalAndNamedPositive() throws {
        let encoder = try TableEncoder(header: header, rows: rows, target: "won", encoding: .ordinal)
        #expect(encoder.featureNames == ["region", "calls"])
        let data = try encoder.dataset(header: header, rows: rows, target: "won", positive: "no")
        #expect(data.labels == [0, 1, 1, 0])
    }

    @Test func clearErrors() {
        #expect(throws: TableEncoder.EncodingError.self) {
            try TableEncoder(header: header, rows: rows, target: "missing")
        }
        let oneClass = rows.map { [$0[0], $0[1], "no"] }
        #expect(throws: TableEncoder.EncodingError.self) {
            try TableEncoder(header: header, rows: oneClass, target: "won").dataset(
                header: header, rows: oneClass, target: "won")
        }
    }
}
