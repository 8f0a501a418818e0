import Foundation
import MailCore
import Store
import TestSupport
import Testing

@testable import MailMirror

/// OAuth 2.0 sign-in against real parts: the test bed's Dovecot with its oauth2 passdb (tokens
/// checked by a local introspection endpoint), and a local fake of Google's token endpoint over
/// HTTPS, driven through the real `mailmirror` binary.
@Suite(.testbed) struct OAuth2SignInTests {
    let root = ScratchFolder.root.appendingPathComponent("mm-oauth2-\(UUID().uuidString)")

    func mirror(_ name: String) -> String { root.appendingPathComponent(name).path }

    /// Every stored message of `account`/`mailbox` under `mirror`, by UID.
    func stored(mirror: String, account: String, mailbox: String) throws -> [UInt32: [UInt8]] {
        let store = try MailStore(root: URL(fileURLWithPath: mirror)).mailbox(account: account, name: mailbox)
        let epoch = try #require(try store.readState()).uidValidity
        var messages: [UInt32: [UInt8]] = [:]
        for uid in 1...40 {
            if let bytes = try? store.readMessage(uidValidity: epoch, uid: UID(UInt32(uid))) {
                messages[UInt32(uid)] = bytes
            }
        }
        return messages
    }

    /// The target: XOAUTH2 (and OAUTHBEARER, after `account authorize`) mirror byte for byte what
    /// the app password mirrors.
    @Test func xoauth2SyncMirrorsTheSameBytesAsTheAppPassword() throws {
        let oauth = try OAuth2Testbed.require()
        let bed = oauth.bed
        let binary = try #require(KillResumeTests.binary())
        let mailbox = try bed.makeMailbox("oauth2")
        for index in 1...10 { try bed.deliver(Testbed.sampleMessage(index), to: mailbox) }
        let server = [
            "--email", bed.user, "--host", bed.host, "--port", String(bed.imapsPort), "--ca-file", bed.caFile,
            "--mailbox", mailbox,
        ]
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let passwordFile = root.appendingPathComponent("password-app")
        _ = FileManager.default.createFile(
            atPath: passwordFile.path, contents: Data(bed.password.utf8), attributes: [.posixPermissions: 0o600])

        // 1. The app password, as before.
        try ProcessRun.output(
            binary,
            ["--root", mirror("password"), "account", "add", "support", "--password-file", passwordFile.path] + server)
        let byPassword = try ProcessRun.run(binary, ["--root", mirror("password"), "--verbose", "sync", "--json"])
        #expect(byPassword.status == 0, "\(byPassword.errors)")
        #expect(byPassword.errors.contains("AUTHENTICATE PLAIN <credentials hidden>"))

        // 2. A token command, through XOAUTH2 (Dovecot offers both mechanisms; Gmail's is XOAUTH2).
        try ProcessRun.output(
            binary,
            ["--root", mirror("xoauth2"), "account", "add", "support", "--oauth2-token-command", oauth.tokenCommand()]
                + server)
        let byXOAUTH2 = try ProcessRun.run(
            binary, ["--root", mirror("xoauth2"), "--verbose", "sync", "--json"],
            environment: ["MAILMIRROR_OAUTH2_MECHANISM": "XOAUTH2"])
        #expect(byXOAUTH2.status == 0, "\(byXOAUTH2.errors)")
        #expect(byXOAUTH2.errors.contains("AUTHENTICATE XOAUTH2 <credentials hidden>"))
        #expect(byXOAUTH2.fetched == 10)

        // 3. `account add --oauth2` + `account authorize` (loopback redirect, PKCE), then OAUTHBEARER.
        try ProcessRun.output(
            binary, ["--root", mirror("authorized"), "account", "add", "support", "--oauth2"] + server)
        let notYet = try ProcessRun.run(binary, ["--root", mirror("authorized"), "sync"])
        #expect(notYet.status == 1)
        #expect(notYet.errors.contains("not authorized yet: run `mailmirror account authorize support"))
        let secretFile = try oauth.clientSecretFile(in: root.appendingPathComponent("client"))
        let authorized = try oauth.authorize(
            binary: binary, root: mirror("authorized"), account: "support", clientID: "ok-client",
            secretFile: secretFile)
        #expect(
            authorized.run.status == 0,
            "\(authorized.run.output) \(authorized.run.errors) browser: \(authorized.browser)")
        #expect(authorized.browser.contains("mailmirror is authorized"))
        let tokenFile = mirror("authorized") + "/oauth2/support"
        let attributes = try FileManager.default.attributesOfItem(atPath: tokenFile)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: tokenFile, encoding: .utf8).hasPrefix("rt-"))
        let list = try ProcessRun.run(binary, ["--root", mirror("authorized"), "account", "list", "--json"])
        let entry = try #require(
            (try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]])?.first)
        #expect(entry["auth"] as? String == "oauth2")
        #expect(entry["password"] is NSNull)
        #expect(
            (entry["oauth2"] as? [String: String]) == [
                "clientId": "ok-client", "clientSecretFile": secretFile, "refreshTokenFile": tokenFile,
            ])
        let byRefresh = try ProcessRun.run(
            binary, ["--root", mirror("authorized"), "--verbose", "sync", "--json"], environment: oauth.environment)
        #expect(byRefresh.status == 0, "\(byRefresh.errors)")
        #expect(byRefresh.errors.contains("AUTHENTICATE OAUTHBEARER <credentials hidden>"))

        let expected = try stored(mirror: mirror("password"), account: "support", mailbox: mailbox)
        #expect(expected.count == 10)
        #expect(try stored(mirror: mirror("xoauth2"), account: "support", mailbox: mailbox) == expected)
        #expect(try stored(mirror: mirror("authorized"), account: "support", mailbox: mailbox) == expected)
        try ProcessRun.output(binary, ["--root", mirror("authorized"), "account", "remove", "support"])
        #expect(!FileManager.default.fileExists(atPath: tokenFile), "removing the account removes its refresh token")
        for index in 1...10 {
            #expect(
                expected[UInt32(index)]
                    == Array(Testbed.sampleMessage(index).replacingOccurrences(of: "\n", with: "\r\n").utf8))
        }
    }

    /// Each way an OAuth 2.0 sign-in fails ends with its exit code and the one thing to do.
    @Test(arguments: [
        ("revoked-client", [String: String](), Int32(1), "invalid_grant"),
        (
            "revoked-client", [:], 1,
            "Run `mailmirror account authorize oa --client-id ID --client-secret-file FILE` again"
        ),
        ("badjson-client", [:], 1, "its answer is not JSON"),
        ("slow-client", ["MAILMIRROR_OAUTH2_TIMEOUT": "2"], 75, "did not answer the token request within 2 seconds"),
        ("expired-client", [:], 1, "refused the OAuth 2.0 access token as expired or revoked"),
        (
            "ok-client", ["MAILMIRROR_OAUTH2_CA_FILE": "/etc/ssl/certs/ca-certificates.crt"], 1,
            "certificate of 127.0.0.1"
        ),
    ])
    func tokenEndpointFailuresAreToldApart(clientID: String, extra: [String: String], status: Int32, says: String)
        throws
    {
        let oauth = try OAuth2Testbed.require()
        let binary = try #require(KillResumeTests.binary())
        let mailbox = try oauth.bed.makeMailbox("oauth2-fail")
        try oauth.bed.deliver(Testbed.sampleMessage(1), to: mailbox)
        let refreshToken = try oauth.googleAccount(root: root, name: "oa", mailbox: mailbox, clientID: clientID)
        var environment = oauth.environment
        for (name, value) in extra { environment[name] = value }
        let run = try ProcessRun.run(
            binary, ["--root", root.path, "--verbose", "sync", "--json"], environment: environment)
        #expect(run.status == status, "\(run.errors)")
        #expect(run.errors.contains(says), "\(run.errors)")
        let error = ((run.json["accounts"] as? [[String: Any]])?.first?["error"] as? String) ?? ""
        #expect(error.contains(says))
        for token in try oauth.issuedTokens() + [refreshToken, OAuth2Testbed.clientSecret] {
            #expect(!run.output.contains(token) && !run.errors.contains(token))
        }
    }

    @Test func tokenCommandFailuresSayWhatToFix() throws {
        let oauth = try OAuth2Testbed.require()
        let binary = try #require(KillResumeTests.binary())
        let mailbox = try oauth.bed.makeMailbox("oauth2-cmd")
        let server = [
            "--email", oauth.bed.user, "--host", oauth.bed.host, "--port", String(oauth.bed.imapsPort), "--ca-file",
            oauth.bed.caFile, "--mailbox", mailbox,
        ]
        let mirror = root.path
        try ProcessRun.output(
            binary,
            [
                "--root", mirror, "account", "add", "expired", "--oauth2-token-command",
                oauth.tokenCommand(expired: true),
            ] + server)
        try ProcessRun.output(
            binary,
            ["--root", mirror, "account", "add", "broken", "--oauth2-token-command", "echo oops >&2; exit 3"] + server)
        try ProcessRun.output(
            binary, ["--root", mirror, "account", "add", "empty", "--oauth2-token-command", "true"] + server)

        let expired = try ProcessRun.run(binary, ["--root", mirror, "account", "test", "expired"])
        #expect(expired.status == 1)
        #expect(expired.errors.contains("refused the OAuth 2.0 access token as expired or revoked"))
        #expect(expired.errors.contains("--oauth2-token-command prints a fresh access token"))
        let broken = try ProcessRun.run(binary, ["--root", mirror, "sync", "broken"])
        #expect(broken.status == 1)
        #expect(broken.errors.contains("the token command exited with status 3"))
        #expect(!broken.errors.contains("oops"), "the helper's stderr is not shown: it may hold a secret")
        let empty = try ProcessRun.run(binary, ["--root", mirror, "sync", "empty"])
        #expect(empty.status == 1)
        #expect(empty.errors.contains("the token command printed nothing"))
    }

    @Test func aDeniedAuthorizationChangesNothing() throws {
        let oauth = try OAuth2Testbed.require()
        let binary = try #require(KillResumeTests.binary())
        let server = [
            "--email", oauth.bed.user, "--host", oauth.bed.host, "--port", String(oauth.bed.imapsPort), "--ca-file",
            oauth.bed.caFile,
        ]
        try ProcessRun.output(binary, ["--root", root.path, "account", "add", "support", "--oauth2"] + server)
        let before = try String(contentsOf: root.appendingPathComponent("config.json"), encoding: .utf8)
        let secretFile = try oauth.clientSecretFile(in: root.appendingPathComponent("client"))
        let denied = try oauth.authorize(
            binary: binary, root: root.path, account: "support", clientID: "deny-client", secretFile: secretFile)
        #expect(denied.run.status == 1)
        #expect(denied.run.errors.contains("the authorization was not granted (access_denied)"), "\(denied.run.errors)")
        #expect(try String(contentsOf: root.appendingPathComponent("config.json"), encoding: .utf8) == before)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("oauth2/support").path))
    }
}
