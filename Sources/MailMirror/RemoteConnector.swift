/// Opens a logged-in `RemoteSession` for an account. The real one speaks IMAP over TLS;
/// tests plug in fakes.
public protocol RemoteConnector {
    func connect(_ account: AccountConfiguration, password: Secret) throws -> RemoteSession
    /// Starts, on another thread, what the first connection would wait for (loading the TLS and network
    /// libraries), while the caller opens the store; nothing is sent.
    func prepare()
}

extension RemoteConnector {
    public func prepare() {}
}
