import FoundationEssentials
import IMAP
import MailCore
import TextBasics

/// One authenticated conversation with an IMAP server over one connection, read-only.
///
/// Synchronous: each call sends its commands and returns when the server has answered (the sync
/// engine runs sessions on its own threads). After any connection or protocol error the session
/// is unusable; open a new one and resume.
public final class IMAPSession {
    public let endpoint: IMAPEndpoint
    /// What the server offers, refreshed after login.
    public private(set) var capabilities: Set<Capability> = []
    /// The mailbox opened by the last successful `examine`.
    public internal(set) var selected: SelectedMailbox?
    /// Receives every line sent and received, credentials hidden. Set it for `--verbose`.
    public var trace: ((IMAPTraceEvent) -> Void)?

    let transport: IMAPTransport
    var framer: ResponseFramer
    var encoder = CommandEncoder()
    private var tagCounter = 0
    private(set) var isUsable = true
    /// Remembered only to scrub it from any server text that might echo it back.
    var secret: String?

    /// Connects (TLS verified, STARTTLS when asked) and reads the server's capabilities.
    public convenience init(
        endpoint: IMAPEndpoint, limits: FramingLimits = FramingLimits(),
        trace: ((IMAPTraceEvent) -> Void)? = nil
    ) throws(IMAPSessionError) {
        trace?(.note("connecting to \(endpoint.url) (\(endpoint.security.rawValue))"))
        let connection: IMAPConnection
        do {
            connection = try IMAPConnection(endpoint: endpoint)
        } catch {
            throw .connection(error)
        }
        try self.init(transport: connection, endpoint: endpoint, limits: limits, trace: trace)
    }

    /// Runs a session over any transport that is past the greeting (libcurl consumes it).
    public init(
        transport: IMAPTransport, endpoint: IMAPEndpoint, limits: FramingLimits = FramingLimits(),
        trace: ((IMAPTraceEvent) -> Void)? = nil
    ) throws(IMAPSessionError) {
        self.transport = transport
        self.endpoint = endpoint
        self.framer = ResponseFramer(limits: limits)
        self.trace = trace
        trace?(.note("connected"))
        try refreshCapabilities()
    }

    deinit { transport.close() }

    /// True when the server has Gmail's extensions (X-GM-MSGID, X-GM-THRID, X-GM-LABELS).
    public var isGmail: Bool { capabilities.contains(.gmailExtensions) }

    public func refreshCapabilities() throws(IMAPSessionError) {
        var found: [Capability]?
        let done = try execute(.capability) { response throws(IMAPSessionError) in
            if case .capability(let caps) = response { found = caps }
        }
        try requireOK(done, "CAPABILITY")
        guard let found else { throw .protocolViolation(.unexpected("CAPABILITY without a capability list")) }
        setCapabilities(found)
    }

    func setCapabilities(_ caps: [Capability]) {
        capabilities = Set(caps)
        encoder.literalPlus = capabilities.contains(.literalPlus)
    }

    /// Sends LOGOUT and closes. Errors are ignored: the session is over either way.
    public func logout() {
        if isUsable { _ = try? execute(.logout) { _ throws(IMAPSessionError) in } }
        isUsable = false
        transport.close()
        trace?(.note("closed"))
    }

    // MARK: - The conversation

    func nextTag() -> String {
        tagCounter += 1
        return "M" + String(tagCounter)
    }

    /// Sends `command` and streams its untagged responses to `onUntagged`; returns the completion.
    func execute(_ command: Command, onUntagged: (UntaggedResponse) throws(IMAPSessionError) -> Void)
        throws(IMAPSessionError) -> TaggedResponse
    {
        let tag = nextTag()
        if let early = try send(command, tag: tag, onUntagged: onUntagged) { return early }
        while true {
            switch try readResponse(allowBye: command == .logout) {
            case .untagged(let u): try onUntagged(u)
            case .tagged(let t):
                guard t.tag == tag else {
                    throw fail(.protocolViolation(.unexpected("a completion for unknown tag \(t.tag)")))
                }
                return t
            case .continuation:
                throw fail(.protocolViolation(.unexpected("a continuation request nobody asked for")))
            }
        }
    }

    /// Sends a command, answering `+` continuations for its later segments. Returns a tagged
    /// response only if the server completed the command before all segments were sent.
    @discardableResult
    func send(
        _ command: Command, tag: String,
        onUntagged: (UntaggedResponse) throws(IMAPSessionError) -> Void = { _ throws(IMAPSessionError) in }
    ) throws(IMAPSessionError) -> TaggedResponse? {
        guard isUsable else { throw .sessionUnusable }
        let encoded = encoder.encode(command, tag: tag)
        trace?(.sent(encoded.trace))
        for (index, segment) in encoded.segments.enumerated() {
            if index > 0 {
                waiting: while true {
                    switch try readResponse(allowBye: false) {
                    case .continuation: break waiting
                    case .untagged(let u): try onUntagged(u)
                    case .tagged(let t):
                        guard t.tag == tag else {
                            throw fail(.protocolViolation(.unexpected("a completion for unknown tag \(t.tag)")))
                        }
                        return t
                    }
                }
            }
            do { try transport.send(segment) } catch { throw fail(.connection(error)) }
        }
        return nil
    }

    /// The next complete response, reading from the network as needed (each read bounded by the
    /// endpoint's timeout). BYE ends the session unless we asked for it.
    func readResponse(allowBye: Bool) throws(IMAPSessionError) -> Response {
        guard isUsable else { throw .sessionUnusable }
        while true {
            let frame: ResponseFrame?
            do { frame = try framer.nextFrame() } catch { throw fail(.protocolViolation(error)) }
            if let frame {
                trace?(.received(scrub(frame.traceDescription)))
                let response: Response
                do { response = try ResponseParser.parse(frame) } catch { throw fail(.protocolViolation(scrub(error))) }
                if case .untagged(.bye(let text)) = response, !allowBye {
                    throw fail(.serverClosed(serverText: scrub(text.text)))
                }
                if case .untagged(.capability(let caps)) = response { setCapabilities(caps) }
                return response
            }
            do {
                framer.append(try transport.receive())
            } catch {
                if case .closed(let host, _) = error, framer.pendingByteCount > 0 {
                    throw fail(.connection(.closed(host: host, midResponse: true)))
                }
                throw fail(.connection(error))
            }
        }
    }

    /// Marks the session unusable (the stream is no longer in a known state) and returns `error`.
    func fail(_ error: IMAPSessionError) -> IMAPSessionError {
        isUsable = false
        transport.close()
        trace?(.note("connection closed after an error"))
        return error
    }

    /// Throws the right typed error for a NO / BAD completion.
    func requireOK(_ response: TaggedResponse, _ command: String) throws(IMAPSessionError) {
        guard response.status != .ok else { return }
        let text = scrub(response.text.text)
        switch response.text.code {
        case .throttled?: throw .throttled(serverText: text)
        case .overQuota?: throw .overQuota(serverText: text)
        case .unavailable?, .inUse?, .limit?: throw .serverBusy(serverText: text)
        default: throw .commandFailed(command: command, status: response.status, serverText: text)
        }
    }

    func scrub(_ error: IMAPProtocolError) -> IMAPProtocolError {
        if case .malformed(let expected, let excerpt) = error {
            return .malformed(expected: expected, excerpt: scrub(excerpt))
        }
        return error
    }

    /// Removes the password from server text (a server could echo a command back).
    func scrub(_ text: String) -> String {
        guard let secret, secret.count >= 3, text.firstScalarRange(of: secret) != nil else { return text }
        return text.replacingAll(secret, with: "<hidden>")
    }
}
