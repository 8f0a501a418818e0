/// A password or an OAuth 2.0 token held in memory only for as long as a login needs it. Its descriptions are
/// redacted so it can never reach a log line, an error or `--verbose` output by accident, and the
/// process that makes one never writes a core dump (`CoreDumps`).
public struct Secret: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The password as sent to the server.
    public let value: String

    /// Pasted app passwords come as `abcd efgh ijkl mnop`: spaces are not part of them.
    public init(pasted: String) {
        CoreDumps.forbidden
        self.value = String(pasted.filter { $0 != " " && $0 != "\t" })
    }

    /// An access or refresh token as a helper prints it: its first line, trimmed.
    public init(token output: String) {
        CoreDumps.forbidden
        let firstLine =
            output.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }).first ?? ""
        self.value = firstLine.trimmed(.whitespaces)
    }

    public var isEmpty: Bool { value.isEmpty }

    /// Gmail app passwords are exactly 16 letters.
    public var looksLikeGmailAppPassword: Bool {
        value.count == 16 && value.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: []) }
}
