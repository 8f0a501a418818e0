import Foundation
import Testing

@testable import MailMirror

@Suite struct TokenRenewingConnectorTests {
    /// Records the credential of each connection, and refuses it (no session is needed here).
    final class Recorder: RemoteConnector {
        var used: [String] = []
        struct Refused: Error {}
        func connect(_ account: AccountConfiguration, password: Secret) throws -> RemoteSession {
            used.append(password.value)
            throw Refused()
        }
    }

    final class Clock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_700_000_000)
    }

    func account(oauth2: OAuth2Source?) -> AccountConfiguration {
        AccountConfiguration(
            name: "a", email: "a@example.com", host: "h", port: 993, security: .tls,
            password: oauth2 == nil ? .environment("X") : nil, oauth2: oauth2)
    }

    /// A sync longer than an access token's life reconnects with a fresh token, not the stale one.
    @Test func reconnectionsAfterMaximumAgeGetAFreshToken() {
        let recorder = Recorder()
        let clock = Clock()
        var renewals = 0
        let connector = TokenRenewingConnector(inner: recorder, maximumAge: 45 * 60, now: { clock.now }) { _ in
            renewals += 1
            return Secret(token: "fresh-\(renewals)")
        }
        let oauth = account(oauth2: .tokenCommand("helper"))
        _ = try? connector.connect(oauth, password: Secret(token: "first"))
        clock.now += 30 * 60
        _ = try? connector.connect(oauth, password: Secret(token: "first"))
        clock.now += 20 * 60
        _ = try? connector.connect(oauth, password: Secret(token: "first"))
        _ = try? connector.connect(oauth, password: Secret(token: "first"))
        #expect(recorder.used == ["first", "first", "fresh-1", "fresh-1"])
        #expect(renewals == 1)
    }

    @Test func passwordAccountsPassThroughUntouched() {
        let recorder = Recorder()
        let clock = Clock()
        let connector = TokenRenewingConnector(inner: recorder, maximumAge: 1, now: { clock.now }) { _ in
            Issue.record("a password account never renews")
            return Secret(token: "x")
        }
        clock.now += 3600
        _ = try? connector.connect(account(oauth2: nil), password: Secret(pasted: "abcdefghijklmnop"))
        #expect(recorder.used == ["abcdefghijklmnop"])
    }
}
