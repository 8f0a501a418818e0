import Foundation
import Testing

@testable import MailMirror

@Suite struct OAuth2SourceTests {
    func roundTrip(_ account: AccountConfiguration) throws -> (AccountConfiguration, String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(account)
        return (try JSONDecoder().decode(AccountConfiguration.self, from: data), String(decoding: data, as: UTF8.self))
    }

    func account(password: PasswordSource?, oauth2: OAuth2Source?) -> AccountConfiguration {
        AccountConfiguration(
            name: "support", email: "help@example.com", host: "imap.gmail.com", port: 993, security: .tls,
            password: password, oauth2: oauth2, gmail: true)
    }

    /// config.json written before OAuth 2.0 existed still loads, as a password account.
    @Test func anOlderConfigurationLoadsUnchanged() throws {
        let json =
            #"{"version":1,"accounts":[{"name":"support","email":"help@example.com","host":"imap.gmail.com","port":993,"security":"tls","password":{"file":"/home/u/pw"},"mailboxes":[],"team":[],"gmail":true}]}"#
        let configuration = try JSONDecoder().decode(Configuration.self, from: Data(json.utf8))
        let account = try #require(configuration.accounts.first)
        #expect(account.password == .file("/home/u/pw"))
        #expect(account.oauth2 == nil && !account.usesOAuth2)
        let (again, text) = try roundTrip(account)
        #expect(again == account)
        #expect(!text.contains("oauth2"), "a password account writes no oauth2 key")
    }

    @Test(arguments: [
        (
            OAuth2Source.tokenCommand("oama access help@example.com"),
            #""oauth2":{"tokenCommand":"oama access help@example.com"}"#
        ),
        (
            .google(
                clientID: "1-a.apps.googleusercontent.com", clientSecretFile: "/h/c.json",
                refreshToken: .file("/r/oauth2/support")),
            #""oauth2":{"clientId":"1-a.apps.googleusercontent.com","clientSecretFile":"/h/c.json","refreshTokenFile":"/r/oauth2/support"}"#
        ),
        (
            .google(
                clientID: "1-a", clientSecretFile: "/h/c.json",
                refreshToken: .command("/usr/bin/secret-tool lookup service mailmirror-oauth2 account support")),
            #""oauth2":{"clientId":"1-a","clientSecretFile":"/h/c.json","refreshTokenCommand":"/usr/bin/secret-tool lookup service mailmirror-oauth2 account support"}"#
        ),
        (.unauthorized, #""oauth2":{}"#),
    ])
    func oauth2AccountsRoundTrip(source: OAuth2Source, json: String) throws {
        let original = account(password: nil, oauth2: source)
        let (again, text) = try roundTrip(original)
        #expect(again == original)
        #expect(text.contains(json), "\(text)")
        #expect(!text.contains("\"password\""))
        #expect(again.usesOAuth2)
    }

    @Test func clientSecretFileTakesGooglesJSONOrTheSecretAlone() {
        #expect(
            ClientSecretFile.secret(
                in:
                    #"{"installed":{"client_id":"1-a","client_secret":"GOCSPX-abc","redirect_uris":["http://localhost"]}}"#
            ) == "GOCSPX-abc")
        #expect(ClientSecretFile.secret(in: "GOCSPX-abc\n") == "GOCSPX-abc")
        #expect(ClientSecretFile.secret(in: #"{"installed":{"client_id":"1-a"}}"#) == nil)
        #expect(ClientSecretFile.secret(in: "\n") == nil)
    }
}
