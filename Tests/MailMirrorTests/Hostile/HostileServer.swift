import Foundation
import MailCore
import Store
import TestSupport
import Testing

@testable import MailMirror

/// Fixtures/hostile/hostile_imap.py playing one scenario over real TLS on 127.0.0.1, for as
/// many connections as the sync opens.
final class HostileServer {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/hostile/hostile_imap.py").path
    static let user = "hostile@example.com"
    static let password = "hostile-secret-pw"

    let process = Process()
    let port: Int
    let logPath: String
    let caFile: String

    init(_ scenario: String) throws {
        let certificate = try #require(HostileCertificate.shared, "openssl could not make a test certificate")
        caFile = certificate.cert
        logPath = certificate.directory + "/\(scenario)-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script, certificate.cert, certificate.key, scenario, logPath]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while true {
            let byte = pipe.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        port = try #require(Int(String(decoding: line, as: UTF8.self)), "hostile_imap.py did not print a port")
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: logPath)
    }

    /// Every command line the server received, plus "<connect>" for each connection.
    var log: [String] {
        let text = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: logPath))) ?? Data(), as: UTF8.self)
        return text.split(separator: "\n").map(String.init)
    }

    var connections: Int { log.filter { $0 == "<connect>" }.count }
}

/// A throw-away self-signed certificate for 127.0.0.1, made once per test process.
enum HostileCertificate {
    struct Paths: Sendable {
        let directory: String
        let cert: String
        let key: String
    }

    static let shared: Paths? = {
        let directory = ScratchFolder.root.appendingPathComponent("mm-hostile-cert-\(getpid())")
            .path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        atexit {
            try? FileManager.default.removeItem(
                atPath: ScratchFolder.root
                    .appendingPathComponent("mm-hostile-cert-\(getpid())").path)
        }
        let cert = directory + "/cert.pem"
        let key = directory + "/key.pem"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? Paths(directory: directory, cert: cert, key: key) : nil
    }()
}

/// A temp folder holding the mirror root (`<base>/root`) and the password file beside it, so a
/// test can prove that nothing was written next to the root, let alone further out.
final class HostileMirror {
    let base: URL
    let root: URL
    let passwordFile: URL

    init() throws {
        base = ScratchFolder.root.appendingPathComponent("mm-hostile-\(UUID().uuidString)")
        root = base.appendingPathComponent("root")
        passwordFile = base.appendingPathComponent("password")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(
            atPath: passwordFile.path, contents: Data(HostileServer.password.utf8),
            attributes: [.posixPermissions: 0o600])
    }

    deinit { try? FileManager.default.removeItem(at: base) }

    func account(_ server: HostileServer, mailboxes: [String] = ["Bad", "Good"], gmail: Bool = false)
        -> AccountConfiguration
    {
        AccountConfiguration(
            name: "test", email: HostileServer.user, host: "127.0.0.1", port: server.port, security: .tls,
            password: .file(passwordFile.path), caFile: server.caFile, mailboxes: mailboxes, gmail: gmail)
    }

    /// One whole sync of `account` through `LocalMirror`, as `mailmirror sync` runs it.
    func sync(_ account: AccountConfiguration, timeout: Double = 5) throws -> AccountSyncResult {
        try configure(account)
        var options = SyncOptions()
        options.reconnectAttempts = 2
        options.reconnectDelays = [0.05]
        let results = try LocalMirror(root: root).sync(
            accounts: [], connector: IMAPConnector(timeout: timeout),
            observer: SilentSyncObserver(), options: options)
        #expect(results.count == 1)
        if ProcessInfo.processInfo.environment["HOSTILE_VERBOSE"] != nil {
            for failure in results[0].failures {
                print("HOSTILE \(failure.temporary ? "temporary" : "permanent"): \(failure.message)")
            }
        }
        return results[0]
    }

    /// Writes config.json with `account` alone.
    func configure(_ account: AccountConfiguration) throws {
        var configuration = Configuration()
        configuration.accounts = [account]
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try configuration.save(to: MirrorPaths(root: root).configuration)
    }

    struct CLIRun {
        var status: Int32
        var output: String
        var errors: String
        /// Peak resident memory of the mailmirror process itself (wait4's rusage), in bytes.
        var peakBytes: Int
    }

    /// Runs the real `mailmirror --root <root> sync …` (built by `swift build`) as a child whose
    /// own peak memory is measured apart from the test process.
    func runSync(_ account: AccountConfiguration, extra: [String] = []) throws -> CLIRun {
        try configure(account)
        let binary = try #require(KillResumeTests.binary(), "build mailmirror first (swift build)")
        let (run, peak) = try ProcessRun.measured(binary, ["--root", root.path, "sync", "--timeout", "5"] + extra)
        return CLIRun(status: run.status, output: run.output, errors: run.errors, peakBytes: peak)
    }

