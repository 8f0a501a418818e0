import Foundation

/// The client secret file: the JSON the Google Cloud console downloads
/// (`{"installed":{"client_id":…,"client_secret":…}}`), or the secret alone on its first line.
enum ClientSecretFile {
    static func secret(in text: String) -> String? {
        if let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] {
            let client = (object["installed"] ?? object["web"]) as? [String: Any] ?? object
            return client["client_secret"] as? String
        }
        let line = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return line.isEmpty ? nil : line
    }
}
