import IMAP

extension IMAPSession {
    /// Logs in with AUTHENTICATE PLAIN (with SASL-IR when offered) or LOGIN.
    ///
    /// A refusal throws `.authentication` with the failure told apart from the server's words
    /// (app password required, invalid credentials, IMAP disabled, …) and its advice. The
    /// password is never traced and is scrubbed from any server text.
    public func login(user: String, password: String) throws(IMAPSessionError) {
        secret = password
        let command: Command
        if capabilities.contains(.authPlain) {
            command = .authenticatePlain(user: user, password: password, initialResponse: capabilities.contains(.saslIR))
        } else if capabilities.contains(.loginDisabled) {
            throw .noUsableLoginMechanism(host: endpoint.host)
        } else {
            command = .login(user: user, password: password)
        }
        var sawCapabilities = false
        // Gmail may put the explanation in an untagged `* NO [WEBALERT …]` before the tagged NO.
        var untaggedAlerts: [ResponseText] = []
        let done = try execute(command) { response throws(IMAPSessionError) in
            switch response {
            case .capability: sawCapabilities = true
            case .condition(let status, let text) where status != .ok || text.code == .alert: untaggedAlerts.append(text)
            default: break
            }
        }
        guard done.status == .ok else {
            let text = scrub(([done.text] + untaggedAlerts).map(\.text).filter { !$0.isEmpty }.joined(separator: " — "))
            var failure = AuthenticationFailure.classify(code: done.text.code, text: text)
            for alert in untaggedAlerts where failure == .other || failure == .invalidCredentials {
                let other = AuthenticationFailure.classify(code: alert.code, text: alert.text)
                if other != .other && other != .invalidCredentials { failure = other }
            }
            if failure == .other {
                switch done.text.code {
                case .throttled?: throw .throttled(serverText: text)
                case .unavailable?: throw .serverBusy(serverText: text)
                default: break
                }
            }
            throw .authentication(failure, serverText: text)
        }
        // Capabilities usually grow after login (Dovecot lists CONDSTORE, ESEARCH only then).
        if case .capability(let caps)? = done.text.code {
            setCapabilities(caps)
        } else if !sawCapabilities {
            try refreshCapabilities()
        }
    }

    /// Tells the server who we are (RFC 2971; Gmail asks clients to). Best effort: a refusal is
    /// ignored; returns the server's own ID, if any.
    @discardableResult
    public func id(version: String = "0.1") throws(IMAPSessionError) -> [IDParameter]? {
        guard capabilities.contains(.id) else { return nil }
        var server: [IDParameter]?
        let done = try execute(.id([IDParameter(key: "name", value: "mailmirror"), IDParameter(key: "version", value: version)])) {
            response throws(IMAPSessionError) in
            if case .id(let parameters) = response { server = parameters }
        }
        return done.status == .ok ? server : nil
    }

    /// ENABLE (RFC 5161) of the given extensions when the server offers them; returns those enabled.
    @discardableResult
    public func enable(_ wanted: [Capability]) throws(IMAPSessionError) -> [Capability] {
        let offered = wanted.filter { capabilities.contains($0) }
        guard capabilities.contains(.enable), !offered.isEmpty else { return [] }
        var enabled: [Capability] = []
        let done = try execute(.enable(offered)) { response throws(IMAPSessionError) in
            if case .enabled(let caps) = response { enabled += caps }
        }
        return done.status == .ok ? enabled : []
    }
}

extension IMAPSession {
    /// Connects, logs in and sends ID: the usual way to start. On failure nothing stays open.
    public static func open(endpoint: IMAPEndpoint, user: String, password: String,
                            limits: FramingLimits = FramingLimits(),
                            trace: ((IMAPTraceEvent) -> Void)? = nil) throws(IMAPSessionError) -> IMAPSession {
        let session = try IMAPSession(endpoint: endpoint, limits: limits, trace: trace)
        do {
            try session.login(user: user, password: password)
            try session.id()
        } catch {
            session.logout()
            throw error
        }
        return session
    }
}
