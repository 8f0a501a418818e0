/// Builds RFC 4180 CSV text: comma separated, CRLF line ends, fields quoted when they hold a
/// comma, a quote, CR or LF (quotes doubled), a header row first.
struct CSVWriter {
    private(set) var text = ""

    init(header: [String]) { append(header) }

    /// Rows only, no header: a piece of a table written in parts.
    init() {}

    mutating func append(_ fields: [String]) {
        text += fields.map(CSVWriter.quote).joined(separator: ",")
        text += "\r\n"
    }

    static func quote(_ field: String) -> String {
        let needsQuotes = field.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
        }
        guard needsQuotes else { return field }
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }
}
