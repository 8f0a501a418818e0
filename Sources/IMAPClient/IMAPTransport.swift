/// A byte pipe to an IMAP server, already secured and past the greeting.
///
/// `IMAPConnection` is the real one (libcurl + TLS); tests and the sync engine's fakes may supply
/// their own to drive `IMAPSession` without a network.
public protocol IMAPTransport: AnyObject {
    /// Sends all of `bytes` or throws.
    func send(_ bytes: [UInt8]) throws(IMAPConnectionError)
    /// Returns the next bytes available (at least one), waiting at most the endpoint's timeout.
    func receive() throws(IMAPConnectionError) -> [UInt8]
    /// Closes the connection; further calls fail with `.closed`.
    func close()
}
