import Foundation
import MailCore
import Testing

@testable import MailMirror

/// The private Dovecot that `scripts/test` starts (see scripts/testbed), reached through its
/// MAILMIRROR_TEST_* variables. Each test works in a mailbox of its own so tests can run in
/// parallel and change the server (expunge, UIDVALIDITY) without disturbing each other.
struct Testbed {
    let host: String
    let imapsPort: Int
    let imapPort: Int
    let caFile: String
    let user: String
    let password: String
    let dovecotConf: String
    /// The test bed's folder and the scripts that manage it (scripts/testbed deliver …).
    let directory: String
    let scriptsFolder: String

    static let variables = [
        "MAILMIRROR_TEST_HOST", "MAILMIRROR_TEST_IMAPS_PORT", "MAILMIRROR_TEST_IMAP_PORT",
        "MAILMIRROR_TEST_CA", "MAILMIRROR_TEST_USER", "MAILMIRROR_TEST_PASSWORD",
        "MAILMIRROR_TEST_DOVECOT_CONF", "MAILMIRROR_TEST_DIR", "MAILMIRROR_TEST_SCRIPTS",
    ]

    /// Whether tests that need the test bed run: when it is described, or when the test command
    /// requires it (`MAILMIRROR_REQUIRE_TESTBED=1`, set by scripts/test and so CI), in which case a
    /// missing test bed fails them instead of skipping them silently. A plain `swift test` skips them.
    static let shouldRun: Bool = {
        let env = ProcessInfo.processInfo.environment
        return env["MAILMIRROR_REQUIRE_TESTBED"] == "1" || variables.allSatisfy { !(env[$0] ?? "").isEmpty }
    }()

    /// The test bed, or a failure when it is missing (the `.testbed` trait has already decided to run).
    static func require() throws -> Testbed {
        let env = ProcessInfo.processInfo.environment
        let missing = variables.filter { (env[$0] ?? "").isEmpty }
        guard missing.isEmpty else {
            throw TestbedMissing(
                message:
                    "the Dovecot test bed is not running (missing \(missing.joined(separator: ", "))); run ./scripts/test"
            )
        }
        return Testbed(
            host: env["MAILMIRROR_TEST_HOST"]!, imapsPort: Int(env["MAILMIRROR_TEST_IMAPS_PORT"]!)!,
            imapPort: Int(env["MAILMIRROR_TEST_IMAP_PORT"]!)!, caFile: env["MAILMIRROR_TEST_CA"]!,
            user: env["MAILMIRROR_TEST_USER"]!, password: env["MAILMIRROR_TEST_PASSWORD"]!,
            dovecotConf: env["MAILMIRROR_TEST_DOVECOT_CONF"]!, directory: env["MAILMIRROR_TEST_DIR"]!,
            scriptsFolder: env["MAILMIRROR_TEST_SCRIPTS"]!)
    }

    struct TestbedMissing: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Runs doveadm against the test bed and returns its standard output.
    @discardableResult
    func doveadm(_ arguments: [String], input: [UInt8]? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/doveadm")
        process.arguments = ["-c", dovecotConf] + arguments
        let output = Pipe()
        let errors = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input)) }
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestbedMissing(
                message:
                    "doveadm \(arguments.joined(separator: " ")) failed: \(String(decoding: errorData, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A new, empty mailbox with a unique name for one test. Tried again under a new name when doveadm says the
    /// mailbox exists: on a fresh test bed, parallel tests creating their first mailboxes race to make the user's
    /// mail folders, and the loser's EEXIST is reported as "Mailbox already exists" (seen once on a fresh machine).
    func makeMailbox(_ prefix: String) throws -> String {
        var attempt = 0
        while true {
            attempt += 1
            let name = "\(prefix)-\(UUID().uuidString.prefix(8))"
            do {
                try doveadm(["mailbox", "create", "-u", user, name])
                return name
            } catch let error as TestbedMissing where attempt < 3 && error.message.contains("already exists") {
                continue
            }
        }
    }

    /// Appends a message (CRLF line ends, as IMAP serves them) and returns nothing; UIDs ascend.
    func deliver(_ message: String, to mailbox: String) throws {
        let crlf = message.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        try doveadm(["save", "-u", user, "-m", mailbox], input: Array(crlf.utf8))
    }

    func flags(of uid: Int, in mailbox: String) throws -> String {
        try doveadm(["-f", "flow", "fetch", "-u", user, "flags", "mailbox", mailbox, "uid", String(uid)])
    }

    /// An account that mirrors only `mailbox`, with a password file of its own.
    func account(
        mailbox: String, root: URL, security: ConnectionSecurity = .tls, password: String? = nil,
        caFile: String? = nil
    ) throws -> AccountConfiguration {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let file = root.appendingPathComponent("password-\(UUID().uuidString.prefix(6))")
        FileManager.default.createFile(
            atPath: file.path, contents: Data((password ?? self.password).utf8),
            attributes: [.posixPermissions: 0o600])
        return AccountConfiguration(
            name: "test", email: user, host: host, port: security == .tls ? imapsPort : imapPort,
            security: security, password: .file(file.path), caFile: caFile ?? self.caFile,
            mailboxes: [mailbox])
    }

    /// A sample message with some variety: 8-bit UTF-8, a long line, a fake attachment.
    static func sampleMessage(_ index: Int) -> String {
        let body = index % 3 == 0 ? String(repeating: "Ligne accentuée éàü \(index) ", count: 200) : "Hello \(index)"
        return """
            From: Client \(index) <client\(index)@example.org>
            To: help@example.com
            Subject: Question \(index) =?UTF-8?Q?r=C3=A9ponse?=
            Message-ID: <m\(index)@example.org>
            Date: Tue, 5 Mar 2024 10:\(String(format: "%02d", index % 60)):00 +0100
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            \(body)
            -- 
            Client \(index)

            """
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only with the Dovecot test bed (see `Testbed.shouldRun`); the skip says how.
    static var testbed: Self {
        .enabled(
            if: Testbed.shouldRun, "needs the Dovecot test bed: run ./scripts/test (or ./scripts/test -- --filter NAME)"
        )
    }
}
