/// A grid of coloured cells, rows × columns, each with its value written in it.
public enum Heatmap {
    public struct Cell: Sendable, Equatable {
        public let value: Double?
        public let link: String?
        public let note: String?

        public init(value: Double?, link: String? = nil, note: String? = nil) {
            self.value = value
            self.link = link
            self.note = note
        }
    }

    public static func draw(
        title: String, rows: [String], columns: [String], cells: [[Cell]], format: ValueFormat,
        color: (Double) -> Color, width: Double = 640
    ) -> Drawing {
        let labelWidth = 110.0, rowHeight = 24.0, top = 22.0
        let height = top + rowHeight * Double(rows.count) + 8
        var drawing = Drawing(width: width, height: height, title: title)
        let cellWidth = (width - labelWidth - 4) / Double(max(columns.count, 1))
        let every = max(1, Int(36 / max(cellWidth, 1)) + 1)
        for (index, column) in columns.enumerated() where index % every == 0 {
            drawing.text(
                PlotArea.clip(column, to: Int(cellWidth * Double(every) / 6)),
                labelWidth + cellWidth * (Double(index) + 0.5), 14,
                anchor: .middle, size: 14, color: .muted)
        }
        for (rowIndex, row) in rows.enumerated() {
            let y = top + rowHeight * Double(rowIndex)
            drawing.text(PlotArea.clip(row, to: 17), labelWidth - 6, y + 16, anchor: .end, size: 14)
            for (columnIndex, cell) in cells[rowIndex].enumerated() {
                let x = labelWidth + cellWidth * Double(columnIndex)
                let fill = cell.value.map(color) ?? .grid
                let text = cell.value.map(format.full) ?? "no data"
                drawing.add(
                    .rect(x: x + 1, y: y + 1, width: cellWidth - 2, height: rowHeight - 2), fill: fill,
                    tooltip: "\(row), \(columns[columnIndex]): \(text)\(cell.note.map { " (\($0))" } ?? "")",
                    link: cell.link)
                if let value = cell.value, cellWidth >= 34 {
                    drawing.text(
                        format.short(value), x + cellWidth / 2, y + 16, anchor: .middle, size: 13, color: .white)
                }
            }
        }
        return drawing
    }
}
