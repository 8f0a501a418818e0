import CCurl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One HTTPS POST of a form through libcurl, certificate verified: how tokens are fetched. This is
/// the only file of the module that calls libcurl. The form (it carries the refresh token or the
/// code and the client secret) goes in the request body, never on a command line or in a log.
public struct HTTPSPost: Sendable {
    public var url: String
    public var caFile: String?
    public var timeoutSeconds: Int

    public init(url: String, caFile: String? = nil, timeoutSeconds: Int = 30) {
        self.url = url
        self.caFile = caFile
        self.timeoutSeconds = timeoutSeconds
    }

    /// The host named by the URL, for error sentences.
    public var host: String {
        let afterScheme = url.firstScalarRange(of: "://").map { url[$0.upperBound...] } ?? Substring(url)
        return String(afterScheme.prefix { $0 != "/" && $0 != "?" })
    }

    /// A hostile or broken server cannot make us hold more than this.
    static let maximumBody = 1 << 20

    private static let globalInit: Void = {
        _ = ccurl_global_init(Int(CURL_GLOBAL_DEFAULT))
        _ = signal(SIGPIPE, SIG_IGN)
    }()

    /// Sends `form` as `application/x-www-form-urlencoded`; returns the HTTP status and the body.
    public func send(form: String) throws(OAuth2Error) -> (status: Int, body: [UInt8]) {
        _ = Self.globalInit
        guard let handle = ccurl_easy_init() else {
            let why = ccurl_load_error().map { String(cString: $0) } ?? "libcurl could not start"
            throw .network(host: host, detail: "\(why) (install libcurl4-openssl-dev)")
        }
        defer { ccurl_easy_cleanup(handle) }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        let sink = BodySink()
        let context = Unmanaged.passRetained(sink)
        defer { context.release() }

        _ = ccurl_setopt_string(handle, CURLOPT_URL, url)
        _ = ccurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "https")
        _ = ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        _ = ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, max(1, timeoutSeconds) * 1000)
        if let caFile { _ = ccurl_setopt_string(handle, CURLOPT_CAINFO, caFile) }
        // COPYPOSTFIELDS: libcurl keeps its own copy; POST with the form content type by default.
        _ = ccurl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, form)
        _ = ccurl_setopt_write_callback(handle) { data, size, count, context in
            let sink = Unmanaged<BodySink>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            guard sink.bytes.count + length <= HTTPSPost.maximumBody, let data else { return 0 }
            sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
            return length
        }
        _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context.toOpaque())

        let code = ccurl_easy_perform(handle)
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            let text = detail.isEmpty ? String(cString: ccurl_easy_strerror(code)) : detail
            switch code {
            case CURLE_OPERATION_TIMEDOUT: throw .timeout(host: host, seconds: timeoutSeconds)
            case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM,
                CURLE_SSL_CACERT_BADFILE:
                throw .tls(host: host, detail: text)
            case CURLE_WRITE_ERROR:
                throw .badResponse(host: host, why: "its answer is larger than \(Self.maximumBody) bytes")
            default: throw .network(host: host, detail: text)
            }
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return (status, sink.bytes)
    }
}

/// Collects the answer's body for the write callback.
private final class BodySink {
    var bytes: [UInt8] = []
}
