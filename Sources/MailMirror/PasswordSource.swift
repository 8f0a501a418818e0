import FoundationEssentials
import Glibc

/// Where an account's app password comes from. Only the reference is ever stored in
/// config.json; the secret itself is read at the moment of connecting and never written.
public enum PasswordSource: Codable, Sendable, Hashable {
    /// A file holding the password; refused when group or others can read it.
    case file(String)
    /// A shell command whose first line of output is the password (e.g. `pass show gmail`).
    case command(String)
    /// An environment variable holding the password.
    case environment(String)

    private enum CodingKeys: String, CodingKey { case file, command, env }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let path = try container.decodeIfPresent(String.self, forKey: .file) {
            self = .file(path)
        } else if let command = try container.decodeIfPresent(String.self, forKey: .command) {
            self = .command(command)
        } else if let name = try container.decodeIfPresent(String.self, forKey: .env) {
            self = .environment(name)
        } else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "password needs one of file, command, env"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .file(let path): try container.encode(path, forKey: .file)
        case .command(let command): try container.encode(command, forKey: .command)
        case .environment(let name): try container.encode(name, forKey: .env)
        }
    }

    /// A short description for `account list`, without the secret.
    public var summary: String {
        switch self {
        case .file(let path): return "file \(path)"
        case .command(let command): return "command \(command)"
        case .environment(let name): return "environment variable \(name)"
        }
    }

    /// Reads the secret now. Errors never contain it.
    public func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Secret {
        let raw: String
        switch self {
        case .file(let path):
            raw = try Self.readProtectedFile(path)
        case .command(let command):
            raw = try Self.run(command, what: "password command")
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw MailMirrorError.passwordUnavailable("the environment variable \(name) is not set or empty")
            }
            raw = value
        }
        let firstLine =
            raw.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(
                String.init) ?? ""
        let secret = Secret(pasted: firstLine)
        guard !secret.isEmpty else {
            throw MailMirrorError.passwordUnavailable("the password source (\(summary)) gave an empty password")
        }
        return secret
    }

    static func readProtectedFile(_ path: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw MailMirrorError.passwordUnavailable(
                "cannot read the password file \(path): \(String(cString: strerror(errno)))")
        }
        if info.st_mode & 0o077 != 0 {
            throw MailMirrorError.passwordUnavailable(
                "the password file \(path) can be read by other users (mode \(String(info.st_mode & 0o777, radix: 8))); run: chmod 600 \(path)"
            )
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw MailMirrorError.passwordUnavailable("cannot read the password file \(path)")
        }
        return text
    }

    /// Runs `command` with `/bin/sh -c`; its standard output, stderr discarded (a helper may print
    /// a secret there when it fails). `what` names it in errors.
    static func run(_ command: String, what: String) throws -> String {
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess(path: "/bin/sh", arguments: ["-c", command]).run(captureOutput: true)
        } catch {
            throw MailMirrorError.passwordUnavailable("cannot run the \(what): \(error.reason)")
        }
        guard outcome.status == 0 else {
            throw MailMirrorError.passwordUnavailable("the \(what) exited with status \(outcome.status)")
        }
        let data = outcome.output
        return String(decoding: data, as: UTF8.self)
    }
}
