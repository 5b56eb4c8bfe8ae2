/// A Word document written from scratch: headings, paragraphs, bullet points, tables and
/// charts, on A4 with the styles Word and LibreOffice name as their own ("Title", "Heading
/// 1"…), so the outline and the table of contents work there. Charts are embedded as SVG
/// pictures, each followed by its figures as a table in the report builders.
public struct DOCXDocument: Sendable {
    public enum Style: String, Sendable {
        case body = "Normal"
        case muted = "Subtle"
        case bullet = "ListBullet"
    }

    public let title: String
    private var body = ""
    private var pictures: [(svg: String, png: [UInt8])] = []

    public init(title: String) {
        self.title = title
    }

    /// Level 0 is the document's title; 1–3 are its headings.
    public mutating func heading(_ text: String, level: Int = 1) {
        let style = level <= 0 ? "Title" : "Heading\(min(level, 3))"
        body += "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/></w:pPr>\(run(text))</w:p>"
    }

    public mutating func paragraph(_ text: String, style: Style = .body) {
        let properties = style == .body ? "" : "<w:pPr><w:pStyle w:val=\"\(style.rawValue)\"/></w:pPr>"
        let marker = style == .bullet ? "• " : ""
        body += "<w:p>\(properties)\(run(marker + text))</w:p>"
    }

    /// A table with a bold header row repeated on every page; numbers right-aligned.
    public mutating func table(_ table: DataTable) {
        if !table.title.isEmpty { heading(table.title, level: 3) }
        let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0, 1)
        var xml =
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
            + "<w:tblLook w:val=\"0020\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
        xml += String(repeating: "<w:gridCol w:w=\"\(9000 / columns)\"/>", count: columns)
        xml += "</w:tblGrid>"
        func row(_ cells: [DataTable.Cell], header: Bool) -> String {
            var out = "<w:tr>" + (header ? "<w:trPr><w:tblHeader/></w:trPr>" : "")
            for column in 0..<columns {
                let cell = column < cells.count ? cells[column] : .empty
                var paragraph = ""
                if case .number = cell { paragraph = "<w:pPr><w:jc w:val=\"right\"/></w:pPr>" }
                out +=
                    "<w:tc><w:tcPr><w:tcW w:w=\"\(9000 / columns)\" w:type=\"dxa\"/></w:tcPr><w:p>\(paragraph)\(run(cell.display, bold: header))</w:p></w:tc>"
            }
            return out + "</w:tr>"
        }
        xml += row(table.header.map { .text($0) }, header: true)
        for cells in table.rows { xml += row(cells, header: false) }
        body += xml + "</w:tbl><w:p/>"
    }

    /// A chart or other picture, scaled to the text width, with its title as the picture's
    /// description for screen readers.
    public mutating func drawing(_ drawing: Drawing) {
        if !drawing.title.isEmpty { heading(drawing.title, level: 3) }
        var unlinked = Drawing(width: drawing.width, height: drawing.height, title: drawing.title)
        for item in drawing.items {
            var copy = item
            copy.link = nil
            unlinked.add(copy)
        }
        // Word draws the SVG; versions before 2016, and other readers, the PNG beside it.
        pictures.append((SVGWriter.svg(unlinked, standalone: true), (try? PNGWriter.png(unlinked, scale: 2)) ?? []))
        let number = pictures.count
        let scale = min(Self.textWidthPoints / max(drawing.width, 1), 1)
        let width = Int(drawing.width * scale * 12_700), height = Int(drawing.height * scale * 12_700)
        let name = Self.escape(drawing.title)
        body +=
            "<w:p><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"\(width)\" cy=\"\(height)\"/>"
            + "<wp:docPr id=\"\(number)\" name=\"Chart \(number)\" descr=\"\(name)\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
            + "<pic:pic><pic:nvPicPr><pic:cNvPr id=\"\(number)\" name=\"chart\(number).png\"/><pic:cNvPicPr/></pic:nvPicPr>"
            + "<pic:blipFill><a:blip r:embed=\"rIdChart\(number)\"><a:extLst><a:ext uri=\"{96DAC541-7B7A-43D3-8B79-37D633B846F1}\">"
            + "<asvg:svgBlip xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/SVG/main\" r:embed=\"rIdChartSVG\(number)\"/>"
            + "</a:ext></a:extLst></a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
            + "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"\(width)\" cy=\"\(height)\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>"
            + "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    }

    public var bytes: [UInt8] {
        var zip = ZipArchive()
        for (name, text) in DOCXParts.package(title: title, pictureCount: pictures.count) { zip.add(name, text) }
        zip.add("word/document.xml", DOCXParts.document(body: body))
        for (index, picture) in pictures.enumerated() {
            zip.add("word/media/chart\(index + 1).svg", picture.svg)
            zip.add("word/media/chart\(index + 1).png", picture.png)
        }
        return zip.bytes
    }

    /// A4 less 2 cm margins each side.
    static let textWidthPoints = 595.28 - 2 * 56.7

    private func run(_ text: String, bold: Bool = false) -> String {
        "<w:r>\(bold ? "<w:rPr><w:b/></w:rPr>" : "")<w:t xml:space=\"preserve\">\(Self.escape(text))</w:t></w:r>"
    }

    /// XML text: markup characters escaped and the control characters XML 1.0 forbids
    /// dropped, so a stray byte in a record's name cannot make the file unreadable.
    static func escape(_ text: String) -> String {
        let allowed = String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" }))
        return SVGWriter.escape(allowed)
    }
}
