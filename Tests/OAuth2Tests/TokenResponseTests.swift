import Testing

@testable import OAuth2

@Suite struct TokenResponseTests {
    func parse(_ status: Int, _ body: String) throws(OAuth2Error) -> TokenResponse {
        try TokenResponse.parse(status: status, body: Array(body.utf8), host: "oauth2.googleapis.com")
    }

    /// The shape of Google's answer to a code exchange.
    @Test func readsGooglesAnswer() throws {
        let response = try parse(
            200,
            #"{"access_token":"ya29.a0AfB","expires_in":3599,"refresh_token":"1//0gLr","scope":"https://mail.google.com/","token_type":"Bearer"}"#
        )
        #expect(
            response.accessToken == "ya29.a0AfB" && response.refreshToken == "1//0gLr" && response.expiresIn == 3599)
        #expect(try parse(200, #"{"access_token":"t","token_type":"bearer"}"#).refreshToken == nil)
    }

    @Test(
        arguments: [
            (
                400, #"{"error":"invalid_grant","error_description":"Token has been expired or revoked."}"#,
                OAuth2Error.invalidGrant(description: "Token has been expired or revoked.")
            ),
            (
                401, #"{"error":"invalid_client","error_description":"The OAuth client was not found."}"#,
                .invalidClient(description: "The OAuth client was not found.")
            ),
            (400, #"{"error":"invalid_scope"}"#, .invalidScope(description: nil)),
            (503, "<html>Service Unavailable</html>", .serverUnavailable(host: "oauth2.googleapis.com", status: 503)),
            (
                200, "<html>captive portal</html>",
                .badResponse(host: "oauth2.googleapis.com", why: "its answer is not JSON")
            ),
            (
                200, #"{"token_type":"Bearer"}"#,
                .badResponse(host: "oauth2.googleapis.com", why: "its answer has no access_token")
            ),
            (
                200, #"{"access_token":"t","token_type":"MAC"}"#,
                .badResponse(host: "oauth2.googleapis.com", why: "it issued a MAC token, not a Bearer token")
            ),
            (
                400, #"{"error":"unsupported_grant_type"}"#,
                .refused(host: "oauth2.googleapis.com", status: 400, error: "unsupported_grant_type", description: nil)
            ),
        ] as [(Int, String, OAuth2Error)])
    func toldApart(status: Int, body: String, expected: OAuth2Error) {
        #expect(throws: expected) { try parse(status, body) }
    }

    @Test func onlyNetworkAndServerTroubleIsTemporary() {
        #expect(OAuth2Error.timeout(host: "h", seconds: 30).isTemporary)
        #expect(OAuth2Error.serverUnavailable(host: "h", status: 503).isTemporary)
        #expect(!OAuth2Error.invalidGrant(description: nil).isTemporary)
        #expect(!OAuth2Error.badResponse(host: "h", why: "x").isTemporary)
        #expect(OAuth2Error.invalidGrant(description: nil).description.contains("revoked"))
    }

    /// The forms hold the secrets, so they are only ever a request body; check their fields.
    @Test func formsCarryWhatRFC6749Asks() {
        let endpoint = TokenEndpoint(endpoints: .google, clientID: "cid", clientSecret: "cs")
        #expect(
            FormEncoding.decode(Substring(endpoint.refreshForm(refreshToken: "1//rt")))
                == ["grant_type": "refresh_token", "refresh_token": "1//rt", "client_id": "cid", "client_secret": "cs"])
        #expect(
            FormEncoding.decode(
                Substring(endpoint.exchangeForm(code: "4/c", redirectURI: "http://127.0.0.1:5/", verifier: "v")))
                == [
                    "grant_type": "authorization_code", "code": "4/c", "redirect_uri": "http://127.0.0.1:5/",
                    "client_id": "cid",
                    "client_secret": "cs", "code_verifier": "v",
                ])
    }
}
