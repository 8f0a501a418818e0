import Foundation
import IMAP
import MailCore
import Testing

@testable import IMAPClient

/// Scenarios Dovecot cannot play, against Fixtures/fake_imap.py over real TLS on 127.0.0.1.
@Suite struct FakeServerTests {
    @Test func gmailSessionEndToEnd() throws {
        let server = try FakeServer("gmail")
        let recorder = TraceRecorder()
        let session = try server.session(recorder: recorder)
        #expect(session.isGmail)
        #expect(session.capabilities.contains(.condStore) && session.capabilities.contains(.eSearch))
        #expect(try session.id()?.first == IDParameter(key: "name", value: "GImap"))

        let mailboxes = try session.listMailboxes()
        let all = try #require(mailboxes.first { $0.specialUse == .all })
        #expect(all.name == "[Gmail]/Tous les messages")
        #expect(mailboxes.first { $0.specialUse == .sent }?.name == "[Gmail]/Messages envoyés")
        #expect(mailboxes.first { $0.name == "[Gmail]" }?.isSelectable == false)

        let status = try session.status(all.rawName)
        #expect(
            status
                == MailboxStatus(
                    messages: 5, uidNext: UID(11), uidValidity: UIDValidity(11), highestModSeq: ModSequence(2_089_475)))
        let selected = try session.examine(all.rawName)
        #expect(selected.uidValidity == UIDValidity(11) && selected.uidNext == UID(11) && selected.exists == 5)
        #expect(selected.highestModSeq == ModSequence(2_089_475) && selected.readOnly)
        let uids = try session.allUIDs()
        #expect(uids == [3, 4, 5, 9, 10].map { UID(UInt32($0)) })

        var messages: [FetchedMessage] = []
        try session.fetchMessages(uids: uids + [UID(7)], batchSize: 2, inFlight: 2) { messages.append($0) }
        #expect(messages.map(\.uid) == uids)
        let third = try #require(messages.first { $0.uid == UID(5) })
        #expect(third.labels == ["Clients/Société"])
        #expect(third.gmailMessageId == 1_759_872_262_563_479_005)
        #expect(third.gmailThreadId == 1_759_872_262_563_478_001)
        #expect(third.modSeq == ModSequence(2_089_405))
        #expect(third.flags == [.seen])
        let march6: Int64 = 1_772_528_400 + 3 * 86400  // 06-Mar-2026 10:00:00 +0100 = 09:00Z
        #expect(third.internalDate == march6)
        #expect(third.size == Int64(third.body.count))
        #expect(String(decoding: third.body, as: UTF8.self).hasSuffix("ligne {5}\r\n"))
        #expect(messages.first { $0.uid == UID(3) }?.labels == ["\\Inbox", "\\Important"])
        let updates = try session.fetchFlags(changedSince: ModSequence(1))
        #expect(updates.count == 5 && updates.allSatisfy { $0.modSeq != nil })
        session.logout()

