import Foundation
import Testing

@testable import IMAP

@Suite struct OAuth2MechanismTests {
    /// Google's own example (https://developers.google.com/gmail/imap/xoauth2-protocol).
    @Test func xoauth2MatchesGooglesExample() {
        let message = OAuth2Mechanism.xoauth2.initialMessage(
            user: "someuser@example.com",
            token: "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg", host: "imap.gmail.com", port: 993)
        #expect(
            Data(message).base64EncodedString()
                == "dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ=="
        )
    }

    /// RFC 7628 §4.1's example.
    @Test func oauthBearerMatchesRFC7628() {
        let message = OAuth2Mechanism.oauthBearer.initialMessage(
            user: "user@example.com",
            token: "vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg==", host: "server.example.com", port: 143)
        #expect(
            String(decoding: message, as: UTF8.self)
                == "n,a=user@example.com,\u{1}host=server.example.com\u{1}port=143\u{1}auth=Bearer vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg==\u{1}\u{1}"
        )
        #expect(
            Data(message).base64EncodedString()
                == "bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9c2VydmVyLmV4YW1wbGUuY29tAXBvcnQ9MTQzAWF1dGg9QmVhcmVyIHZGOWRmdDRxbVRjMk52YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2c9PQEB"
        )
    }

    @Test func gs2HeaderEscapesCommaAndEquals() {
        let message = String(
            decoding: OAuth2Mechanism.oauthBearer.initialMessage(user: "a,b=c@x", token: "t", host: "h", port: 1),
            as: UTF8.self)
        #expect(message.hasPrefix("n,a=a=2Cb=3Dc@x,\u{1}"))
    }

    @Test func oauthBearerIsPreferredAndXOAUTH2IsTheFallback() {
        #expect(OAuth2Mechanism.preferred(in: [.authPlain, .authXOAUTH2, .authOAuthBearer]) == .oauthBearer)
        #expect(OAuth2Mechanism.preferred(in: [.authPlain, Capability("auth=xoauth2")]) == .xoauth2)
        #expect(OAuth2Mechanism.preferred(in: [.authPlain, .saslIR]) == nil)
        #expect(OAuth2Mechanism.oauthBearer.errorChallengeReply == "AQ==")
        #expect(Data(base64Encoded: OAuth2Mechanism.oauthBearer.errorChallengeReply) == Data([1]))
        #expect(OAuth2Mechanism.xoauth2.errorChallengeReply == "")
    }

    @Test func encoderSendsTheTokenOnlyOnTheWireNeverInTheTrace() {
        let encoder = CommandEncoder()
        let withIR = encoder.encode(
            .authenticateOAuth2(
                .xoauth2, user: "u@x", token: "SECRET-TOKEN", host: "h", port: 993, initialResponse: true), tag: "A1")
        let expected = Data("user=u@x\u{1}auth=Bearer SECRET-TOKEN\u{1}\u{1}".utf8).base64EncodedString()
        #expect(
            withIR.segments.map { String(decoding: $0, as: UTF8.self) } == ["A1 AUTHENTICATE XOAUTH2 \(expected)\r\n"])
        #expect(withIR.trace == "A1 AUTHENTICATE XOAUTH2 <credentials hidden>")
        let withoutIR = encoder.encode(
            .authenticateOAuth2(
                .oauthBearer, user: "u@x", token: "SECRET-TOKEN", host: "h", port: 993, initialResponse: false),
            tag: "A2")
        #expect(withoutIR.segments.count == 2)
        #expect(String(decoding: withoutIR.segments[0], as: UTF8.self) == "A2 AUTHENTICATE OAUTHBEARER\r\n")
        #expect(!withoutIR.trace.contains("SECRET") && !withoutIR.trace.contains(expected))
        #expect(
            Command.authenticateOAuth2(.xoauth2, user: "", token: "", host: "", port: 0, initialResponse: true)
                .isSensitive)
    }
}

@Suite struct OAuth2ErrorChallengeTests {
    /// Google's example challenge, Dovecot's two (seen from the test bed's Dovecot 2.3.19), and RFC 7628's.
    @Test(
        arguments: [
            (
                "eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIG1hYyIsInNjb3BlIjoiaHR0cHM6Ly9tYWlsLmdvb2dsZS5jb20vIn0K",
                "401", "https://mail.google.com/", AuthenticationFailure.tokenRejected
            ),
            ("eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIiwic2NvcGUiOiJtYWlsIn0=", "401", "mail", .tokenRejected),
            ("eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIn0=", "invalid_token", nil, .tokenRejected),
            (
                Data(#"{"status":"insufficient_scope","scope":"https://mail.google.com/"}"#.utf8).base64EncodedString(),
                "insufficient_scope", "https://mail.google.com/", .insufficientScope
            ),
            (
                Data(#"{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}"#.utf8)
                    .base64EncodedString(), "400", "https://mail.google.com/", .insufficientScope
            ),
            (Data(#"{"status":"invalid_request"}"#.utf8).base64EncodedString(), "invalid_request", nil, .other),
        ] as [(String, String, String?, AuthenticationFailure)])
    func parsesAndTellsApart(base64: String, status: String, scope: String?, failure: AuthenticationFailure) throws {
        let challenge = try #require(OAuth2ErrorChallenge(base64: base64))
        #expect(challenge.status == status)
        #expect(challenge.scope == scope)
        #expect(challenge.failure == failure)
    }

    @Test func garbageIsNotAChallenge() {
        #expect(OAuth2ErrorChallenge(base64: "not base64!") == nil)
        #expect(OAuth2ErrorChallenge(base64: Data("[1,2]".utf8).base64EncodedString()) == nil)
        #expect(OAuth2ErrorChallenge(base64: Data(#"{"scope":"x"}"#.utf8).base64EncodedString()) == nil)
        #expect(
            OAuth2ErrorChallenge(base64: Data(#"{"status":401}"#.utf8).base64EncodedString())?.failure == .tokenRejected
        )
    }

    /// For an OAuth 2.0 sign-in, "invalid credentials" means the token, and the server's words about
    /// IMAP being off still win over the challenge.
    @Test func oauth2ClassificationKeepsTheServersWordsAboutIMAP() {
        let rejected = OAuth2ErrorChallenge(status: "401")
        #expect(
            AuthenticationFailure.classifyOAuth2(
                code: .authenticationFailed, text: "Invalid credentials (Failure)", challenge: nil) == .tokenRejected)
        #expect(
            AuthenticationFailure.classifyOAuth2(
                code: .authenticationFailed, text: "Authentication failed.", challenge: rejected) == .tokenRejected)
        #expect(
            AuthenticationFailure.classifyOAuth2(
                code: nil, text: "Authentication failed.", challenge: OAuth2ErrorChallenge(status: "403"))
                == .insufficientScope)
        #expect(
            AuthenticationFailure.classifyOAuth2(
                code: .alert,
                text:
                    "IMAP access is disabled for your domain. Please contact your domain administrator for questions about this feature. (Failure)",
                challenge: rejected) == .imapDisabledForDomain)
        #expect(
            AuthenticationFailure.classifyOAuth2(
                code: .alert, text: "Your account is not enabled for IMAP use.", challenge: nil) == .imapDisabledByUser)
        #expect(AuthenticationFailure.classifyOAuth2(code: nil, text: "Server busy", challenge: nil) == .other)
        #expect(AuthenticationFailure.tokenRejected.advice.contains("account authorize"))
        #expect(AuthenticationFailure.insufficientScope.advice.contains("https://mail.google.com/"))
    }
}
