import Foundation
import Testing

@testable import OAuth2

/// The loopback listener, driven by a real TCP client as a browser would.
@Suite struct LoopbackRedirectTests {
    /// The response a `browse` got, once it has.
    final class Answer: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var text = ""
        func set(_ value: String) {
            text = value
            done.signal()
        }
        var value: String {
            done.wait()
            done.signal()
            return text
        }
    }

    /// Sends one HTTP GET to the listener from a Dispatch thread (the listener blocks the test's
    /// own thread) and returns the response.
    func browse(_ port: UInt16, _ target: String) -> Answer {
        browse(port, [target])[0]
    }

    /// Sends the GETs one after the other (each after the previous one's response), so the listener
    /// sees them in this order: a request it never accepts would otherwise wait for ever.
    func browse(_ port: UInt16, _ targets: [String]) -> [Answer] {
        let answers = targets.map { _ in Answer() }
        DispatchQueue.global().async {
            for (target, answer) in zip(targets, answers) { answer.set(Self.get(port, target)) }
        }
        return answers
    }

    static func get(_ port: UInt16, _ target: String) -> String {
        do {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            guard connected else { return "" }
            // A listener that never answers fails the test after 20 s instead of hanging it.
            var timeout = timeval(tv_sec: 20, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
            _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            var out: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = read(fd, &buffer, buffer.count)
                if n <= 0 { break }
                out += buffer[0..<n]
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    @Test func returnsTheCodeOfItsOwnRequestAndIgnoresOthers() throws {
        let listener = try LoopbackRedirect()
        #expect(listener.redirectURI == "http://127.0.0.1:\(listener.port)/")
        let answers = browse(
            listener.port, ["/favicon.ico", "/?state=s1&code=4%2F0Adeu&scope=https%3A%2F%2Fmail.google.com%2F"])
        let (favicon, answer) = (answers[0], answers[1])
        let code = try listener.waitForCode(state: "s1", timeoutSeconds: 10)
        #expect(code == "4/0Adeu")
        #expect(answer.value.contains("200 OK"))
        #expect(favicon.value.contains("404"))
    }

    @Test func aDenialOrAnotherRequestsStateFails() throws {
        let denied = try LoopbackRedirect()
        _ = browse(denied.port, "/?error=access_denied&state=s2")
        #expect(throws: OAuth2Error.authorizationDenied("access_denied")) {
            try denied.waitForCode(state: "s2", timeoutSeconds: 10)
        }
        let forged = try LoopbackRedirect()
        _ = browse(forged.port, "/?code=stolen&state=other")
        #expect(throws: OAuth2Error.stateMismatch) { try forged.waitForCode(state: "s3", timeoutSeconds: 10) }
    }

    @Test func givesUpAfterTheTimeout() throws {
        let listener = try LoopbackRedirect()
        let start = Date()
        #expect(throws: OAuth2Error.authorizationTimedOut(seconds: 1)) {
            try listener.waitForCode(state: "s", timeoutSeconds: 1)
        }
        #expect(Date().timeIntervalSince(start) < 5)
    }
}
