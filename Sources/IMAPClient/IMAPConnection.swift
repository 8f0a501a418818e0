import CCurl
import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A verified TLS connection opened by libcurl, over which we speak IMAP ourselves.
///
/// libcurl only connects (`CURLOPT_CONNECT_ONLY`): it verifies the certificate, does STARTTLS
/// when asked, reads the greeting and sends one CAPABILITY. It is given no credentials, so the
/// LOGIN / AUTHENTICATE is ours and the server's exact `NO [ALERT] …` text reaches the user.
/// Then `curl_easy_send` / `curl_easy_recv`, polling the socket on `CURLE_AGAIN`. This is the
/// only file that calls libcurl.
public final class IMAPConnection: IMAPTransport {
    public let endpoint: IMAPEndpoint
    private var handle: UnsafeMutableRawPointer?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var readBuffer: [UInt8]
    private var sawPartialResponse = false
    /// Whether OpenSSL was asked to read ahead (after the first command sent).
    private var askedReadAhead = false

    /// libcurl's global init is not thread-safe: run it once before any handle exists. SIGPIPE is
    /// ignored too: OpenSSL writes to the socket without MSG_NOSIGNAL, and a server closing the
    /// connection must end in a typed error, not kill the process.
    private static let globalInit: Void = {
        _ = ccurl_global_init(Int(CURL_GLOBAL_DEFAULT))
        _ = signal(SIGPIPE, SIG_IGN)
    }()

    /// Runs `globalInit` on a worker thread: loading libcurl and the ~30 libraries behind it takes ~25 ms,
    /// which a sync spends opening its store meanwhile. The first `init` waits for it if it is not done.
    public static func loadInBackground() {
        DispatchQueue.global().async { _ = globalInit }
    }

