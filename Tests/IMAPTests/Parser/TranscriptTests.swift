import MailCore
import Testing

@testable import IMAP

/// Replays whole server transcripts (a captured Dovecot session and a Gmail session written from
/// Google's documentation) and checks what mailmirror reads from them.
@Suite struct TranscriptTests {
    @Test(arguments: [1, 13, 4096])
    func dovecotSession(chunk: Int) throws {
        let responses = try Fixture.responses("dovecot-session.server.txt", chunk: chunk)
        #expect(responses.count == 47)
        guard case .untagged(.condition(.ok, let greeting)) = responses[0], case .capability(let pre)? = greeting.code
        else {
            Issue.record("greeting")
            return
        }
        #expect(pre.contains(.saslIR) && pre.contains(.authPlain) && pre.contains(.literalPlus))
        guard case .untagged(.capability(let post)) = responses[3] else {
            Issue.record("post-login capability")
            return
        }
        #expect(post.contains(.condStore) && post.contains(.qresync) && post.contains(.eSearch))
        #expect(responses.contains(.untagged(.id([IDParameter(key: "name", value: "Dovecot")]))))
        #expect(responses.contains(.untagged(.enabled([.condStore]))))
        #expect(responses.contains(.untagged(.list(MailboxListData(attributes: [], delimiter: ".", name: .inbox)))))
        var status = MailboxStatusData()
        status.messages = 12
        status.uidNext = UID(13)
        status.uidValidity = UIDValidity(1_795_631_077)
        status.highestModSeq = ModSequence(2)
        #expect(responses.contains(.untagged(.status(.inbox, status))))
        #expect(
            responses.contains(
                .untagged(
                    .condition(.ok, ResponseText(code: .uidValidity(UIDValidity(1_795_631_077)), text: "UIDs valid")))))
        #expect(
            responses.contains(
                .untagged(.condition(.ok, ResponseText(code: .highestModSeq(ModSequence(2)), text: "Highest")))))
        #expect(
            responses.contains(
                .tagged(
                    TaggedResponse(
                        tag: "a7", status: .ok,
                        text: ResponseText(code: .readOnly, text: "Examine completed (0.001 + 0.000 secs).")))))
        var esearch = ESearchResponse(tag: "a8", isUID: true)
        esearch.all = UIDSet(ranges: [UIDRange(UID(1), UID(12))])
        #expect(responses.contains(.untagged(.esearch(esearch))))
        #expect(responses.contains(.untagged(.search(Array(1...12), nil))))

        let fetches = responses.compactMap { r -> FetchResponse? in
            if case .untagged(.fetch(let f)) = r { return f } else { return nil }
        }
        #expect(fetches.count == 3 + 1 + 12)
        #expect(fetches[0].uid == UID(1) && fetches[0].size == 1096 && fetches[0].modSeq == ModSequence(2))
        #expect(fetches[0].internalDate == InternalDate.parse(Array("25-Nov-2026 18:24:37 +0000".utf8)))
        #expect(fetches[1].flags == [.seen])
        let body = try #require(fetches[3].body)
        #expect(body.count == 1096)
        #expect(body.starts(with: Array("Return-Path: <bounce0@example.com>\r\n".utf8)))
        #expect(body.suffix(30) == ArraySlice(Array("------=_Part_0_3639960595a--\r\n".utf8)))
        guard case .untagged(.bye) = responses[responses.count - 2] else {
            Issue.record("BYE")
            return
        }
    }

    @Test func parseAllMatchesIncrementalFraming() throws {
        for name in ["dovecot-session.server.txt", "gmail-session.server.txt"] {
            #expect(try ResponseParser.parseAll(try Fixture.bytes(name)) == (try Fixture.responses(name, chunk: 3)))
        }
        #expect(
            try ResponseParser.parseAll(Array("* 1 EXISTS\r\n* 2 FETCH (BODY[] {9}\r\nabc".utf8)) == [
                .untagged(.exists(1))
            ])
    }

    @Test func gmailSession() throws {
        let responses = try Fixture.responses("gmail-session.server.txt")
        guard case .tagged(let login) = responses[3], case .capability(let caps)? = login.text.code else {
            Issue.record("login OK with capabilities")
            return
        }
        #expect(caps.contains(.gmailExtensions) && caps.contains(.specialUse) && caps.contains(.literalMinus))
        #expect(login.text.text == "support@example.com authenticated (Success)")
        #expect(
            responses.contains(
                .untagged(
                    .id([
                        IDParameter(key: "name", value: "GImap"), IDParameter(key: "vendor", value: "Google, Inc."),
                        IDParameter(key: "support-url", value: nil),
                    ]))))
        let lists = responses.compactMap { r -> MailboxListData? in
            if case .untagged(.list(let l)) = r { return l } else { return nil }
        }
        #expect(lists.count == 10)
        let all = try #require(lists.first { $0.specialUse == .all })
        #expect(all.name.displayName == "[Gmail]/Tous les messages")
        #expect(lists.first { $0.specialUse == .sent }?.name.displayName == "[Gmail]/Messages envoyés")
        #expect(lists.first { $0.specialUse == .sent }?.name.rawString == "[Gmail]/Messages envoy&AOk-s")
        #expect(lists.last?.name.displayName == "Clients/Société Générale")
        #expect(lists[1].attributes.contains(.noSelect))

        let fetches = responses.compactMap { r -> FetchResponse? in
            if case .untagged(.fetch(let f)) = r { return f } else { return nil }
        }
        #expect(fetches.count == 3)
        #expect(fetches[0].gmailThreadId == 1_759_872_262_563_478_513)
        #expect(fetches[0].gmailMessageId == 1_759_872_262_563_478_513)
        #expect(fetches[1].gmailMessageId == 1_759_872_399_001_234_567)
        #expect(fetches[0].gmailLabels == ["\\Important", "\\Inbox", "Clients/Société"])
        #expect(fetches[0].uid == UID(41))
        #expect(fetches[0].internalDate == 1_772_525_704)  // 2026-03-03T08:15:04Z
        #expect(fetches[1].internalDate == 1_772_528_571)  // 2026-03-03T10:02:51+01:00
        #expect(fetches[1].flags == [.answered, .seen])
        let body = try #require(fetches[1].body)
        #expect(Int64(body.count) == fetches[1].size)
        #expect(body.suffix(6) == ArraySlice(Array("{42}\r\n".utf8)))
        #expect(fetches[2].modSeq == ModSequence(2_089_475))
    }
}
