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
            command = .authenticatePlain(
                user: user, password: password, initialResponse: capabilities.contains(.saslIR))
        } else if capabilities.contains(.loginDisabled) {
            throw .noUsableLoginMechanism(host: endpoint.host)
        } else {
            command = .login(user: user, password: password)
        }
        let outcome = try authenticate(command, tag: nextTag(), errorChallengeReply: nil)
        try finishLogin(outcome, oauth2: false)
    }

    /// Signs in with an OAuth 2.0 access token: AUTHENTICATE with `mechanism` when the server offers
    /// it, else OAUTHBEARER when offered (RFC 7628), else XOAUTH2; with SASL-IR when offered.
    ///
    /// A refused token draws an error challenge (`+ base64 JSON`); it is answered as the mechanism
    /// requires so that the server sends its tagged NO, and the failure is told apart from both
    /// (expired or revoked token, wrong scope, IMAP disabled …). The token is never traced and is
    /// scrubbed from any server text.
    public func login(user: String, accessToken: String, mechanism wanted: OAuth2Mechanism? = nil)
        throws(IMAPSessionError)
    {
        secret = accessToken
        let favoured = wanted.flatMap { capabilities.contains($0.capability) ? $0 : nil }
        guard let mechanism = favoured ?? OAuth2Mechanism.preferred(in: capabilities) else {
            throw .noOAuth2Mechanism(host: endpoint.host)
        }
        let command = Command.authenticateOAuth2(
            mechanism, user: user, token: accessToken, host: endpoint.host,
            port: endpoint.port, initialResponse: capabilities.contains(.saslIR))
        let outcome = try authenticate(command, tag: nextTag(), errorChallengeReply: mechanism.errorChallengeReply)
        try finishLogin(outcome, oauth2: true)
    }

    /// Logs in with whichever credential the account uses.
    public func login(user: String, credential: IMAPCredential) throws(IMAPSessionError) {
        switch credential {
        case .password(let password): try login(user: user, password: password)
        case .oauth2(let accessToken, let mechanism):
            try login(user: user, accessToken: accessToken, mechanism: mechanism)
        }
    }

    /// What a LOGIN / AUTHENTICATE exchange ended with.
    struct LoginOutcome {
        var done: TaggedResponse
        var sawCapabilities = false
        /// Gmail may put the explanation in an untagged `* NO [WEBALERT …]` before the tagged NO.
        var untaggedAlerts: [ResponseText] = []
        var challenge: OAuth2ErrorChallenge?
    }

    /// Runs a login command to its completion. A `+` after the command was sent is a SASL error
    /// challenge: answered with `errorChallengeReply` (nil: the mechanism has none, a protocol error).
    func authenticate(_ command: Command, tag: String, errorChallengeReply: String?) throws(IMAPSessionError)
        -> LoginOutcome
    {
        var sawCapabilities = false
        var untaggedAlerts: [ResponseText] = []
        var challenge: OAuth2ErrorChallenge?
        let onUntagged = { (response: UntaggedResponse) throws(IMAPSessionError) in
            switch response {
            case .capability: sawCapabilities = true
            case .condition(let status, let text) where status != .ok || text.code == .alert:
                untaggedAlerts.append(text)
            default: break
            }
        }
        var done = try send(command, tag: tag, onUntagged: onUntagged)
        while done == nil {
            switch try readResponse(allowBye: false) {
            case .untagged(let u): try onUntagged(u)
            case .tagged(let t):
                guard t.tag == tag else {
                    throw fail(.protocolViolation(.unexpected("a completion for unknown tag \(t.tag)")))
                }
                done = t
            case .continuation(let text):
                guard let reply = errorChallengeReply, challenge == nil else {
                    throw fail(.protocolViolation(.unexpected("a continuation request nobody asked for")))
                }
                // RFC 7628 §3.2.3: the server ends the exchange only after the client answers.
                challenge = OAuth2ErrorChallenge(base64: text) ?? OAuth2ErrorChallenge(status: "unreadable")
                trace?(.sent("<SASL error challenge answered>"))
                do { try transport.send(Array((reply + "\r\n").utf8)) } catch { throw fail(.connection(error)) }
            }
        }
        guard let done else { throw fail(.sessionUnusable) }
        return LoginOutcome(
            done: done, sawCapabilities: sawCapabilities, untaggedAlerts: untaggedAlerts, challenge: challenge)
    }

    /// Throws the told-apart failure of a refused login, or refreshes the capabilities after success.
    func finishLogin(_ outcome: LoginOutcome, oauth2: Bool) throws(IMAPSessionError) {
        let done = outcome.done
        let untaggedAlerts = outcome.untaggedAlerts
        guard done.status == .ok else {
            let text = scrub(([done.text] + untaggedAlerts).map(\.text).filter { !$0.isEmpty }.joined(separator: " — "))
            var failure =
                oauth2
                ? AuthenticationFailure.classifyOAuth2(code: done.text.code, text: text, challenge: outcome.challenge)
                : AuthenticationFailure.classify(code: done.text.code, text: text)
            for alert in untaggedAlerts
            where failure == .other || failure == .invalidCredentials || failure == .tokenRejected {
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
        } else if !outcome.sawCapabilities {
            try refreshCapabilities()
        }
    }

    /// Tells the server who we are (RFC 2971; Gmail asks clients to). Best effort: a refusal is
    /// ignored; returns the server's own ID, if any.
    @discardableResult
    public func id(version: String = "0.1") throws(IMAPSessionError) -> [IDParameter]? {
        guard capabilities.contains(.id) else { return nil }
        var server: [IDParameter]?
        let done = try execute(
            .id([IDParameter(key: "name", value: "mailmirror"), IDParameter(key: "version", value: version)])
        ) {
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
    public static func open(
        endpoint: IMAPEndpoint, user: String, password: String,
        limits: FramingLimits = FramingLimits(),
        trace: ((IMAPTraceEvent) -> Void)? = nil
    ) throws(IMAPSessionError) -> IMAPSession {
        try open(endpoint: endpoint, user: user, credential: .password(password), limits: limits, trace: trace)
    }

    /// Connects, logs in with a password or an OAuth 2.0 access token, and sends ID.
    public static func open(
        endpoint: IMAPEndpoint, user: String, credential: IMAPCredential,
        limits: FramingLimits = FramingLimits(),
        trace: ((IMAPTraceEvent) -> Void)? = nil
    ) throws(IMAPSessionError) -> IMAPSession {
        let session = try IMAPSession(endpoint: endpoint, limits: limits, trace: trace)
        do {
            try session.login(user: user, credential: credential)
            try session.id()
        } catch {
            session.logout()
            throw error
        }
        return session
    }
}
