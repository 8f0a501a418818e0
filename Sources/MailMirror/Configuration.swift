import FoundationEssentials

/// config.json at the store's root: the accounts. Written 0600 via tmp + fsync + rename.
public struct Configuration: Codable, Sendable, Hashable {
    public var version: Int
    public var accounts: [AccountConfiguration]

    public init(version: Int = 1, accounts: [AccountConfiguration] = []) {
        self.version = version
        self.accounts = accounts
    }

    public func account(named name: String) throws -> AccountConfiguration {
        guard let account = accounts.first(where: { $0.name == name }) else {
            throw MailMirrorError.unknownAccount(name)
        }
        return account
    }

    public static func load(from url: URL) throws -> Configuration {
        guard FileManager.default.fileExists(atPath: url.path) else { return Configuration() }
        do {
            let data = try Data(contentsOf: url)
            return try JSONDecoder().decode(Configuration.self, from: data)
        } catch {
            throw MailMirrorError.invalidConfiguration("\(url.path): \(ErrorDescription.of(error))")
        }
    }

    public func save(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        try StateFile.write(data, to: url)
    }
}
