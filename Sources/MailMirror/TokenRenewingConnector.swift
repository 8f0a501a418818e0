import Foundation

/// Access tokens live about an hour (Google's: 3,599 seconds) and a first sync of a large mailbox
/// can take longer. The sync engine reconnects with the credential it was given, so for an OAuth 2.0
/// account this connector hands it a fresh token once the current one is older than `maximumAge`,
/// instead of offering the server a token it will refuse (and telling the user to authorize again).
final class TokenRenewingConnector: RemoteConnector {
    let inner: RemoteConnector
    let maximumAge: TimeInterval
    private let renew: (AccountConfiguration) throws -> Secret
    private let now: () -> Date
    private let lock = NSLock()
    private var current: (token: Secret, obtained: Date)?

    init(inner: RemoteConnector, maximumAge: TimeInterval = 45 * 60, now: @escaping () -> Date = Date.init,
         renew: @escaping (AccountConfiguration) throws -> Secret) {
        self.inner = inner
        self.maximumAge = maximumAge
        self.now = now
        self.renew = renew
    }

    func connect(_ account: AccountConfiguration, password: Secret) throws -> RemoteSession {
        guard account.usesOAuth2 else { return try inner.connect(account, password: password) }
        lock.lock()
        let token: Secret
        do {
            defer { lock.unlock() }
            // The first connection uses the token the sync started with.
            let held = current ?? (password, now())
            if now().timeIntervalSince(held.obtained) > maximumAge {
                current = (try renew(account), now())
            } else {
                current = held
            }
            token = current!.token
        }
        return try inner.connect(account, password: token)
    }
}