        let commands = server.commands
        #expect(
            commands.contains {
                $0.hasSuffix(
                    "AUTHENTICATE PLAIN "
                        + Data("\0\(FakeServer.user)\0\(FakeServer.password)".utf8).base64EncodedString())
            })
        #expect(commands.contains { $0.contains("LIST \"\" \"*\" RETURN (SPECIAL-USE)") })
        #expect(commands.contains { $0.contains("EXAMINE \"[Gmail]/Tous les messages\" (CONDSTORE)") })
        #expect(commands.contains { $0.contains("UID SEARCH RETURN (ALL) ALL") })
        #expect(
            commands.contains {
                $0.contains(
                    "UID FETCH 3:4 (UID FLAGS INTERNALDATE RFC822.SIZE MODSEQ X-GM-MSGID X-GM-THRID X-GM-LABELS BODY.PEEK[])"
                )
            })
        #expect(commands.contains { $0.contains("UID FETCH 1:* (UID FLAGS MODSEQ) (CHANGEDSINCE 1)") })
        let writes = commands.filter { $0.contains(" SELECT ") || $0.contains(" BODY[]") || $0.contains(" STORE ") }
        #expect(writes.isEmpty, "commands that could change the server: \(writes)")
        // The trace shows the conversation, never the password or a message body.
        let trace = recorder.lines.joined(separator: "\n")
        #expect(trace.contains("C: M2 AUTHENTICATE PLAIN <credentials hidden>"))
        #expect(!trace.contains(FakeServer.password))
        #expect(!trace.contains(Data("\0\(FakeServer.user)\0\(FakeServer.password)".utf8).base64EncodedString()))
        #expect(!trace.contains("Bonjour"))
        #expect(trace.contains("<") && trace.contains("bytes>"))
    }

    @Test(arguments: [
        ("auth-app-password", AuthenticationFailure.appPasswordRequired), ("auth-invalid", .invalidCredentials),
        ("auth-imap-disabled", .imapDisabledByUser), ("auth-domain-disabled", .imapDisabledForDomain),
        ("auth-web-login", .webLoginRequired), ("auth-webalert", .webLoginRequired),
        ("auth-too-many", .tooManyConnections),
        ("auth-echo", .invalidCredentials), ("auth-untagged-webalert", .webLoginRequired),
    ])
    func gmailAuthenticationFailures(scenario: String, expected: AuthenticationFailure) throws {
        let server = try FakeServer(scenario)
        let recorder = TraceRecorder()
        let session = try IMAPSession(endpoint: server.endpoint(), trace: recorder.record)
        do {
            try session.login(user: FakeServer.user, password: FakeServer.password)
            Issue.record("login succeeded")
        } catch {
            guard case .authentication(let failure, let text) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(failure == expected)
            #expect(!text.isEmpty)
            #expect(error.description.contains(expected.advice))
            #expect(!error.description.contains(FakeServer.password))
            #expect(error.isTemporary == (expected == .tooManyConnections))
        }
        #expect(!recorder.lines.joined().contains(FakeServer.password))
    }

    /// Gmail's OAuth 2.0 sign-in over TLS: XOAUTH2 favoured for Gmail, its error challenge answered with an
    /// empty line before the tagged NO, each refusal told apart, the token never in the trace.
    @Test(arguments: [
        ("oauth-ok", nil), ("oauth-expired", AuthenticationFailure.tokenRejected),
        ("oauth-domain-disabled", .imapDisabledForDomain),
    ])
    func gmailOAuth2SignIn(scenario: String, expected: AuthenticationFailure?) throws {
        let token = "ya29.fake-access-token"
        let server = try FakeServer(scenario)
        let recorder = TraceRecorder()
        let session = try IMAPSession(endpoint: server.endpoint(), trace: recorder.record)
        do {
            try session.login(user: FakeServer.user, accessToken: token, mechanism: .xoauth2)
            #expect(expected == nil, "login succeeded")
            #expect(session.isGmail && session.capabilities.contains(.condStore))
            session.logout()
        } catch {
            guard case .authentication(let failure, _) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(failure == expected)
            #expect(!error.description.contains(token))
        }
        let message = Data("user=\(FakeServer.user)\u{1}auth=Bearer \(token)\u{1}\u{1}".utf8).base64EncodedString()
        #expect(server.commands.contains { $0.hasSuffix("AUTHENTICATE XOAUTH2 " + message) })
        #expect(server.commands.contains("<sasl error reply:>") == (scenario == "oauth-expired"))
        #expect(!recorder.lines.joined().contains(token) && !recorder.lines.joined().contains(message))
    }

    @Test func loginWithoutSASLAndWithoutInitialResponse() throws {
        let plain = try FakeServer("no-sasl")
        let a = try plain.session()
        #expect(a.capabilities.contains(.condStore))  // fetched again after a bare OK
        a.logout()
        #expect(plain.commands.contains { $0.hasSuffix("LOGIN \(FakeServer.user) \(FakeServer.password)") })
        let noIR = try FakeServer("auth-no-ir")
        let b = try noIR.session()
        b.logout()
        #expect(noIR.commands.contains { $0.hasSuffix("AUTHENTICATE PLAIN") })
        #expect(noIR.commands.contains("<sasl response>"))
    }

    @Test func throttledAndOverQuotaAreTemporary() throws {
        for (scenario, isThrottle) in [("throttled", true), ("overquota", false)] {
            let server = try FakeServer(scenario)
            let session = try server.session()
            _ = try session.examine(MailboxName("[Gmail]/Tous les messages"))
            do {
                try session.fetchMessages(uids: [UID(3)]) { _ in }
                Issue.record("fetch succeeded")
            } catch let error as IMAPSessionError {
                switch error {
                case .throttled: #expect(isThrottle)
                case .overQuota: #expect(!isThrottle)
                default: Issue.record("got \(error)")
                }
                #expect(error.isTemporary)
            }
        }
    }

    @Test func byeMidSessionIsTemporary() throws {
        let server = try FakeServer("bye")
        let session = try server.session()
        do {
            _ = try session.examine(.inbox)
            Issue.record("examine succeeded")
        } catch {
            guard case .serverClosed(let text) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(text == "Session expired, please login again.")
            #expect(error.isTemporary)
        }
        #expect(throws: IMAPSessionError.self) { try session.listMailboxes() }
    }

    @Test func cutInsideALiteralDeliversNothingPartial() throws {
        let server = try FakeServer("cut-literal")
        let session = try server.session()
        _ = try session.examine(.inbox)
        var delivered = 0
        do {
            try session.fetchMessages(uids: [UID(3)]) { _ in delivered += 1 }
            Issue.record("fetch succeeded")
        } catch let error as IMAPSessionError {
            guard case .connection(.closed(_, midResponse: true)) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(error.isTemporary)
        }
        #expect(delivered == 0)
    }

    @Test func stallEndsInATimeoutNotAHang() throws {
        let server = try FakeServer("stall")
        let session = try server.session(timeout: 1)
        _ = try session.examine(.inbox)
        let start = Date()
        do {
            try session.fetchMessages(uids: [UID(3)]) { _ in }
            Issue.record("fetch succeeded")
        } catch let error as IMAPSessionError {
            guard case .connection(.timeout(_, let seconds)) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(seconds == 1)
            #expect(error.isTemporary)
            #expect(error.description.contains("did not answer within 1 seconds"))
        }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func stallBeforeTheGreetingTimesOut() throws {
        let server = try FakeServer("stall-greeting")
        let start = Date()
        #expect(throws: IMAPSessionError.self) { try IMAPSession(endpoint: server.endpoint(timeout: 1)) }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func stallInTheTLSHandshakeTimesOut() throws {
        let server = try FakeServer("stall-handshake")
        let start = Date()
        do {
            _ = try IMAPSession(endpoint: server.endpoint(timeout: 1))
            Issue.record("connected")
        } catch {
            guard case .connection(.timeout) = error else {
                Issue.record("got \(error)")
                return
            }
        }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func startTLSRequestedButNotOfferedNeverFallsBackToClearText() throws {
        let server = try FakeServer("no-starttls")
        var endpoint = server.endpoint()
        endpoint.security = .starttls
        do {
            _ = try IMAPSession(endpoint: endpoint)
            Issue.record("connected in clear text")
        } catch {
            guard case .connection(.startTLSUnavailable) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(!error.isTemporary)
        }
        #expect(!server.commands.contains { $0.contains("LOGIN") || $0.contains("AUTHENTICATE") })
    }

    @Test func absurdLiteralAndEndlessLineAreProtocolErrors() throws {
        let absurd = try FakeServer("absurd-literal")
        let a = try absurd.session()
        _ = try a.examine(.inbox)
        do {
            try a.fetchMessages(uids: [UID(3)]) { _ in }
            Issue.record("fetch succeeded")
        } catch let error as IMAPSessionError {
            guard case .protocolViolation(.literalTooLarge(let size, _)) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(size == 99_999_999_999)
        }
        let endless = try FakeServer("endless-line")
        let b = try endless.session(limits: FramingLimits(maxLineLength: 64 * 1024))
        _ = try b.examine(.inbox)
        do {
            try b.fetchMessages(uids: [UID(3)]) { _ in }
            Issue.record("fetch succeeded")
        } catch let error as IMAPSessionError {
            guard case .protocolViolation(.lineTooLong(64 * 1024)) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(!error.isTemporary)
        }
    }

    @Test func hostileMailboxNamesAreKeptRawAndSentBackExactly() throws {
        let server = try FakeServer("hostile-names")
        let session = try server.session()
        let mailboxes = try session.listMailboxes()
        #expect(
            mailboxes.map(\.rawName.bytes) == [
                Array("../../etc".utf8), Array("a/../../b".utf8), Array("NUL\0BYE".utf8),
                Array("ctl\u{1}\u{1b}[2J".utf8),
                Array("Boîte envoyée".utf8), Array("&AOk".utf8), Array("[Gmail]".utf8),
            ])
        #expect(mailboxes[4].name == "Boîte envoyée")
        #expect(mailboxes[5].name == "&AOk")  // invalid modified UTF-7 is shown as sent
        // The exact bytes go back to the server (as a literal when they must).
        _ = try session.examine(mailboxes[2].rawName)
        _ = try session.examine(mailboxes[4].rawName)
        let commands = server.commands
        #expect(commands.contains { $0.hasSuffix("EXAMINE LIT[NUL\u{0}BYE]") || $0.contains("EXAMINE LIT[NULBYE]") })
        #expect(commands.contains { $0.contains("EXAMINE LIT[Boîte envoyée]") })
    }

    @Test func serverClosingBetweenCommandsIsATypedError() throws {
        let server = try FakeServer("close-after-login")
        let session = try server.session()
        for _ in 0..<3 {
            do {
                _ = try session.listMailboxes()
                Issue.record("LIST succeeded on a closed connection")
            } catch {
                switch error {
                case .connection(.closed), .sessionUnusable: #expect(error.isTemporary)
                default: Issue.record("got \(error)")
                }
            }
        }
    }

    @Test func connectionErrorsAreTyped() throws {
        // A port nobody listens on (bind then close to find one).
        let refused = IMAPEndpoint(host: "127.0.0.1", port: 1, security: .tls, timeout: 2)
        do {
            _ = try IMAPSession(endpoint: refused)
            Issue.record("connected")
        } catch {
            guard case .connection(.connectionRefused(_, 1)) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(error.isTemporary)
        }
        // Without the test CA the fake server's self-signed certificate must be refused.
        let server = try FakeServer("gmail")
        var endpoint = server.endpoint()
        endpoint.caFile = try #require(TestCertificate.unrelated).cert
        do {
            _ = try IMAPSession(endpoint: endpoint)
            Issue.record("connected to an unverified server")
        } catch {
            guard case .connection(.certificateProblem) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(!error.isTemporary)
        }
    }
}