    /// Connects, verifies TLS, and returns once the server is ready for a command.
    public init(endpoint: IMAPEndpoint) throws(IMAPConnectionError) {
        _ = Self.globalInit
        self.endpoint = endpoint
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        readBuffer = [UInt8](repeating: 0, count: 256 * 1024)
        // Once every stored property is set, a throw still runs deinit, which frees the buffer.
        guard let h = ccurl_easy_init() else {
            let why = ccurl_load_error().map { String(cString: $0) } ?? "libcurl could not start"
            throw .network(host: endpoint.host, detail: "\(why) (install libcurl4-openssl-dev)")
        }
        handle = h
        let timeoutMs = max(1, Int(endpoint.timeout * 1000))
        _ = ccurl_setopt_string(h, CURLOPT_URL, endpoint.url)
        _ = ccurl_setopt_pointer(h, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = ccurl_setopt_long(h, CURLOPT_CONNECT_ONLY, 1)
        _ = ccurl_setopt_long(h, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_string(h, CURLOPT_PROTOCOLS_STR, "imap,imaps")
        // Covers DNS, TCP, TLS and curl's greeting / CAPABILITY exchange.
        _ = ccurl_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, timeoutMs)
        _ = ccurl_setopt_long(h, CURLOPT_SSL_VERIFYPEER, 1)
        _ = ccurl_setopt_long(h, CURLOPT_SSL_VERIFYHOST, 2)
        _ = ccurl_setopt_long(h, CURLOPT_TCP_KEEPALIVE, 1)
        if endpoint.security == .starttls {
            _ = ccurl_setopt_long(h, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        }
        if let caFile = endpoint.caFile {
            _ = ccurl_setopt_string(h, CURLOPT_CAINFO, caFile)
        }
        let code = ccurl_easy_perform(h)
        guard code == CURLE_OK else {
            let error = Self.map(code, detail: String(cString: errorBuffer), endpoint: endpoint)
            close()
            throw error
        }
    }

    deinit {
        close()
        errorBuffer.deallocate()
    }

    public func close() {
        if let h = handle { ccurl_easy_cleanup(h) }
        handle = nil
    }

    public func send(_ bytes: [UInt8]) throws(IMAPConnectionError) {
        guard let h = handle else { throw .closed(host: endpoint.host, midResponse: false) }
        var offset = 0
        while offset < bytes.count {
            var sent = 0
            let code = bytes.withUnsafeBytes { raw in
                ccurl_easy_send(h, raw.baseAddress! + offset, raw.count - offset, &sent)
            }
            if code == CURLE_AGAIN {
                try wait(for: Int16(POLLOUT))
                continue
            }
            guard code == CURLE_OK else { throw closeAndMap(code) }
            offset += sent
        }
        if !askedReadAhead {
            // Dovecot sends a large FETCH in 4 KB TLS records: without read-ahead OpenSSL took two recv() per
            // record (10 per message of a first pull). libcurl hands out its TLS session only once a send has
            // taken the connection back, and must not see read-ahead while it reads the greeting itself; from
            // here on it is safe, since `receive` always asks OpenSSL before it polls the socket.
            askedReadAhead = true
            _ = ccurl_tls_read_ahead(h)
        }
    }

    public func receive() throws(IMAPConnectionError) -> [UInt8] {
        guard let h = handle else { throw .closed(host: endpoint.host, midResponse: false) }
        while true {
            // Always try recv first: TLS may already hold decrypted bytes the socket no longer signals.
            var received = 0
            let code = readBuffer.withUnsafeMutableBytes { raw in
                ccurl_easy_recv(h, raw.baseAddress!, raw.count, &received)
            }
            if code == CURLE_OK {
                guard received > 0 else {
                    close()
                    throw .closed(host: endpoint.host, midResponse: false)
                }
                return Array(readBuffer[0..<received])
            }
            guard code == CURLE_AGAIN else { throw closeAndMap(code) }
            try wait(for: Int16(POLLIN))
        }
    }

    private func wait(for events: Int16) throws(IMAPConnectionError) {
        guard let h = handle else { throw .closed(host: endpoint.host, midResponse: false) }
        var socket: curl_socket_t = -1
        guard ccurl_getinfo_socket(h, CURLINFO_ACTIVESOCKET, &socket) == CURLE_OK, socket != -1 else {
            close()
            throw .closed(host: endpoint.host, midResponse: false)
        }
        var descriptor = pollfd(fd: socket, events: events, revents: 0)
        let timeoutMs = Int32(clamping: max(1, Int(endpoint.timeout * 1000)))
        while true {
            let ready = poll(&descriptor, 1, timeoutMs)
            if ready > 0 { return }
            if ready == 0 {
                close()
                throw .timeout(host: endpoint.host, seconds: endpoint.timeout)
            }
            if errno != EINTR {
                close()
                throw .network(host: endpoint.host, detail: "poll failed, errno \(errno)")
            }
        }
    }

    private func closeAndMap(_ code: CURLcode) -> IMAPConnectionError {
        let detail = String(cString: errorBuffer)
        close()
        return Self.map(code, detail: detail, endpoint: endpoint)
    }

    /// libcurl result codes → what happened, in words.
    static func map(_ code: CURLcode, detail: String, endpoint: IMAPEndpoint) -> IMAPConnectionError {
        let host = endpoint.host
        let text = detail.isEmpty ? String(cString: ccurl_easy_strerror(code)) : detail
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST: return .hostNotFound(host: host)
        case CURLE_COULDNT_CONNECT: return .connectionRefused(host: host, port: endpoint.port)
        case CURLE_OPERATION_TIMEDOUT: return .timeout(host: host, seconds: endpoint.timeout)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return .certificateProblem(host: host, detail: text)
        case CURLE_SSL_CONNECT_ERROR:
            // OpenSSL reports some verification failures through the handshake error.
            let lower = text.lowercased()
            if lower.contains("certificate") || lower.contains("verify") {
                return .certificateProblem(host: host, detail: text)
            }
            return .tlsFailed(host: host, detail: text)
        case CURLE_USE_SSL_FAILED: return .startTLSUnavailable(host: host)
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_WEIRD_SERVER_REPLY:
            if code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR { return .closed(host: host, midResponse: false) }
            return .network(host: host, detail: text)
        default: return .network(host: host, detail: text)
        }
    }
}
