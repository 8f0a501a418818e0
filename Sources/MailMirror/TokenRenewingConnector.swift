import FoundationEssentials
import Synchronization

/// Access tokens live about an hour (Google's: 3,599 seconds) and a first sync of a large mailbox
/// can take longer. The sync engine reconnects with the credential it was given, so for an OAuth 2.0
/// account this connector hands it a fresh token once the current one is older than `maximumAge`,
/// instead of offering the server a token it will refuse (and telling the user to authorize again).
final class TokenRenewingConnector: RemoteConnector {
    let inner: RemoteConnector
    let maximumAge: TimeInterval
    private let renew: (AccountConfiguration) throws -> Secret
    private let now: () -> Date
    /// The token handed out last and when it was obtained; held while a new one is fetched, so two
    /// reconnecting threads never both renew.
    private let current = Mutex<(token: Secret, obtained: Date)?>(nil)

    init(
        inner: RemoteConnector, maximumAge: TimeInterval = 45 * 60, now: @escaping () -> Date = Date.init,
        renew: @escaping (AccountConfiguration) throws -> Secret
    ) {
        self.inner = inner
        self.maximumAge = maximumAge
        self.now = now
        self.renew = renew
    }

    func prepare() { inner.prepare() }

    func connect(_ account: AccountConfiguration, password: Secret) throws -> RemoteSession {
        guard account.usesOAuth2 else { return try inner.connect(account, password: password) }
        let token = try current.withLock { current in
            // The first connection uses the token the sync started with.
            let held = current ?? (password, now())
            current = now().timeIntervalSince(held.obtained) > maximumAge ? (try renew(account), now()) : held
            return current!.token
        }
        return try inner.connect(account, password: token)
    }
}
