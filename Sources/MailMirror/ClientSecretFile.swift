import TextBasics

/// The client secret file: the JSON the Google Cloud console downloads
/// (`{"installed":{"client_id":…,"client_secret":…}}`), or the secret alone on its first line.
enum ClientSecretFile {
    static func secret(in text: String) -> String? {
        if let object = JSONTree.parse(text.utf8)?.object {
            let client = (object["installed"] ?? object["web"])?.object ?? object
            return client["client_secret"]?.string
        }
        let line = text.split(whereSeparator: \.isNewline).first.map { $0.trimmed(.whitespaces) } ?? ""
        return line.isEmpty ? nil : line
    }
}
