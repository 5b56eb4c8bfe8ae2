import Foundation

/// A PDF report written from scratch: A4 pages of headings, paragraphs, tables and vector
/// drawings (the same `Drawing` the SVG charts come from), flowing onto new pages as needed.
/// Uses the standard Helvetica fonts, so nothing is embedded.
public struct PDFReport: Sendable {
    static let pageWidth = 595.28, pageHeight = 841.89, margin = 40.0
    var contentWidth: Double { Self.pageWidth - 2 * Self.margin }

    public let title: String
    private var pages: [String] = []
    private var current = ""
    private var y = PDFReport.pageHeight - PDFReport.margin

    public init(title: String) {
        self.title = title
    }

    /// A heading; `keepingWith` is the height of what follows it, so a title is never left at
    /// the foot of a page with its chart or table on the next.
    public mutating func heading(_ text: String, size: Double = 16, keepingWith following: Double = 0) {
        ensureSpace(size + 14 + following)
        y -= size + 4
        write(text, x: Self.margin, y: y, size: size, bold: true)
        y -= 8
    }

    public mutating func paragraph(_ text: String, size: Double = 10, color: Color = .ink) {
        for line in wrap(text, width: contentWidth, size: size, bold: false) {
            ensureSpace(size + 4)
            y -= size + 3
            write(line, x: Self.margin, y: y, size: size, bold: false, color: color)
        }
        y -= 6
    }

    public mutating func table(_ table: DataTable, size: Double = 9) {
        let columns = max(table.header.count, 1)
        let natural = (0..<columns).map { column in
            let header = column < table.header.count ? table.header[column] : ""
            return max(
                HelveticaMetrics.width(header, size: size, bold: true),
                table.rows.map {
                    HelveticaMetrics.width(column < $0.count ? $0[column].display : "", size: size, bold: false)
                }
                .max() ?? 20)
        }
        let total = natural.reduce(0, +) + Double(columns) * 8
        let widths = natural.map { ($0 + 8) * min(1, contentWidth / max(total, 1)) }
        let rowHeight = size + 6
        func drawRow(_ cells: [DataTable.Cell], bold: Bool) {
            ensureSpace(rowHeight)
            y -= rowHeight
            var x = Self.margin
            for (column, width) in widths.enumerated() {
                let cell = column < cells.count ? cells[column] : .empty
                var text = cell.display
                while text.count > 1 && HelveticaMetrics.width(text, size: size, bold: bold) > width - 6 {
                    text = String(text.dropLast(2)) + "…"
                }
                if case .number = cell {
                    write(
                        text, x: x + width - 4 - HelveticaMetrics.width(text, size: size, bold: bold), y: y + 4,
                        size: size, bold: bold)
                } else {
                    write(text, x: x + 2, y: y + 4, size: size, bold: bold)
                }
                x += width
            }
            current += "0.9 0.91 0.92 RG 0.5 w \(n(Self.margin)) \(n(y)) m \(n(x)) \(n(y)) l S\n"
        }
        if !table.title.isEmpty {
            heading(table.title, size: 12, keepingWith: rowHeight * Double(min(table.rows.count, 3) + 1))
        }
        drawRow(table.header.map { .text($0) }, bold: true)
        for row in table.rows { drawRow(row, bold: false) }
        y -= 10
    }

    /// Draws a picture scaled to the page width (never enlarged past 1:1 for small ones).
    public mutating func drawing(_ drawing: Drawing) {
        let scale = min(contentWidth / drawing.width, 1)
        let height = drawing.height * scale
        if !drawing.title.isEmpty { heading(drawing.title, size: 12, keepingWith: height) }
        ensureSpace(height)
        let top = y
        func px(_ x: Double) -> Double { Self.margin + x * scale }
        func py(_ v: Double) -> Double { top - v * scale }
        for item in drawing.items {
            var ops = ""
            if let fill = item.fill { ops += "\(rgb(fill)) rg " }
            if let stroke = item.stroke { ops += "\(rgb(stroke)) RG \(n(item.strokeWidth * scale)) w " }
            let paint = item.fill != nil && item.stroke != nil ? "B" : item.fill != nil ? "f" : "S"
            switch item.shape {
            case .rect(let x, let ry, let width, let h):
                ops += "\(n(px(x))) \(n(py(ry + h))) \(n(max(width, 0) * scale)) \(n(max(h, 0) * scale)) re \(paint)"
            case .line(let a, let b):
                ops += "\(n(px(a.x))) \(n(py(a.y))) m \(n(px(b.x))) \(n(py(b.y))) l S"
            case .polyline(let points), .polygon(let points):
                guard let first = points.first else { continue }
                ops +=
                    "\(n(px(first.x))) \(n(py(first.y))) m "
                    + points.dropFirst().map { "\(n(px($0.x))) \(n(py($0.y))) l" }.joined(separator: " ")
                if case .polygon = item.shape { ops += " h \(paint)" } else { ops += " S" }
            case .circle(let centre, let radius):
                ops += circle(px(centre.x), py(centre.y), radius * scale) + " \(paint)"
            case .text(let string, let at, let anchor, let size, let bold):
                let scaled = size * scale, width = HelveticaMetrics.width(string, size: scaled, bold: bold)
                let x = anchor == .start ? px(at.x) : anchor == .middle ? px(at.x) - width / 2 : px(at.x) - width
                write(string, x: x, y: py(at.y), size: scaled, bold: bold, color: item.fill ?? .ink)
                continue
            case .image:
                continue
            }
            current += ops + "\n"
        }
        y = top - height - 10
    }

