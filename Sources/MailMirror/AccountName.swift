/// Account names become folder names and command arguments: keep them plain.
enum AccountName {
    static func validate(_ name: String) throws {
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
        guard !name.isEmpty, name.count <= 64, allowed, !name.hasPrefix(".") else {
            throw MailMirrorError.invalidArgument(
                "account name \"\(name)\" must be 1 to 64 letters, digits, '-', '_' or '.', not starting with '.'")
        }
    }
}
