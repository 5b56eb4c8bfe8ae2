import Documents
import Testing

@Suite("CSV reading")
struct CSVTableTests {
    @Test func quotesDelimitersAndLineEnds() throws {
        let table = try CSVTable(
            text: "\u{FEFF}name;note;amount\r\n\"Lima; Foods\";\"said \"\"hi\"\"\nthen left\";12\r\nAcme;;3\r\n")
        #expect(table.header == ["name", "note", "amount"])
        #expect(table.rows == [["Lima; Foods", "said \"hi\"\nthen left", "12"], ["Acme", "", "3"]])
    }

    @Test(arguments: [
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""), ("+1+cmd", "'+1+cmd"), ("-2-3", "'-2-3"),
        ("@SUM(A1)", "'@SUM(A1)"), ("\tTAB", "'\tTAB"), ("-12.5", "-12.5"), ("Acme", "Acme"),
    ])
    func formulasAreWrittenAsText(cell: String, written: String) {
        #expect(CSVTable.write(header: ["a"], rows: [[cell]]) == "a\r\n\(written)\r\n")
    }

    @Test func raggedAndUnterminatedAreErrors() {
        #expect(throws: CSVTable.ReadError.ragged(line: 3, expected: 2, found: 3)) {
            try CSVTable(text: "a,b\n1,2\n1,2,3\n")
        }
        #expect(throws: CSVTable.ReadError.unterminatedQuote(line: 2)) { try CSVTable(text: "a,b\n\"1,2\n") }
        #expect(throws: CSVTable.ReadError.empty) { try CSVTable(text: "") }
    }
}