    public var bytes: [UInt8] {
        var pages = self.pages
        if !current.isEmpty || pages.isEmpty { pages.append(current) }
        var objects: [String] = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [\((0..<pages.count).map { "\(6 + 2 * $0) 0 R" }.joined(separator: " "))] /Count \(pages.count) >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
            "<< /Title \(Self.textString(title)) /Producer (SalesPulse) >>",
        ]
        for (index, page) in pages.enumerated() {
            let footer =
                "BT /F1 8 Tf 0.42 0.45 0.5 rg \(n(Self.margin)) 20 Td \(literal("\(title) · page \(index + 1) of \(pages.count)")) Tj ET\n"
            let stream = page + footer
            objects.append(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(n(Self.pageWidth)) \(n(Self.pageHeight))] "
                    + "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents \(7 + 2 * index) 0 R >>")
            objects.append("<< /Length \(Self.encode(stream).count) >>\nstream\n\(stream)endstream")
        }
        var out: [UInt8] = Array(
            "%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.count)
            out += Self.encode("\(index + 1) 0 obj\n\(object)\nendobj\n")
        }
        let xref = out.count
        var trailer = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { trailer += String(format: "%010d 00000 n \n", offset) }
        trailer += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R /Info 5 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return out + Self.encode(trailer)
    }

    // MARK: page flow and drawing operators

    private mutating func ensureSpace(_ height: Double) {
        if y - height < Self.margin + 16 {
            pages.append(current)
            current = ""
            y = Self.pageHeight - Self.margin
        }
    }

    private mutating func write(_ text: String, x: Double, y: Double, size: Double, bold: Bool, color: Color = .ink) {
        current +=
            "BT /\(bold ? "F2" : "F1") \(n(size)) Tf \(rgb(color)) rg \(n(x)) \(n(y)) Td \(literal(text)) Tj ET\n"
    }

    private func wrap(_ text: String, width: Double, size: Double, bold: Bool) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if HelveticaMetrics.width(candidate, size: size, bold: bold) > width, !line.isEmpty {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        return line.isEmpty ? lines : lines + [line]
    }

    private func circle(_ x: Double, _ y: Double, _ r: Double) -> String {
        let k = r * 0.5523
        return "\(n(x + r)) \(n(y)) m \(n(x + r)) \(n(y + k)) \(n(x + k)) \(n(y + r)) \(n(x)) \(n(y + r)) c "
            + "\(n(x - k)) \(n(y + r)) \(n(x - r)) \(n(y + k)) \(n(x - r)) \(n(y)) c "
            + "\(n(x - r)) \(n(y - k)) \(n(x - k)) \(n(y - r)) \(n(x)) \(n(y - r)) c "
            + "\(n(x + k)) \(n(y - r)) \(n(x + r)) \(n(y - k)) \(n(x + r)) \(n(y)) c h"
    }

    private func rgb(_ color: Color) -> String {
        [color.red, color.green, color.blue].map { n(Double($0) / 255) }.joined(separator: " ")
    }

    private func n(_ value: Double) -> String { String(format: "%.2f", value) }

    /// A PDF string literal in WinAnsi: backslash, parentheses escaped; characters outside
    /// the encoding become "?" when the content is encoded.
    private func literal(_ text: String) -> String {
        var out = "("
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "(", ")": out += "\\" + String(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + ")"
    }

    /// A text string for the document's information (its title): UTF-16BE with a byte order
    /// mark, as hex, so a viewer shows any character as written ("SalesPulse – Pipeline").
    static func textString(_ text: String) -> String {
        "<FEFF"
            + text.utf16.map { unit in
                let hex = String(unit, radix: 16, uppercase: true)
                return String(repeating: "0", count: 4 - hex.count) + hex
            }.joined() + ">"
    }

    /// Content is ASCII plus WinAnsi bytes; special punctuation maps to its WinAnsi code.
    static func encode(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x80, 0xA0...0xFF: bytes.append(UInt8(scalar.value))
            case 0x2026: bytes.append(0x85)
            case 0x2013: bytes.append(0x96)
            case 0x2014: bytes.append(0x97)
            case 0x2022: bytes.append(0x95)
            case 0x20AC: bytes.append(0x80)
            case 0x2019: bytes.append(0x92)
            case 0x00B7: bytes.append(0xB7)
            default: bytes.append(UInt8(ascii: "?"))
            }
        }
        return bytes
    }
}
