import Foundation
import IMAP
import TestSupport
import Testing

@testable import IMAPClient

/// Runs a command to completion and returns its exit status (used for openssl and python3).
@discardableResult
func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (
    status: Int32, output: Data
) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
}

/// A throw-away self-signed certificate for 127.0.0.1, made once per test run.
enum TestCertificate {
    struct Paths: Sendable {
        let directory: String
        let cert: String
        let key: String
    }

    static let shared: Paths? = make(name: "fake")
    /// A second, unrelated CA: trusting it must make verification of the real server fail.
    static let unrelated: Paths? = make(name: "unrelated")

    /// One folder per test process, removed when it exits.
    static let root: String = {
        let dir = ScratchFolder.root.appendingPathComponent("mailmirror-imap-tests-\(getpid())")
            .path
        atexit { try? FileManager.default.removeItem(atPath: TestCertificate.root) }
        return dir
    }()

    private static func make(name: String) -> Paths? {
        let dir = root + "/" + name
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let cert = dir + "/cert.pem"
        let key = dir + "/key.pem"
        let result = try? run(
            "openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert,
            ])
        guard result?.status == 0 else { return nil }
        return Paths(directory: dir, cert: cert, key: key)
    }
}

/// The scripted fake server (Fixtures/fake_imap.py) playing one scenario for one connection.
final class FakeServer {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fake_imap.py").path
    static let user = "support@example.com"
    static let password = "abcdefghijklmnop"

    let process = Process()
    let port: Int
    let logPath: String
    let caFile: String

    init(_ scenario: String) throws {
        let cert = try #require(TestCertificate.shared, "openssl could not make a test certificate")
        caFile = cert.cert
        logPath = cert.directory + "/\(scenario)-\(UUID().uuidString).log"
        FileManager.default.createFile(atPath: logPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script, cert.cert, cert.key, scenario, logPath]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The script prints its port once it listens.
        var line = Data()
        while true {
            let byte = pipe.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        port = try #require(Int(String(decoding: line, as: UTF8.self)), "fake_imap.py did not print a port")
    }

    deinit {
        // SIGKILL: the test runner's threads may block SIGTERM, and spawned children inherit the mask.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: logPath)
    }

    func endpoint(timeout: Double = 5) -> IMAPEndpoint {
        IMAPEndpoint(host: "127.0.0.1", port: port, security: .tls, caFile: caFile, timeout: timeout)
    }

    /// Every command line the client sent, as the server saw it (literals inlined).
    var commands: [String] {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// A connected, logged-in session with a trace recorder.
    func session(timeout: Double = 5, limits: FramingLimits = FramingLimits(), recorder: TraceRecorder? = nil) throws
        -> IMAPSession
    {
        let session = try IMAPSession(endpoint: endpoint(timeout: timeout), limits: limits, trace: recorder?.record)
        try session.login(user: Self.user, password: Self.password)
        return session
    }
}

/// Collects trace lines so tests can check what `--verbose` would print.
final class TraceRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [IMAPTraceEvent] = []
    func record(_ event: IMAPTraceEvent) {
        lock.lock()
        events.append(event)
        lock.unlock()
    }
    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return events.map {
            switch $0 {
            case .sent(let s): return "C: " + s
            case .received(let s): return "S: " + s
            case .note(let s): return "-- " + s
            }
        }
    }
}

/// The real Dovecot the project's test command starts, described by environment variables.
struct TestServerEnvironment {
    let host: String
    let imapsPort: Int
    let imapPort: Int
    let caFile: String
    let user: String
    let password: String

    static let names = [
        "MAILMIRROR_TEST_HOST", "MAILMIRROR_TEST_IMAPS_PORT", "MAILMIRROR_TEST_IMAP_PORT",
        "MAILMIRROR_TEST_CA", "MAILMIRROR_TEST_USER", "MAILMIRROR_TEST_PASSWORD",
    ]

    /// Whether the real-server tests run: when the server is described, or when the test command
    /// requires it (`MAILMIRROR_REQUIRE_TESTBED=1`, set by scripts/test), so a missing server fails
    /// them there; a plain `swift test` skips them.
    static let shouldRun: Bool = {
        let env = ProcessInfo.processInfo.environment
        return env["MAILMIRROR_REQUIRE_TESTBED"] == "1" || names.allSatisfy { !(env[$0] ?? "").isEmpty }
    }()

    /// Fails the calling test when the test server is not described (the `.testbed` trait decided to run it).
    static func require() throws -> TestServerEnvironment {
        let env = ProcessInfo.processInfo.environment
        let missing = names.filter { (env[$0] ?? "").isEmpty }
        try #require(
            missing.isEmpty,
            "The real-server IMAP tests need a running Dovecot: \(missing.joined(separator: ", ")) not set. Run them through the project's test command (./scripts/test), which starts one and sets these variables."
        )
        return TestServerEnvironment(
            host: env["MAILMIRROR_TEST_HOST"]!, imapsPort: try #require(Int(env["MAILMIRROR_TEST_IMAPS_PORT"]!)),
            imapPort: try #require(Int(env["MAILMIRROR_TEST_IMAP_PORT"]!)), caFile: env["MAILMIRROR_TEST_CA"]!,
            user: env["MAILMIRROR_TEST_USER"]!, password: env["MAILMIRROR_TEST_PASSWORD"]!)
    }

    func endpoint(_ security: IMAPEndpoint.Security = .tls, caFile: String? = nil) -> IMAPEndpoint {
        IMAPEndpoint(
            host: host, port: security == .tls ? imapsPort : imapPort, security: security,
            caFile: caFile ?? self.caFile, timeout: 10)
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only with the Dovecot test bed (see `TestServerEnvironment.shouldRun`).
    static var testbed: Self {
        .enabled(
            if: TestServerEnvironment.shouldRun,
            "needs the Dovecot test bed: run ./scripts/test (or ./scripts/test -- --filter NAME)")
    }
}
