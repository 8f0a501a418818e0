#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The loopback redirect of an installed application (RFC 8252 §7.3): a listener on 127.0.0.1
/// on a port the system picks, to which the browser brings the authorization code. Only the
/// loopback address is bound, so nothing on the network can reach it.
public final class LoopbackRedirect {
    private var socket: Int32
    public let port: UInt16

    public var redirectURI: String { "http://127.0.0.1:\(port)/" }

    public init() throws(OAuth2Error) {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .loopback("socket: \(Self.lastError())") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else {
            let why = Self.lastError()
            close(fd)
            throw .loopback(why)
        }
        socket = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit { if socket >= 0 { close(socket) } }

    /// Waits for the browser to bring back the code of the request with `state`. Other requests
    /// (a favicon, a stray visit) get a 404 and the wait goes on.
    public func waitForCode(state: String, timeoutSeconds: Int) throws(OAuth2Error) -> String {
        let deadline = Self.now() + Double(timeoutSeconds)
        while true {
            let left = deadline - Self.now()
            guard left > 0 else { throw .authorizationTimedOut(seconds: timeoutSeconds) }
            var pfd = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, Int32(min(left, 1) * 1000))
            if ready < 0 && errno != EINTR { throw .loopback("poll: \(Self.lastError())") }
            guard ready > 0 else { continue }
            let client = accept(socket, nil, nil)
            guard client >= 0 else { continue }
            defer { close(client) }
            guard let target = Self.readRequestTarget(client, deadline: min(deadline, Self.now() + 10)) else {
                continue
            }
            guard let query = Self.callbackQuery(target) else {
                Self.respond(client, status: "404 Not Found", body: "Not found.")
                continue
            }
            let fields = FormEncoding.decode(query)
            guard fields["state"] == state else {
                Self.respond(
                    client, status: "400 Bad Request",
                    body: "This answer belongs to another request; mailmirror ignored it.")
                if fields["code"] != nil || fields["error"] != nil { throw .stateMismatch }
                continue
            }
            if let error = fields["error"] {
                Self.respond(
                    client, status: "200 OK",
                    body: "mailmirror was not authorized (\(Self.html(error))). You can close this window.")
                throw .authorizationDenied(OAuth2Error.printable(error))
            }
            guard let code = fields["code"], !code.isEmpty else {
                Self.respond(client, status: "400 Bad Request", body: "No authorization code in this answer.")
                continue
            }
            Self.respond(
                client, status: "200 OK",
                body: "mailmirror is authorized. You can close this window and go back to the terminal.")
            return code
        }
    }

    /// The query of `GET /?…` (the redirect URI's path is `/`), or nil for any other request.
    static func callbackQuery(_ target: Substring) -> Substring? {
        guard target.hasPrefix("/?") else { return nil }
        return target.dropFirst(2)
    }

    /// The request target of the request line, reading at most 16 KB of headers.
    private static func readRequestTarget(_ fd: Int32, deadline: Double) -> Substring? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 16_384 {
            if bytes.count >= 4, bytes.suffix(4) == [13, 10, 13, 10] { break }
            let left = deadline - now()
            guard left > 0 else { return nil }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, Int32(left * 1000)) > 0 else { return nil }
            let n = read(fd, &buffer, buffer.count)
            guard n > 0 else { break }
            bytes += buffer[0..<n]
        }
        let line = String(decoding: bytes.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self)
        let parts = line.split(separator: " ")
        guard parts.count >= 2, parts[0] == "GET" else { return nil }
        return parts[1]
    }

    private static func respond(_ fd: Int32, status: String, body: String) {
        let page = "<!doctype html><meta charset=utf-8><title>mailmirror</title><p>\(body)</p>\n"
        let response =
            "HTTP/1.1 \(status)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(page.utf8.count)\r\nConnection: close\r\n\r\n"
            + page
        let bytes = Array(response.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    private static func html(_ text: String) -> String {
        String(text.prefix(100).map { "<>&\"'".contains($0) ? "?" : $0 })
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
