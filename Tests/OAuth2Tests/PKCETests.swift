import Testing

@testable import OAuth2

@Suite struct PKCETests {
    /// RFC 7636 Appendix B.
    @Test func s256ChallengeMatchesTheRFCExample() {
        let pkce = PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        #expect(pkce.challenge == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        #expect(pkce.method == "S256")
    }

    /// FIPS 180-4 examples, including the two-block one.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256(input: String, hex: String) {
        let digest = SHA256.hash(Array(input.utf8)).map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }
            .joined()
        #expect(digest == hex)
    }

    @Test func randomVerifiersAreLongEnoughAndDiffer() {
        let a = PKCE.random()
        let b = PKCE.random()
        #expect(a.verifier.count == 43 && b.verifier.count == 43)
        #expect(a.verifier != b.verifier)
        #expect(a.verifier.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }
}

@Suite struct AuthorizationRequestTests {
    @Test func urlCarriesEverythingGoogleNeeds() throws {
        let pkce = PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        let request = AuthorizationRequest(
            endpoints: .google, clientID: "123-abc.apps.googleusercontent.com",
            redirectURI: "http://127.0.0.1:43210/", pkce: pkce, state: "st4te", loginHint: "help@example.com")
        let url = request.url
        #expect(url.hasPrefix("https://accounts.google.com/o/oauth2/v2/auth?"))
        let fields = FormEncoding.decode(url.split(separator: "?", maxSplits: 1)[1])
        #expect(fields["client_id"] == "123-abc.apps.googleusercontent.com")
        #expect(fields["redirect_uri"] == "http://127.0.0.1:43210/")
        #expect(fields["response_type"] == "code")
        #expect(fields["scope"] == "https://mail.google.com/")
        #expect(fields["code_challenge"] == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        #expect(fields["code_challenge_method"] == "S256")
        #expect(fields["state"] == "st4te")
        #expect(fields["access_type"] == "offline" && fields["prompt"] == "consent")
        #expect(fields["login_hint"] == "help@example.com")
        #expect(!url.contains(pkce.verifier), "the verifier goes only to the token endpoint")
    }

    @Test func formEncodingRoundTrips() {
        let fields = [("a b", "x&y=z"), ("scope", "https://mail.google.com/"), ("é", "~._-")]
        let encoded = FormEncoding.encode(fields)
        #expect(encoded == "a%20b=x%26y%3Dz&scope=https%3A%2F%2Fmail.google.com%2F&%C3%A9=~._-")
        #expect(FormEncoding.decode(Substring(encoded)) == Dictionary(uniqueKeysWithValues: fields))
        #expect(FormEncoding.decode("a=b+c&d") == ["a": "b c", "d": ""])
    }

    @Test func endpointsComeFromTheEnvironmentOnlyWhenSet() {
        #expect(OAuth2Endpoints.fromEnvironment([:]) == .google)
        let test = OAuth2Endpoints.fromEnvironment([
            "MAILMIRROR_OAUTH2_TOKEN_URL": "https://127.0.0.1:9/token",
            "MAILMIRROR_OAUTH2_AUTH_URL": "https://127.0.0.1:9/auth",
            "MAILMIRROR_OAUTH2_CA_FILE": "/tmp/ca.pem",
        ])
        #expect(
            test.tokenURL == "https://127.0.0.1:9/token" && test.authorizationURL == "https://127.0.0.1:9/auth"
                && test.caFile == "/tmp/ca.pem")
    }
}
