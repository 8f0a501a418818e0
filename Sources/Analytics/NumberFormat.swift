/// Locale-free number formatting, so the same data gives the same bytes on every machine.
enum NumberFormat {
    /// `value` rounded half away from zero to `decimals` places, with `.` (or `separator`) as the mark.
    static func fixed(_ value: Double, _ decimals: Int, separator: String = ".") -> String {
        guard value.isFinite else { return "" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let integer = Int64(scaled)
        let factor = Int64(scale)
        let whole = integer / factor
        let fraction = integer % factor
        let negative = value < 0 && integer != 0
        var text = (negative ? "-" : "") + String(whole)
        if decimals > 0 { text += separator + pad(Int(fraction), decimals) }
        return text
    }

    /// Like `fixed`, dropping trailing zeros of the fraction ("12.50" → "12.5", "3.0" → "3").
    static func compact(_ value: Double, _ decimals: Int, separator: String = ".") -> String {
        var text = fixed(value, decimals, separator: separator)
        guard decimals > 0, text.contains(separator) else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(separator) { text.removeLast(separator.count) }
        return text
    }

    static func optional(_ value: Double?, _ decimals: Int) -> String {
        value.map { fixed($0, decimals) } ?? ""
    }
}
