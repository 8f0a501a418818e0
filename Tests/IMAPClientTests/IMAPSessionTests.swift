import IMAP
import MailCore
import Testing

@testable import IMAPClient

/// The session's conversation logic over an in-memory transport.
@Suite struct IMAPSessionTests {
    let endpoint = IMAPEndpoint(host: "scripted", timeout: 1)
    static let capability = ("CAPABILITY", "* CAPABILITY IMAP4rev1 LITERAL+ CONDSTORE\r\nTAG OK done\r\n")

    func body(_ uid: Int) -> String { "Subject: \(uid)\r\n\r\nbody \(uid)\r\n" }
    func fetchReply(_ uids: [Int]) -> String {
        uids.enumerated().map {
            "* \($0.offset + 1) FETCH (UID \($0.element) FLAGS (\\Recent \\Seen) BODY[] {\(body($0.element).utf8.count)}\r\n\(body($0.element)))\r\n"
        }.joined() + "TAG OK done\r\n"
    }

    @Test func loginFallsBackToLoginAndRefreshesCapabilities() throws {
        let transport = ScriptedTransport([Self.capability, ("LOGIN", "TAG OK [CAPABILITY IMAP4rev1 ESEARCH] hi\r\n")])
        let session = try IMAPSession(transport: transport, endpoint: endpoint)
        try session.login(user: "me", password: "pw with space")
        #expect(transport.sent.last == "M2 LOGIN me \"pw with space\"\r\n")
        #expect(session.capabilities == [.imap4rev1, .eSearch])
    }

    @Test func examineWithoutUIDNextAsksForTheLastUID() throws {
        let transport = ScriptedTransport([
            Self.capability,
            ("EXAMINE", "* 3 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [NOMODSEQ] none\r\nTAG OK [READ-ONLY] done\r\n"),
            ("UID FETCH 4294967295:* (UID)", "* 3 FETCH (UID 41)\r\nTAG OK done\r\n"),
        ])
        let session = try IMAPSession(transport: transport, endpoint: endpoint)
        let selected = try session.examine(MailboxName("Boîte"))
        #expect(transport.sent[1] == "M2 EXAMINE \"Bo&AO4-te\" (CONDSTORE)\r\n")
        #expect(
            selected.uidNext == UID(42) && selected.uidValidity == UIDValidity(7) && selected.highestModSeq == nil
                && selected.readOnly)
    }

    @Test func examineWithoutUIDValidityIsAProtocolError() throws {
        let session = try IMAPSession(
            transport: ScriptedTransport([Self.capability, ("EXAMINE", "* 0 EXISTS\r\nTAG OK done\r\n")]),
            endpoint: endpoint)
        #expect(throws: IMAPSessionError.self) { try session.examine(.inbox) }
    }

    @Test func examineOfAMissingMailboxIsACommandFailure() throws {
        let session = try IMAPSession(
            transport: ScriptedTransport([
                Self.capability, ("EXAMINE", "TAG NO [NONEXISTENT] Mailbox doesn't exist: Nope\r\n"), Self.capability,
            ]), endpoint: endpoint)
        do {
            _ = try session.examine(MailboxName("Nope"))
            Issue.record("examine succeeded")
        } catch {
            guard case .commandFailed(let command, .no, let text) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(command == "EXAMINE Nope" && text == "Mailbox doesn't exist: Nope")
            #expect(!error.isTemporary)
        }
        // A NO leaves the connection usable.
        #expect(throws: Never.self) { try session.refreshCapabilities() }
    }

    @Test func fetchIgnoresUnrequestedAndDuplicateResponsesAndBatches() throws {
        let transport = ScriptedTransport([
            Self.capability,
            ("UID FETCH 1:2 ", "* 9 FETCH (UID 77 FLAGS (\\Seen))\r\n" + fetchReply([1, 2, 2])),
            ("UID FETCH 5 ", "* 1 FETCH (UID 99 BODY[] {1}\r\nx)\r\n" + fetchReply([5])),
        ])
        let session = try IMAPSession(transport: transport, endpoint: endpoint)
        var got: [UID] = []
        try session.fetchMessages(uids: [UID(5), UID(2), UID(1), UID(2)], batchSize: 2, inFlight: 1) { message in
            got.append(message.uid)
            #expect(message.flags == [.seen])  // \Recent is per-session, never mirrored
            #expect(message.body == Array(body(Int(message.uid.rawValue)).utf8))
        }
        #expect(got == [UID(1), UID(2), UID(5)])
        #expect(transport.sent[1].hasPrefix("M2 UID FETCH 1:2 (UID FLAGS INTERNALDATE RFC822.SIZE MODSEQ BODY.PEEK[])"))
    }

    struct Stop: Error {}

    @Test func aThrowingHandlerClosesTheSessionAndPassesItsErrorThrough() throws {
        let session = try IMAPSession(
            transport: ScriptedTransport([Self.capability, ("UID FETCH", fetchReply([1, 2]))]), endpoint: endpoint)
        var calls = 0
        #expect(throws: Stop.self) {
            try session.fetchMessages(uids: [UID(1), UID(2)]) { _ in
                calls += 1
                throw Stop()
            }
        }
        #expect(calls == 1)
        #expect(throws: IMAPSessionError.self) { try session.listMailboxes() }
    }

    @Test func searchWithoutESearchAndFlagsOfAnEmptyMailbox() throws {
        let transport = ScriptedTransport([
            Self.capability, ("UID SEARCH ALL", "* SEARCH 9 3 5\r\n* SEARCH 11\r\nTAG OK done\r\n"),
            ("EXAMINE", "* 0 EXISTS\r\n* OK [UIDVALIDITY 1] x\r\n* OK [UIDNEXT 1] x\r\nTAG OK done\r\n"),
        ])
        let session = try IMAPSession(transport: transport, endpoint: endpoint)
        #expect(try session.allUIDs() == [3, 5, 9, 11].map { UID(UInt32($0)) })
        _ = try session.examine(.inbox)
        #expect(try session.fetchFlags(changedSince: ModSequence(5)).isEmpty)
        #expect(!transport.sent.contains { $0.contains("FETCH") })
    }

    @Test func literalArgumentsWaitForTheContinuation() throws {
        let transport = ScriptedTransport([
            ("CAPABILITY", "* CAPABILITY IMAP4rev1\r\nTAG OK done\r\n"), ("LOGIN", "+ go\r\n"),
            ("=pässword", "M2 OK in\r\n"), Self.capability,
        ])
        let session = try IMAPSession(transport: transport, endpoint: endpoint)
        try session.login(user: "me", password: "pässword")
        // Without LITERAL+ the password goes as a synchronizing literal after the server's "+".
        #expect(transport.sent[1] == "M2 LOGIN me {9}\r\n")
        #expect(transport.sent[2] == "pässword\r\n")
    }
}
