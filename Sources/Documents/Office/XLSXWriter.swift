/// Office Open XML workbooks: one worksheet per table, a bold header row, numbers as
/// numbers (money with two decimals) so they sum and chart in the spreadsheet.
public enum XLSXWriter {
    public static func workbook(_ tables: [DataTable]) -> [UInt8] {
        var zip = ZipArchive()
        for (name, text) in packageParts(sheetNames: sheetNames(tables.map(\.title))) { zip.add(name, text) }
        for (index, table) in tables.enumerated() { zip.add("xl/worksheets/sheet\(index + 1).xml", sheet(table)) }
        return zip.bytes
    }

    /// Every part of a workbook but its sheets: content types, relationships, the workbook
    /// and the styles (1: bold header; 2: money with thousands separators and two decimals).
    static func packageParts(sheetNames names: [String]) -> [(String, String)] {
        [
            (
                "[Content_Types].xml",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
                \(names.indices.map { "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())\
                </Types>
                """
            ),
            (
                "_rels/.rels",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
                </Relationships>
                """
            ),
            (
                "xl/workbook.xml",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
                \(names.enumerated().map { "<sheet name=\"\(SVGWriter.escape($1))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined())\
                </sheets></workbook>
                """
            ),
            (
                "xl/_rels/workbook.xml.rels",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                \(names.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined())\
                <Relationship Id="rId\(names.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
                </Relationships>
                """
            ),
            (
                "xl/styles.xml",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
                <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
                <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
                <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
                <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
                <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
                <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
                <xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
                </styleSheet>
                """
            ),
        ]
    }

    static func sheet(_ table: DataTable) -> String {
        var xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        let widths = table.header.indices.map { column in
            min(
                60,
                max(
                    10,
                    ([table.header[column]] + table.rows.map { column < $0.count ? $0[column].display : "" }).map(
                        \.count
                    ).max() ?? 10) + 2)
        }
        if !widths.isEmpty {
            xml +=
                "<cols>"
                + widths.enumerated().map {
                    "<col min=\"\($0 + 1)\" max=\"\($0 + 1)\" width=\"\($1)\" customWidth=\"1\"/>"
                }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        xml += row(1, table.header.map { DataTable.Cell.text($0) }, style: 1)
        for (index, cells) in table.rows.enumerated() { xml += row(index + 2, cells, style: 0) }
        return xml + "</sheetData></worksheet>"
    }

    static func row(_ number: Int, _ cells: [DataTable.Cell], style: Int) -> String {
        var xml = "<row r=\"\(number)\">"
        for (column, cell) in cells.enumerated() {
            let reference = columnName(column) + String(number)
            switch cell {
            case .text(let text):
                xml +=
                    "<c r=\"\(reference)\" t=\"inlineStr\"\(style > 0 ? " s=\"\(style)\"" : "")><is><t xml:space=\"preserve\">\(SVGWriter.escape(cleaned(text)))</t></is></c>"
            case .number(let value, let format):
                xml +=
                    "<c r=\"\(reference)\"\(format == .money ? " s=\"2\"" : "")><v>\(value.isFinite ? String(value) : "0")</v></c>"
            case .empty:
                continue
            }
        }
        return xml + "</row>"
    }

    /// "A", "B", … "Z", "AA", …
    static func columnName(_ index: Int) -> String {
        var index = index + 1, name = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            index = (index - 1) / 26
        }
        return name
    }

    /// Sheet names: at most 31 characters, none of []:*?/\ and unique.
    static func sheetNames(_ titles: [String]) -> [String] {
        var used: Set<String> = []
        return titles.enumerated().map { index, title in
            var name = String(title.filter { !"[]:*?/\\".contains($0) }.prefix(28))
            if name.isEmpty { name = "Sheet" }
            var candidate = name, counter = 2
            while used.contains(candidate.lowercased()) { candidate = "\(name) \(counter)"; counter += 1 }
            used.insert(candidate.lowercased())
            return candidate
        }
    }

    /// XML 1.0 cannot carry most control characters.
    private static func cleaned(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" }))
    }
}
