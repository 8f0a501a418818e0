import Testing

@testable import IMAP

@Suite struct AuthenticationFailureTests {
    /// The texts Gmail sends (as documented by Google and reported by users), and Dovecot's.
    @Test(arguments: [
        (
            "[ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)",
            AuthenticationFailure.appPasswordRequired
        ),
        ("[AUTHENTICATIONFAILED] Invalid credentials (Failure)", .invalidCredentials),
        (
            "[ALERT] Your account is not enabled for IMAP use. Please visit your Gmail settings page and enable your account for IMAP access. (Failure)",
            .imapDisabledByUser
        ),
        (
            "[ALERT] IMAP access is disabled for your domain. Please contact your domain administrator for questions about this feature. (Failure)",
            .imapDisabledForDomain
        ),
        (
            "[ALERT] Please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 (Failure)",
            .webLoginRequired
        ),
        ("[WEBALERT https://accounts.google.com/signin/continue?sarp=1&scc=1] Web login required.", .webLoginRequired),
        ("[ALERT] Too many simultaneous connections. (Failure)", .tooManyConnections),
        ("[AUTHENTICATIONFAILED] Authentication failed.", .invalidCredentials),
        ("[UNAVAILABLE] Temporary authentication failure.", .other),
        ("Login failed.", .other),
    ])
    func classifiesServerText(line: String, expected: AuthenticationFailure) throws {
        guard case .tagged(let t) = try Fixture.parse("A2 NO \(line)\r\n") else {
            Issue.record("not tagged")
            return
        }
        #expect(AuthenticationFailure.classify(code: t.text.code, text: t.text.text) == expected)
    }

    @Test func everyCaseHasDistinctAdvice() {
        let advice = AuthenticationFailure.allCases.map(\.advice)
        #expect(Set(advice).count == advice.count)
        #expect(AuthenticationFailure.appPasswordRequired.advice.contains("2-Step Verification"))
        #expect(AuthenticationFailure.invalidCredentials.advice.contains("revokes"))
        #expect(AuthenticationFailure.tooManyConnections.advice.contains("15"))
        #expect(AuthenticationFailure.other.advice.contains("Advanced Protection"))
        #expect(
            AuthenticationFailure.tooManyConnections.isTemporary
                && !AuthenticationFailure.invalidCredentials.isTemporary)
    }
}
