import Foundation
import IMAP
import Testing

@testable import IMAPClient

/// AUTHENTICATE OAUTHBEARER / XOAUTH2 over a scripted server: mechanism choice, SASL-IR, and the
/// error challenge answered before the tagged NO.
@Suite struct OAuth2LoginTests {
    let endpoint = IMAPEndpoint(host: "imap.example.com", port: 993, timeout: 1)
    static let token = "ya29.SECRET-access-token"
    static let googleChallenge =
        "eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIG1hYyIsInNjb3BlIjoiaHR0cHM6Ly9tYWlsLmdvb2dsZS5jb20vIn0K"

    func capability(_ caps: String) -> (String, String) {
        ("CAPABILITY", "* CAPABILITY IMAP4rev1 \(caps)\r\nTAG OK done\r\n")
    }

    @Test func prefersOAuthBearerWithSASLIR() throws {
        let transport = ScriptedTransport([
            capability("SASL-IR AUTH=PLAIN AUTH=XOAUTH2 AUTH=OAUTHBEARER"),
            ("AUTHENTICATE OAUTHBEARER", "TAG OK [CAPABILITY IMAP4rev1 CONDSTORE] Logged in\r\n"),
        ])
        var trace: [String] = []
        let session = try IMAPSession(transport: transport, endpoint: endpoint) { trace.append("\($0)") }
        try session.login(user: "me@example.com", accessToken: Self.token)
        let sent = try #require(transport.sent.last)
        let encoded = String(sent.dropFirst("M2 AUTHENTICATE OAUTHBEARER ".count).dropLast(1))
        #expect(
            String(decoding: Data(base64Encoded: encoded) ?? Data(), as: UTF8.self)
                == "n,a=me@example.com,\u{1}host=imap.example.com\u{1}port=993\u{1}auth=Bearer \(Self.token)\u{1}\u{1}")
        #expect(session.capabilities.contains(.condStore))
        #expect(!trace.joined().contains(Self.token) && !trace.joined().contains(encoded))
    }

    @Test func gmailStyleXOAUTH2WithoutSASLIRWaitsForTheContinuation() throws {
        let message = Data("user=me@gmail.com\u{1}auth=Bearer \(Self.token)\u{1}\u{1}".utf8).base64EncodedString()
        let transport = ScriptedTransport([
            capability("X-GM-EXT-1 AUTH=XOAUTH2 AUTH=PLAIN"),
            ("AUTHENTICATE XOAUTH2", "+ \r\n"),
            (
                "=" + message,
                "* CAPABILITY IMAP4rev1 X-GM-EXT-1 CONDSTORE\r\nM2 OK me@gmail.com authenticated (Success)\r\n"
            ),
        ])
        let session = try IMAPSession(transport: transport, endpoint: endpoint)
        try session.login(user: "me@gmail.com", credential: .oauth2(accessToken: Self.token))
        #expect(transport.sent[1] == "M2 AUTHENTICATE XOAUTH2\r\n")
        #expect(transport.sent[2] == message + "\r\n")
        #expect(session.isGmail)
    }

    /// Gmail's refusal: `+ <base64 JSON>`, the client's empty answer, then the tagged NO.
    @Test func errorChallengeIsAnsweredThenTheNOIsToldApart() throws {
        let transport = ScriptedTransport([
            capability("SASL-IR AUTH=XOAUTH2"),
            ("AUTHENTICATE XOAUTH2", "+ \(Self.googleChallenge)\r\n"),
            ("=\r\n", "M2 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)\r\n"),
        ])
        let session = try IMAPSession(transport: transport, endpoint: endpoint)
        #expect {
            try session.login(user: "me@gmail.com", accessToken: Self.token)
        } throws: { error in
            guard case IMAPSessionError.authentication(.tokenRejected, let text)? = error as? IMAPSessionError else {
                return false
            }
            return text.contains("Invalid credentials") && !text.contains(Self.token)
        }
        #expect(transport.sent[2] == "\r\n")
    }

    @Test func oauthBearerAnswersWithCtrlA() throws {
        let challenge = Data(#"{"status":"insufficient_scope","scope":"https://mail.google.com/"}"#.utf8)
            .base64EncodedString()
        let transport = ScriptedTransport([
            capability("SASL-IR AUTH=OAUTHBEARER"),
            ("AUTHENTICATE OAUTHBEARER", "+ \(challenge)\r\n"),
            ("=AQ==\r\n", "M2 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n"),
        ])
        let session = try IMAPSession(transport: transport, endpoint: endpoint)
        #expect {
            try session.login(user: "me@example.com", accessToken: Self.token)
        } throws: { error in
            if case IMAPSessionError.authentication(.insufficientScope, _)? = error as? IMAPSessionError { return true }
            return false
        }
        #expect(transport.sent[2] == "AQ==\r\n")
    }

    @Test func workspaceAdminDisablingIMAPIsNotCalledAnExpiredToken() throws {
        let transport = ScriptedTransport([
            capability("SASL-IR AUTH=XOAUTH2"),
            ("AUTHENTICATE XOAUTH2", "+ \(Self.googleChallenge)\r\n"),
            (
                "=\r\n",
                "* NO [ALERT] IMAP access is disabled for your domain. Please contact your domain administrator for questions about this feature. (Failure)\r\nM2 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)\r\n"
            ),
        ])
        let session = try IMAPSession(transport: transport, endpoint: endpoint)
        #expect {
            try session.login(user: "me@corp.example", accessToken: Self.token)
        } throws: { error in
            if case IMAPSessionError.authentication(.imapDisabledForDomain, _)? = error as? IMAPSessionError {
                return true
            }
            return false
        }
    }

    @Test func aFavouredMechanismIsUsedOnlyWhenOffered() throws {
        let both = ScriptedTransport([
            capability("SASL-IR AUTH=XOAUTH2 AUTH=OAUTHBEARER"), ("AUTHENTICATE XOAUTH2", "TAG OK done\r\n"),
            ("CAPABILITY", "* CAPABILITY IMAP4rev1\r\nTAG OK done\r\n"),
        ])
        try IMAPSession(transport: both, endpoint: endpoint).login(
            user: "me@gmail.com", accessToken: Self.token, mechanism: .xoauth2)
        #expect(both.sent[1].hasPrefix("M2 AUTHENTICATE XOAUTH2 "))
        let bearerOnly = ScriptedTransport([
            capability("SASL-IR AUTH=OAUTHBEARER"), ("AUTHENTICATE OAUTHBEARER", "TAG OK done\r\n"),
            ("CAPABILITY", "* CAPABILITY IMAP4rev1\r\nTAG OK done\r\n"),
        ])
        try IMAPSession(transport: bearerOnly, endpoint: endpoint).login(
            user: "me@gmail.com", accessToken: Self.token, mechanism: .xoauth2)
        #expect(bearerOnly.sent[1].hasPrefix("M2 AUTHENTICATE OAUTHBEARER "))
    }

    @Test func aServerWithoutOAuthIsToldSoAndNothingIsSent() throws {
        let transport = ScriptedTransport([capability("AUTH=PLAIN")])
        let session = try IMAPSession(transport: transport, endpoint: endpoint)
        #expect {
            try session.login(user: "me@example.com", accessToken: Self.token)
        } throws: { error in
            if case IMAPSessionError.noOAuth2Mechanism? = error as? IMAPSessionError { return true }
            return false
        }
        #expect(transport.sent.count == 1)
        #expect(throws: IMAPSessionError.self) {
            try session.login(user: "me@example.com", accessToken: Self.token, mechanism: .oauthBearer)
        }
    }

    @Test func aSecondChallengeIsAProtocolError() throws {
        let transport = ScriptedTransport([
            capability("SASL-IR AUTH=XOAUTH2"),
            ("AUTHENTICATE XOAUTH2", "+ \(Self.googleChallenge)\r\n"),
            ("=\r\n", "+ again\r\n"),
        ])
        let session = try IMAPSession(transport: transport, endpoint: endpoint)
        #expect {
            try session.login(user: "me@gmail.com", accessToken: Self.token)
        } throws: { error in
            if case IMAPSessionError.protocolViolation? = error as? IMAPSessionError { return true }
            return false
        }
    }
}
