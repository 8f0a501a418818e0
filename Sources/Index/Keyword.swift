import TextAnalysis

/// Normalisation of label, mailbox and flag names, shared by indexing and queries, so that
/// `label:my-label`, `label:"My Label"` and `in:sent` (Gmail's `\Sent`) meet.
enum Keyword {
    /// Folded, leading backslashes dropped, runs of anything but letters and digits as one `-`.
    static func normalize(_ value: String) -> String {
        let folded = Folding.fold(value)
        var out = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return out
    }

    /// Message-ID comparison form: no angle brackets or spaces, lower-cased.
    static func messageId(_ value: String) -> String {
        value.trimmed(of: " \t<>").lowercased()
    }
}

extension String {
    /// The string without leading and trailing characters found in `set`.
    func trimmed(of set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
