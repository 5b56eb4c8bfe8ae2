@testable import Documents
import Foundation
import Testing

@Suite struct DOCXDocumentTests {
    static func sample() -> DOCXDocument {
        var document = DOCXDocument(title: "Sales report – October 2026")
        document.heading("Sales report – October 2026", level: 0)
        document.paragraph("North & South, compared with September 2026", style: .muted)
        document.heading("Key numbers")
        document.paragraph("Revenue rose 12% – mostly from referrals.")
        document.paragraph("Review the 3 stalled deals.", style: .bullet)
        document.table(
            DataTable(
                title: "Revenue by region", header: ["Region", "Revenue"],
                rows: [[.text("North <East>"), .number(12345.5, .money)], [.text("South\u{1}"), .number(0, .money)]]))
        document.drawing(
            BarChart.draw(
                ChartData(
                    title: "Revenue by month", categories: ["Sep", "Oct"],
                    series: [.init(name: "Revenue", values: [10, 20], links: ["/sales?x=1", nil])], format: .money)))
        return document
    }

    @Test func packageHoldsTheDocumentStylesAndTheChartWithoutLinks() throws {
        let bytes = Self.sample().bytes
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("word/document.xml") && text.contains("word/styles.xml"))
        #expect(text.contains("word/media/chart1.svg") && text.contains("word/media/chart1.png"))
        #expect(text.contains("<asvg:svgBlip"), "Word 2016 and later draw the SVG, older readers the PNG")
        #expect(text.contains("North &lt;East&gt;"))
        #expect(!text.contains("South\u{1}"), "control characters are dropped")
        #expect(!text.contains("/sales?x=1"), "links inside a picture go nowhere in a file")
        #expect(text.contains("<w:pStyle w:val=\"Heading1\"/>"))
    }

    @Test func libreOfficeAndPythonDocxReadIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docx-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.docx")
        try Data(Self.sample().bytes).write(to: file)

        let python = """
            import docx, sys
            d = docx.Document(sys.argv[1])
            print(d.core_properties.title)
            for p in d.paragraphs: print(p.style.name, '|', p.text)
            for t in d.tables:
                for r in t.rows: print(' ; '.join(c.text for c in r.cells))
            print('pictures', len(d.inline_shapes))
            import zipfile, zlib, struct
            png = zipfile.ZipFile(sys.argv[1]).read('word/media/chart1.png')
            width, height = struct.unpack('>II', png[16:24])
            idat = b''.join(png[i + 8:i + 8 + struct.unpack('>I', png[i:i + 4])[0]] for i in [png.index(b'IDAT') - 4])
            pixels = zlib.decompress(idat)
            print('png', width, height, len(pixels) == (width * 3 + 1) * height, bytes([0x25, 0x63, 0xeb]) in pixels)
            """
        let hasDocx = try run("/usr/bin/env", ["python3", "-c", "import docx"]).status == 0
        if hasDocx {
            let read = try run("/usr/bin/env", ["python3", "-c", python, file.path])
            #expect(read.status == 0, "\(read.output)")
            #expect(read.output.contains("Sales report – October 2026"))
            #expect(read.output.contains("Heading 1 | Key numbers"))
            #expect(read.output.contains("Title | Sales report – October 2026"))
            #expect(read.output.contains("North <East> ; $12,345.50"))
            #expect(read.output.contains("pictures 1"))
            #expect(read.output.contains("True True"), "the PNG decodes, and shows the bars: \(read.output)")
        } else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI installs python-docx")
        }

        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/libreoffice") else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI installs LibreOffice")
            return
        }
        let converted = try run(
            "/usr/bin/libreoffice",
            [
                "--headless", "-env:UserInstallation=file://\(folder.path)/profile", "--convert-to", "pdf", "--outdir",
                folder.path, file.path,
            ])
        #expect(converted.status == 0, "\(converted.output)")
        let text = try run("/usr/bin/pdftotext", [folder.appendingPathComponent("report.pdf").path, "-"])
        #expect(text.output.contains("Key numbers"), "\(text.output)")
        #expect(text.output.contains("Revenue by region"))
        #expect(text.output.contains("$12,345.50"))
    }

    private func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
