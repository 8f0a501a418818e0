import Foundation
import Store
import TestSupport
import Testing

@testable import MailMirror

/// The app password never appears in output, errors, verbose traces, files we write, or argv,
/// on the success path and on every failure path we can provoke.
@Suite(.testbed) struct SecretsTests {
    func run(_ binary: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (
        output: String, status: Int32, cmdline: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let cmdline = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/cmdline", encoding: .utf8)) ?? ""
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), process.terminationStatus, cmdline)
    }

    /// Every byte of every file under `root`, gzip files inflated, searched for `secret`.
    func filesContain(_ secret: String, under root: URL) -> [String] {
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard let data = FileManager.default.contents(atPath: url.path),
                !url.lastPathComponent.hasPrefix("password-")
            else { continue }
            if data.range(of: Data(secret.utf8)) != nil { found.append(url.path) }
            // A gzip file (the store's messages) is searched inflated too: compressed, the secret
            // would not show in the raw bytes.
            if data.starts(with: [0x1F, 0x8B]) {
                guard let inflated = try? Gzip.decompress([UInt8](data)) else {
                    found.append(url.path + " (gzip that does not inflate)")
                    continue
                }
                if Data(inflated).range(of: Data(secret.utf8)) != nil { found.append(url.path + " (inflated)") }
            }
        }
        return found
    }

    @Test func passwordNeverLeaksOnSuccessOrFailure() throws {
        let bed = try Testbed.require()
        let binary = try #require(KillResumeTests.binary())
        let mailbox = try bed.makeMailbox("secrets")
        try bed.deliver(Testbed.sampleMessage(1), to: mailbox)
        let root = ScratchFolder.root.appendingPathComponent("mm-secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let goodFile = root.appendingPathComponent("password-good")
        _ = FileManager.default.createFile(
            atPath: goodFile.path, contents: Data(bed.password.utf8), attributes: [.posixPermissions: 0o600])
        let wrong = "zyxwvutsrqponmlk"
        let common = [
            "--email", bed.user, "--host", bed.host, "--port", String(bed.imapsPort), "--ca-file", bed.caFile,
            "--mailbox", mailbox,
        ]
        let mirror = root.appendingPathComponent("mirror").path

        var transcripts: [String] = []
        var commandLines: [String] = []
        func record(_ result: (output: String, status: Int32, cmdline: String)) {
            transcripts.append(result.output)
            commandLines.append(result.cmdline)
        }
        record(
            try run(binary, ["--root", mirror, "account", "add", "good", "--password-file", goodFile.path] + common))
        record(
            try run(
                binary, ["--root", mirror, "account", "add", "env", "--password-env", "MM_SECRET_TEST"] + common,
                environment: ["MM_SECRET_TEST": wrong]))
        record(try run(binary, ["--root", mirror, "--verbose", "account", "test", "good"]))
        let sync = try run(binary, ["--root", mirror, "--verbose", "sync", "good"])
        record(sync)
        #expect(sync.status == 0, "\(sync.output)")
        #expect(sync.output.contains("LOGIN") || sync.output.contains("AUTHENTICATE"), "verbose shows the conversation")
        let refused = try run(
            binary, ["--root", mirror, "--verbose", "sync", "env", "--json"], environment: ["MM_SECRET_TEST": wrong])
        record(refused)
        #expect(refused.status != 0)
        record(
            try run(
                binary, ["--root", mirror, "--verbose", "account", "test", "env"],
                environment: ["MM_SECRET_TEST": wrong]))
        record(try run(binary, ["--root", mirror, "account", "list", "--json"]))
        record(try run(binary, ["--root", mirror, "status"]))

        for secret in [bed.password, wrong] {
            for transcript in transcripts { #expect(!transcript.contains(secret)) }
            for line in commandLines { #expect(!line.contains(secret)) }
            #expect(filesContain(secret, under: URL(fileURLWithPath: mirror)).isEmpty)
        }
    }

    /// OAuth 2.0: access tokens (from a token command or the token endpoint), refresh tokens and the
    /// client secret never appear in output, `--verbose` traces, errors, argv, or the files we write
    /// other than the refresh token file itself.
    @Test func oauth2TokensNeverLeakOnSuccessOrFailure() throws {
        let oauth = try OAuth2Testbed.require()
        let bed = oauth.bed
        let binary = try #require(KillResumeTests.binary())
        let mailbox = try bed.makeMailbox("secrets-oauth2")
        try bed.deliver(Testbed.sampleMessage(1), to: mailbox)
        let root = ScratchFolder.root.appendingPathComponent(
            "mm-secrets-oauth2-\(UUID().uuidString)")
        let mirror = root.appendingPathComponent("mirror")
        try FileManager.default.createDirectory(at: mirror, withIntermediateDirectories: true)
        let common = [
            "--email", bed.user, "--host", bed.host, "--port", String(bed.imapsPort), "--ca-file", bed.caFile,
            "--mailbox", mailbox,
        ]
        let env = oauth.environment.compactMapValues { $0 }

        var transcripts: [String] = []
        var commandLines: [String] = []
        func record(_ result: (output: String, status: Int32, cmdline: String)) {
            transcripts.append(result.output)
            commandLines.append(result.cmdline)
        }
        record(
            try run(
                binary,
                ["--root", mirror.path, "account", "add", "cmd", "--oauth2-token-command", oauth.tokenCommand()]
                    + common))
        record(
            try run(
                binary,
                [
                    "--root", mirror.path, "account", "add", "stale", "--oauth2-token-command",
                    oauth.tokenCommand(expired: true),
                ] + common))
        record(try run(binary, ["--root", mirror.path, "account", "add", "google", "--oauth2"] + common))
        let secretFile = try oauth.clientSecretFile(in: root.appendingPathComponent("client"))
        let authorized = try oauth.authorize(
            binary: binary, root: mirror.path, account: "google", clientID: "ok-client", secretFile: secretFile)
        #expect(authorized.run.status == 0, "\(authorized.run.errors)")
        transcripts += [authorized.run.output, authorized.run.errors, authorized.browser]
        commandLines.append(authorized.cmdline)
        let revokedToken = try oauth.googleAccount(
            root: mirror, name: "revoked", mailbox: mailbox, clientID: "revoked-client")

        let good = try run(binary, ["--root", mirror.path, "--verbose", "sync", "cmd", "google"], environment: env)
        record(good)
        #expect(good.status == 0, "\(good.output)")
        #expect(good.output.contains("AUTHENTICATE OAUTHBEARER <credentials hidden>"))
        let refused = try run(
            binary, ["--root", mirror.path, "--verbose", "sync", "stale", "revoked", "--json"], environment: env)
        record(refused)
        #expect(refused.status == 1)
        #expect(refused.output.contains("expired or revoked") && refused.output.contains("invalid_grant"))
        record(try run(binary, ["--root", mirror.path, "--verbose", "account", "test", "cmd"], environment: env))
        record(try run(binary, ["--root", mirror.path, "--verbose", "account", "test", "google"], environment: env))
        record(try run(binary, ["--root", mirror.path, "--verbose", "account", "test", "stale"], environment: env))
        record(try run(binary, ["--root", mirror.path, "account", "list", "--json"]))
        record(try run(binary, ["--root", mirror.path, "account", "list"]))
        record(try run(binary, ["--root", mirror.path, "status"]))

        let refreshFile = mirror.appendingPathComponent("oauth2/google").path
        let refreshToken = try String(contentsOfFile: refreshFile, encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let accessTokens = try oauth.issuedTokens()
        #expect(accessTokens.count >= 3, "the fake issued the tokens these runs used")
        for secret in accessTokens + [refreshToken, revokedToken, OAuth2Testbed.clientSecret] {
            for transcript in transcripts { #expect(!transcript.contains(secret)) }
            for line in commandLines { #expect(!line.contains(secret)) }
            // The refresh token files are the one place a refresh token is meant to be; the client
            // secret file is the user's (googleAccount puts one under the mirror).
            let leaks = filesContain(secret, under: mirror).filter {
                !$0.hasPrefix(mirror.appendingPathComponent("oauth2").path)
                    && !$0.hasSuffix("/client/client_secret.json")
            }
            #expect(leaks.isEmpty, "\(leaks)")
        }
        let config = try String(contentsOf: mirror.appendingPathComponent("config.json"), encoding: .utf8)
        #expect(config.contains("refreshTokenFile") && !config.contains(refreshToken))
    }
}
