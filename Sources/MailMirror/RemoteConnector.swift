/// Opens a logged-in `RemoteSession` for an account. The real one speaks IMAP over TLS;
/// tests plug in fakes.
public protocol RemoteConnector {
    func connect(_ account: AccountConfiguration, password: Secret) throws -> RemoteSession
}
