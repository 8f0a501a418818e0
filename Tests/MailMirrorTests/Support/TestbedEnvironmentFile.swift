import Foundation
import MailCore

@testable import MailMirror

/// A `testbed.env` written by scripts/testbed, scripts/testbed-cyrus or scripts/testbed-courier: `KEY=VALUE`
/// lines, optionally after `export `, values optionally in single or double quotes; `#` lines are comments.
/// It describes one private server (MAILMIRROR_TEST_SERVER, _HOST, _IMAPS_PORT, _CA, _USER, _PASSWORD, …).
struct TestbedEnvironmentFile {
    let path: String
    let values: [String: String]

    init(path: String) throws {
        self.path = path
        values = try Self.parse(String(contentsOfFile: path, encoding: .utf8))
    }

    /// Parses the text of an env file; a line that is neither blank, a comment nor `KEY=VALUE` is refused.
    static func parse(_ text: String) throws -> [String: String] {
        var values: [String: String] = [:]
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") {
                line = String(line.dropFirst("export ".count)).trimmingCharacters(in: .whitespaces)
            }
            guard let equals = line.firstIndex(of: "="), equals != line.startIndex else {
                throw Testbed.TestbedMissing(message: "line \(number + 1) is not KEY=VALUE: \(rawLine)")
            }
            let key = String(line[..<equals])
            var value = String(line[line.index(after: equals)...])
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = String(value.dropFirst().dropLast())
                if quote == "\"" {
                    value = value.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(
                        of: "\\\\", with: "\\")
                }
            }
            values[key] = value
        }
        return values
    }

    /// The value of `MAILMIRROR_TEST_<name>`, or an error naming the file.
    func require(_ name: String) throws -> String {
        guard let value = values["MAILMIRROR_TEST_\(name)"], !value.isEmpty else {
            throw Testbed.TestbedMissing(message: "\(path) has no MAILMIRROR_TEST_\(name)")
        }
        return value
    }

    /// "dovecot" when the file does not say (scripts/testbed predates MAILMIRROR_TEST_SERVER).
    var server: String { values["MAILMIRROR_TEST_SERVER"] ?? "dovecot" }

    /// An account named `name` that mirrors only `mailbox` over implicit TLS, verifying the testbed's CA,
    /// with a password file of its own under `root`.
    func account(name: String, mailbox: String, root: URL) throws -> AccountConfiguration {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let file = root.appendingPathComponent("password-\(name)")
        guard
            FileManager.default.createFile(
                atPath: file.path, contents: Data(try require("PASSWORD").utf8),
                attributes: [.posixPermissions: 0o600])
        else {
            throw Testbed.TestbedMissing(message: "cannot write \(file.path)")
        }
        guard let port = Int(try require("IMAPS_PORT")) else {
            throw Testbed.TestbedMissing(message: "\(path): MAILMIRROR_TEST_IMAPS_PORT is not a number")
        }
        return AccountConfiguration(
            name: name, email: try require("USER"), host: try require("HOST"), port: port,
            security: .tls, password: .file(file.path), caFile: try require("CA"),
            mailboxes: [mailbox])
    }
}
