/// A table of text for people: aligned columns, fitted to the terminal.
///
/// Widths are display widths (accents, CJK and emoji measured right). When a maximum width is
/// given and the table is wider, flexible columns shrink first (widest first) and their cells are
/// cut with "…"; without a maximum (output to a pipe) nothing is cut. Columns are separated by two
/// spaces; lines carry no trailing spaces.
///
/// ```swift
/// var table = Table(columns: [
///     .init("DATE"), .init("FROM"), .init("SUBJECT", flexible: true), .init("SIZE", alignment: .right),
/// ])
/// table.append(["2024-03-05 14:02", "ana@example.com", "Mot de passe d'application", "12.1 KB"])
/// output.write(table.render(for: output.capabilities), to: .output)
/// ```
public struct Table: Sendable {
    /// One column: its header, alignment, and whether it may be shortened to fit.
    public struct Column: Sendable, Hashable {
        public var header: String
        public var alignment: TextAlignment
        /// Shrunk first when the table is too wide (free text like subjects and snippets).
        public var flexible: Bool
        /// A flexible column is not shrunk below this many columns (unless nothing else helps).
        public var minimumWidth: Int

        public init(_ header: String, alignment: TextAlignment = .left, flexible: Bool = false, minimumWidth: Int = 8) {
            self.header = header
            self.alignment = alignment
            self.flexible = flexible
            self.minimumWidth = minimumWidth
        }
    }

    public var columns: [Column]
    public private(set) var rows: [[String]] = []
    /// Whether the header line is printed.
    public var showsHeader: Bool

    public init(columns: [Column], showsHeader: Bool = true) {
        self.columns = columns
        self.showsHeader = showsHeader
    }

    /// Adds a row; missing cells are empty, extra cells are dropped. Line breaks and tabs in cells
    /// become spaces, since one row must stay one line.
    public mutating func append(_ cells: [String]) {
        var row = cells.prefix(columns.count).map(Self.singleLine)
        while row.count < columns.count { row.append("") }
        rows.append(row)
    }

    /// The table as lines ending in "\n": styled and fitted to the width on a terminal,
    /// plain and uncut otherwise.
    public func render(for capabilities: TerminalCapabilities) -> String {
        render(
            style: Style(enabled: capabilities.colorOnStandardOutput),
            maxWidth: capabilities.standardOutputIsTerminal ? capabilities.width : nil)
    }

    /// The table as lines ending in "\n". Headers are bold when `style` is enabled.
    /// - Parameter maxWidth: the widest a line may be; nil for no limit.
    public func render(style: Style = .plain, maxWidth: Int? = nil) -> String {
        let widths = columnWidths(maxWidth: maxWidth)
        var text = ""
        if showsHeader {
            text += line(columns.map(\.header), widths: widths, style: style, isHeader: true)
        }
        for row in rows {
            text += line(row, widths: widths, style: style, isHeader: false)
        }
        return text
    }

    /// The width of each column after fitting into `maxWidth`.
    public func columnWidths(maxWidth: Int?) -> [Int] {
        var widths = columns.map { showsHeader ? $0.header.displayWidth : 0 }
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.displayWidth) }
        }
        guard let maxWidth, !columns.isEmpty else { return widths }
        let separators = 2 * (columns.count - 1)
        var excess = widths.reduce(0, +) + separators - maxWidth
        guard excess > 0 else { return widths }
        // Shrink flexible columns down to their minimum, then anything, down to 1 column each.
        for pass in 0..<2 {
            while excess > 0 {
                var candidate: Int?
                for index in widths.indices {
                    let floor = pass == 0 ? (columns[index].flexible ? columns[index].minimumWidth : Int.max) : 1
                    guard widths[index] > floor else { continue }
                    if candidate == nil || widths[index] > widths[candidate!] { candidate = index }
                }
                guard let index = candidate else { break }
                widths[index] -= 1
                excess -= 1
            }
        }
        return widths
    }

    private func line(_ cells: [String], widths: [Int], style: Style, isHeader: Bool) -> String {
        var parts: [String] = []
        for (index, cell) in cells.enumerated() {
            let width = widths[index]
            let fitted = cell.truncated(toDisplayWidth: width)
            let isLast = index == cells.count - 1
            var padded = fitted
            if !(isLast && columns[index].alignment == .left) {
                padded = fitted.padded(toDisplayWidth: width, alignment: columns[index].alignment)
            }
            if isHeader { padded = style.apply(.bold, to: padded) }
            parts.append(padded)
        }
        var text = parts.joined(separator: "  ")
        while text.hasSuffix(" ") { text.removeLast() }
        return text + "\n"
    }

    private static func singleLine(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline || $0 == "\t" }) else { return text }
        return String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