    func mailbox(_ name: String) throws -> MailboxStore {
        try MailStore(root: root).mailbox(account: "test", name: name)
    }

    /// The messages stored for `name` in its current epoch, UID → bytes.
    func messages(_ name: String) throws -> [UInt32: String] {
        let store = try mailbox(name)
        guard let state = try store.readState() else { return [:] }
        var out: [UInt32: String] = [:]
        for uid in try store.storedMessages(uidValidity: state.uidValidity).keys {
            out[uid.rawValue] = String(
                decoding: try store.readMessage(uidValidity: state.uidValidity, uid: uid), as: UTF8.self)
        }
        return out
    }

    /// Everything under the root resolves (realpath) inside it, the root's own folders are the
    /// ones the store writes, nothing but the root and the password file sits beside it, and
    /// the store verifies clean.
    func expectConfined(sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let realRoot = realpath(root.path, nil) else {
            Issue.record("no root", sourceLocation: sourceLocation)
            return
        }
        let rootPath = String(cString: realRoot)
        free(realRoot)
        let beside = try FileManager.default.contentsOfDirectory(atPath: base.path).sorted()
        #expect(beside == ["password", "root"], "written beside the root: \(beside)", sourceLocation: sourceLocation)
        let top = Set(try FileManager.default.contentsOfDirectory(atPath: root.path))
        let known: Set<String> = [
            "accounts", "catalog", "index", "index.state", "derived.state", "lock", "config.json", "budget",
        ]
        #expect(
            top.isSubset(of: known), "unexpected entries in the root: \(top.subtracting(known).sorted())",
            sourceLocation: sourceLocation)
        let enumerator = try #require(FileManager.default.enumerator(atPath: root.path), sourceLocation: sourceLocation)
        var count = 0
        while let relative = enumerator.nextObject() as? String {
            count += 1
            let path = root.path + "/" + relative
            guard let resolved = realpath(path, nil) else {
                Issue.record("cannot resolve \(path)", sourceLocation: sourceLocation)
                continue
            }
            let text = String(cString: resolved)
            free(resolved)
            #expect(
                text.hasPrefix(rootPath + "/"), "\(relative) resolves outside the root: \(text)",
                sourceLocation: sourceLocation)
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect(
                attributes[.type] as? FileAttributeType != .typeSymbolicLink, "symlink \(relative)",
                sourceLocation: sourceLocation)
        }
        #expect(count > 0, sourceLocation: sourceLocation)
        // Account folders hold only folders the store's own name encoding produces.
        let accounts = root.appendingPathComponent("accounts/test").path
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: accounts)) ?? [] {
            #expect(
                MailboxDirectoryName(directoryName: entry) != nil, "stray folder \(entry)",
                sourceLocation: sourceLocation)
        }
        let problems = try StoreVerifier(store: MailStore(root: root)).verify()
        #expect(problems.isEmpty, "verify: \(problems)", sourceLocation: sourceLocation)
    }
}

/// An error a person reads: a sentence, not a Swift value dump.
func expectSentence(_ text: String?, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let text else {
        Issue.record("expected an error message", sourceLocation: sourceLocation)
        return
    }
    #expect(
        text.count >= 15 && text.count < 2_000, "length \(text.count): \(text.prefix(300))",
        sourceLocation: sourceLocation)
    #expect(text.contains(" "), "\(text)", sourceLocation: sourceLocation)
    let dumps = [
        "Optional(", "Swift.", "IMAPSessionError", "IMAPProtocolError", "IMAPConnectionError", "StoreError(",
        "MailMirrorError", "Error(", "(code:", "rawValue:", "\\u{",
    ]
    for dump in dumps {
        #expect(!text.contains(dump), "type dump \(dump) in: \(text)", sourceLocation: sourceLocation)
    }
    // An enum case with a payload, e.g. `protocolViolation(` or `.closed(`.
    #expect(
        text.range(of: #"(^|[\s.])[a-z]+[A-Z][A-Za-z]*\("#, options: .regularExpression) == nil,
        "enum dump in: \(text)", sourceLocation: sourceLocation)
    #expect(!text.contains(HostileServer.password), "the password leaked: \(text)", sourceLocation: sourceLocation)
    #expect(
        !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F },
        "control characters in: \(text.debugDescription)",
        sourceLocation: sourceLocation)
}

/// Peak resident memory of this process so far, in bytes.
func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return usage.ru_maxrss * 1024
}

/// Every hostile-server test, one at a time: the memory checks measure one sync, and the
/// servers stay few.
@Suite(.serialized) enum HostileSyncTests {}
