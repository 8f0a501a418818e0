/// Hand-written SVG charts (no scripts, fixed sizes, integer coordinates): they open in any
/// browser and are byte-identical for the same data.
enum SVGCharts {
    static let customerColor = "#2563eb"
    static let teamColor = "#f59e0b"

    static func files(_ model: ReportModel) -> [ReportFile] {
        let s = ReportStrings(language: model.options.language)
        return [
            ReportFile(name: "volume.svg", contents: volume(model, s)),
            ReportFile(name: "heatmap.svg", contents: heatmap(model, s)),
            ReportFile(name: "topics.svg", contents: topics(model, s)),
        ]
    }

    static func header(_ width: Int, _ height: Int, _ title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" "
            + "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n<title>\(xml(title))</title>\n"
            + "<rect width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
    }

    static func volume(_ model: ReportModel, _ s: ReportStrings) -> String {
        let rows = model.volume
        let width = 760
        let height = 320
        let left = 56
        let right = 16
        let top = 40
        let bottom = 70
        let plotW = width - left - right
        let plotH = height - top - bottom
        let maxValue = max(1, rows.map { max($0.metrics.customerMessages, $0.metrics.teamReplies) }.max() ?? 1)
        let scaleMax = niceCeiling(maxValue)
        var svg = header(width, height, s.volume)
        svg += "<text x=\"\(left)\" y=\"20\" font-size=\"14\" font-weight=\"bold\">\(xml(s.volume))</text>\n"
        svg += legend(
            x: width - 330, y: 14,
            [(customerColor, s.kpiName("customer_messages")), (teamColor, s.kpiName("team_replies"))])
        for tick in 0...4 {
            let value = scaleMax * tick / 4
            let y = top + plotH - plotH * tick / 4
            svg += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - right)\" y2=\"\(y)\" stroke=\"#e5e7eb\"/>\n"
            svg += "<text x=\"\(left - 6)\" y=\"\(y + 4)\" text-anchor=\"end\" fill=\"#4b5563\">\(value)</text>\n"
        }
        let slot = rows.isEmpty ? plotW : max(1, plotW / rows.count)
        let bar = max(1, slot * 2 / 5)
        let labelEvery = max(1, (rows.count * 60 + plotW - 1) / plotW)
        for (i, r) in rows.enumerated() {
            let x = left + i * slot + (slot - 2 * bar) / 2
            for (k, (value, color)) in [
                (r.metrics.customerMessages, customerColor), (r.metrics.teamReplies, teamColor),
            ].enumerated() {
                let h = plotH * value / scaleMax
                svg +=
                    "<rect x=\"\(x + k * bar)\" y=\"\(top + plotH - h)\" width=\"\(bar)\" height=\"\(h)\" fill=\"\(color)\">"
                svg += "<title>\(xml(r.period.key)): \(value)</title></rect>\n"
            }
            if i % labelEvery == 0 {
                let lx = left + i * slot + slot / 2
                let ly = top + plotH + 14
                svg +=
                    "<text x=\"\(lx)\" y=\"\(ly)\" text-anchor=\"end\" transform=\"rotate(-45 \(lx) \(ly))\" fill=\"#374151\">\(xml(r.period.key))</text>\n"
            }
        }
        svg +=
            "<line x1=\"\(left)\" y1=\"\(top + plotH)\" x2=\"\(width - right)\" y2=\"\(top + plotH)\" stroke=\"#9ca3af\"/>\n"
        return svg + "</svg>\n"
    }

    static func heatmap(_ model: ReportModel, _ s: ReportStrings) -> String {
        let cell = 26
        let left = 56
        let top = 44
        let width = left + 24 * cell + 16
        let height = top + 7 * cell + 40
        let grid = model.breakdowns.heatmapCustomer
        let maxValue = max(1, grid.flatMap { $0 }.max() ?? 1)
        var svg = header(width, height, s.heatmap)
        svg += "<text x=\"\(left)\" y=\"20\" font-size=\"14\" font-weight=\"bold\">\(xml(s.heatmap))</text>\n"
        for h in 0..<24 {
            svg +=
                "<text x=\"\(left + h * cell + cell / 2)\" y=\"\(top - 6)\" text-anchor=\"middle\" fill=\"#4b5563\">\(h)</text>\n"
        }
        for w in 0..<7 {
            svg +=
                "<text x=\"\(left - 8)\" y=\"\(top + w * cell + cell / 2 + 4)\" text-anchor=\"end\" fill=\"#374151\">\(xml(s.weekdays[w]))</text>\n"
            for h in 0..<24 {
                let value = grid[w][h]
                svg +=
                    "<rect x=\"\(left + h * cell)\" y=\"\(top + w * cell)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" "
                    + "fill=\"\(shade(value, maxValue))\"><title>\(xml(s.weekdays[w])) \(pad(h, 2)):00 — \(value)</title></rect>\n"
            }
        }
        svg += "<text x=\"\(left)\" y=\"\(top + 7 * cell + 22)\" fill=\"#4b5563\">0</text>\n"
        svg +=
            "<rect x=\"\(left + 14)\" y=\"\(top + 7 * cell + 10)\" width=\"16\" height=\"16\" fill=\"\(shade(0, maxValue))\"/>\n"
        svg +=
            "<rect x=\"\(left + 34)\" y=\"\(top + 7 * cell + 10)\" width=\"16\" height=\"16\" fill=\"\(shade(maxValue, maxValue))\"/>\n"
        svg += "<text x=\"\(left + 56)\" y=\"\(top + 7 * cell + 22)\" fill=\"#4b5563\">\(maxValue)</text>\n"
        return svg + "</svg>\n"
    }

    static func topics(_ model: ReportModel, _ s: ReportStrings) -> String {
        let topics = Array(model.topics.topics.prefix(20))
        let rowH = 22
        let labelW = 300
        let left = 16
        let top = 40
        let barMax = 360
        let width = left + labelW + barMax + 70
        let height = top + max(1, topics.count) * rowH + 16
        let maxValue = max(1, topics.map(\.members.count).max() ?? 1)
        var svg = header(width, height, s.topics)
        svg += "<text x=\"\(left)\" y=\"20\" font-size=\"14\" font-weight=\"bold\">\(xml(s.topics))</text>\n"
        for (i, t) in topics.enumerated() {
            let y = top + i * rowH
            var label = "\(t.id). \(t.label)"
            if label.count > 44 { label = String(label.prefix(43)) + "…" }
            let w = max(1, barMax * t.members.count / maxValue)
            svg +=
                "<text x=\"\(left + labelW - 8)\" y=\"\(y + 15)\" text-anchor=\"end\" fill=\"#111827\">\(xml(label))</text>\n"
            svg +=
                "<rect x=\"\(left + labelW)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"\(rowH - 6)\" fill=\"\(customerColor)\"/>\n"
            svg += "<text x=\"\(left + labelW + w + 6)\" y=\"\(y + 15)\" fill=\"#374151\">\(t.members.count)</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func legend(x: Int, y: Int, _ items: [(String, String)]) -> String {
        var svg = ""
        for (i, (color, name)) in items.enumerated() {
            let ix = x + i * 170
            svg += "<rect x=\"\(ix)\" y=\"\(y)\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(ix + 16)\" y=\"\(y + 10)\" fill=\"#374151\">\(xml(name))</text>\n"
        }
        return svg
    }

    /// White to blue by share of the maximum, in 0–255 integer steps.
    static func shade(_ value: Int, _ maxValue: Int) -> String {
        let t = value * 1000 / max(1, maxValue)
        func channel(_ from: Int, _ to: Int) -> String {
            let v = from + (to - from) * t / 1000
            let hex = String(v, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }
        return "#" + channel(0xf3, 0x1e) + channel(0xf4, 0x40) + channel(0xf6, 0xaf)
    }

    /// Four ticks of 1, 2 or 5 × 10ⁿ reaching at least `value`, so the axis reads in round numbers.
    static func niceCeiling(_ value: Int) -> Int {
        let quarter = max(1, (value + 3) / 4)
        var base = 1
        while true {
            for step in [1, 2, 5] where base * step >= quarter { return base * step * 4 }
            base *= 10
        }
    }

    static func xml(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
