import Foundation
import Testing

@testable import MailMirror

/// The OAuth 2.0 side of the test bed (scripts/testbed_oauth2.py, started by scripts/testbed):
/// Dovecot's oauth2 passdb checks tokens against its introspection endpoint, and it fakes Google's
/// authorization and token endpoints over HTTPS with the test bed's CA. Its client ids choose how
/// the token endpoint behaves (revoked…, badjson…, slow…, expired…, deny…).
struct OAuth2Testbed {
    let bed: Testbed
    /// https://127.0.0.1:PORT
    let url: String
    static let clientSecret = "test-client-secret"

    static func require() throws -> OAuth2Testbed {
        let bed = try Testbed.require()
        guard let url = ProcessInfo.processInfo.environment["MAILMIRROR_TEST_OAUTH2_URL"], !url.isEmpty else {
            throw Testbed.TestbedMissing(
                message:
                    "the test bed has no OAuth 2.0 helper (MAILMIRROR_TEST_OAUTH2_URL); restart it with this scripts/testbed"
            )
        }
        return OAuth2Testbed(bed: bed, url: url)
    }

    var helper: String { bed.scriptsFolder + "/testbed_oauth2.py" }
    var envFile: String { bed.directory + "/testbed.env" }

    /// What mailmirror needs to talk to the fake Google instead of the real one.
    var environment: [String: String?] {
        [
            "MAILMIRROR_OAUTH2_TOKEN_URL": url + "/token", "MAILMIRROR_OAUTH2_AUTH_URL": url + "/auth",
            "MAILMIRROR_OAUTH2_CA_FILE": bed.caFile,
        ]
    }

    /// A command printing a fresh access token (what --oauth2-token-command runs).
    func tokenCommand(expired: Bool = false) -> String {
        "python3 \(helper) token --env \(envFile)" + (expired ? " --expired" : "")
    }

    /// Every access token the fake has issued so far.
    func issuedTokens() throws -> [String] {
        try ProcessRun.output("/usr/bin/env", ["python3", helper, "issued", "--env", envFile]).split(separator: "\n")
            .map(String.init)
    }

    /// A client secret file (mode 600) in Google's downloaded-JSON shape.
    func clientSecretFile(in folder: URL) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("client_secret.json")
        let json =
            #"{"installed":{"client_id":"unused","client_secret":"\#(Self.clientSecret)","redirect_uris":["http://localhost"]}}"#
        _ = FileManager.default.createFile(
            atPath: file.path, contents: Data(json.utf8), attributes: [.posixPermissions: 0o600])
        return file.path
    }

    /// Runs `mailmirror account authorize` and plays the browser: opens the URL it prints (the fake
    /// redirects to mailmirror's loopback listener with a code). Returns the run and its argv.
    func authorize(
        binary: String, root: String, account: String, clientID: String, secretFile: String,
        extra: [String: String?] = [:]
    ) throws -> (run: ProcessRun, cmdline: String, browser: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--root", root, "account", "authorize", account, "--client-id", clientID,
            "--client-secret-file", secretFile, "--timeout", "60",
        ]
        var merged = ProcessInfo.processInfo.environment
        for (name, value) in environment.merging(extra, uniquingKeysWith: { $1 }) { merged[name] = value }
        process.environment = merged
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let cmdline = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/cmdline", encoding: .utf8)) ?? ""
        var text = ""
        var url: String?
        while url == nil {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            url = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first {
                $0.hasPrefix(self.url + "/auth?")
            }
        }
        var browser = ""
        if let url {
            browser =
                (try? ProcessRun.run("/usr/bin/env", ["python3", helper, "browse", url, "--env", envFile]))
                .map { $0.output + $0.errors } ?? ""
        }
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let run = ProcessRun(
            status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal,
            output: text + String(decoding: rest, as: UTF8.self), errors: String(decoding: errorData, as: UTF8.self))
        return (run, cmdline, browser)
    }

    /// Writes config.json with one account that signs in through the fake Google with `clientID`,
    /// its refresh token in a 0600 file. Returns the refresh token.
    func googleAccount(root: URL, name: String, mailbox: String, clientID: String) throws -> String {
        let refreshToken = "rt-\(UUID().uuidString)"
        let tokenFile = root.appendingPathComponent("oauth2").appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: tokenFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(
            atPath: tokenFile.path, contents: Data((refreshToken + "\n").utf8), attributes: [.posixPermissions: 0o600])
        let secretFile = try clientSecretFile(in: root.appendingPathComponent("client"))
        let paths = MirrorPaths(root: root)
        var configuration = try Configuration.load(from: paths.configuration)
        configuration.accounts.append(
            AccountConfiguration(
                name: name, email: bed.user, host: bed.host, port: bed.imapsPort, security: .tls, password: nil,
                oauth2: .google(clientID: clientID, clientSecretFile: secretFile, refreshToken: .file(tokenFile.path)),
                caFile: bed.caFile, mailboxes: [mailbox]))
        try configuration.save(to: paths.configuration)
        return refreshToken
    }
}
