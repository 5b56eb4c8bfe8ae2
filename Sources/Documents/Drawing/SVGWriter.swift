/// Renders a drawing as an SVG document that scales to its container, with an accessible
/// name, hover titles and links on the marks.
public enum SVGWriter {
    public static func svg(_ drawing: Drawing, standalone: Bool = false) -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\""
        if standalone {
            out +=
                " xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"\(number(drawing.width))\" height=\"\(number(drawing.height))\""
        }
        out +=
            " viewBox=\"0 0 \(number(drawing.width)) \(number(drawing.height))\" role=\"img\" aria-label=\"\(escape(drawing.title))\""
        out +=
            " class=\"chart\" font-family=\"system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif\">"
        out += "<title>\(escape(drawing.title))</title>"
        for item in drawing.items {
            let inner = item.tooltip.map { "<title>\(escape($0))</title>" } ?? ""
            var element = open(item)
            if case .text(let string, _, _, _, _) = item.shape {
                element += ">\(inner)\(escape(string))</text>"
            } else {
                element += inner.isEmpty ? "/>" : ">\(inner)</\(tag(item.shape))>"
            }
            if let link = item.link { element = "<a href=\"\(escape(link))\">\(element)</a>" }
            out += element
        }
        return out + "</svg>"
    }

    private static func tag(_ shape: Drawing.Shape) -> String {
        switch shape {
        case .rect: "rect"
        case .line: "line"
        case .polyline: "polyline"
        case .polygon: "polygon"
        case .circle: "circle"
        case .text: "text"
        case .image: "image"
        }
    }

    /// The opening tag without its closing bracket.
    private static func open(_ item: Drawing.Item) -> String {
        let paint =
            " fill=\"\(item.fill?.hex ?? "none")\""
            + (item.stroke.map { " stroke=\"\($0.hex)\" stroke-width=\"\(number(item.strokeWidth))\"" } ?? "")
        switch item.shape {
        case .rect(let x, let y, let width, let height):
            return
                "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(max(width, 0)))\" height=\"\(number(max(height, 0)))\"\(paint)"
        case .line(let a, let b):
            return
                "<line x1=\"\(number(a.x))\" y1=\"\(number(a.y))\" x2=\"\(number(b.x))\" y2=\"\(number(b.y))\"\(paint)"
        case .polyline(let points):
            return "<polyline points=\"\(list(points))\"\(paint) stroke-linejoin=\"round\""
        case .polygon(let points):
            return "<polygon points=\"\(list(points))\"\(paint)"
        case .circle(let center, let radius):
            return "<circle cx=\"\(number(center.x))\" cy=\"\(number(center.y))\" r=\"\(number(radius))\"\(paint)"
        case .text(_, let at, let anchor, let size, let bold):
            return
                "<text x=\"\(number(at.x))\" y=\"\(number(at.y))\" text-anchor=\"\(anchor.rawValue)\" font-size=\"\(number(size))\""
                + (bold ? " font-weight=\"bold\"" : "") + paint
        case .image(let href, let x, let y, let width, let height):
            return
                "<image href=\"\(escape(href))\" x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(width))\" height=\"\(number(height))\" preserveAspectRatio=\"none\""
        }
    }

    private static func list(_ points: [Drawing.Point]) -> String {
        points.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
