import Foundation
import MIME
import MailCore
import Testing

@testable import MailMirror

/// `show` and `thread` find a message by any Message-ID a server stored: without a domain part,
/// with odd characters, with or without angle brackets, in any case.
@Suite struct MessageReferenceTests {
    static let ids = [
        "06b401c75f2d$552b8130$ff828390$@Davidovic",  // Outlook 2007, no domain part
        "20070301.ABC@Mail.Example.COM",
        "no-at-sign-at-all",
        "odd \"quoted\"!#%&'*+/=?^_`{|}~@[127.0.0.1]",
    ]

    /// Summaries made the way the catalog makes them: from the raw header.
    static func view() -> CatalogView {
        let summaries = ids.enumerated().map { n, id in
            let raw = Array("Message-ID: <\(id)>\nSubject: m\(n)\nFrom: a@b.example\n\nbody\n".utf8)
            let key = MessageKey(account: "a", mailbox: "INBOX", uidValidity: UIDValidity(1), uid: UID(UInt32(n + 1)))
            return MessageSummarizer.summarize(
                bytes: raw, metadata: FetchedMetadata(key: key, size: raw.count), team: TeamMatcher(members: [])
            ).summary
        }
        return CatalogView(records: summaries)
    }

    @Test func theParserKeepsEveryIdWhole() {
        #expect(Self.view().messages.map(\.messageId) == Self.ids)
    }

    @Test(arguments: ids.indices)
    func everyFormFindsTheMessage(_ n: Int) {
        let view = Self.view()
        let id = Self.ids[n]
        for reference in ["<\(id)>", id, " <\(id)> ", "id:\(id)", id.uppercased(), "<\(id.lowercased())>"] {
            #expect(view.resolve(reference)?.subject == "m\(n)", "\(reference)")
        }
    }

    @Test func searchIdsStillWinAndUnknownIdsAreNil() {
        let view = Self.view()
        let first = view.messages[0]
        #expect(view.resolve(first.id)?.messageId == first.messageId)
        #expect(view.resolve("<nothing@here>") == nil)
        #expect(view.resolve("") == nil)
        #expect(view.resolve("<>") == nil)
    }
}
