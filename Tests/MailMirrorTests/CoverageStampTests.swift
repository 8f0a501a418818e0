import Foundation
import Testing

@testable import MailMirror

/// `derived.state` reads back what was written, and anything but a whole stamp reads as none (which
/// only costs the next reader a full comparison, never a wrong "covered").
struct CoverageStampTests {
    static let stamp = CoverageStamp(
        catalog: .init(bytes: 12_194_732, modified: 1_796_521_652_023_065_357),
        indexFiles: [
            "manifest": .init(bytes: 287, modified: 5), "seg-000001.seg": .init(bytes: 2_955_882, modified: 6),
        ],
        indexDocuments: 50_000,
        epochs: [
            "accounts/test/INBOX/1000/cur": .init(modified: 7, messages: 45_000, highestUID: 45_000),
            "accounts/test/Sent Mail/1000/cur": .init(modified: 8, messages: nil, highestUID: nil),
        ],
        folders: [
            "accounts": 1, "accounts/test": 2, "accounts/test/INBOX": 3, "accounts/test/INBOX/1000": 4,
            "accounts/test/Sent Mail": 9, "accounts/test/Sent Mail/1000": 10,
        ])

    @Test func roundTrips() throws {
        let text = String(decoding: Self.stamp.encoded(), as: UTF8.self)
        #expect(CoverageStamp(text: text) == Self.stamp)
        #expect(Self.stamp.storedMessages == nil, "a folder recorded by time only has no count")
        var counted = Self.stamp
        counted.epochs["accounts/test/Sent Mail/1000/cur"]?.messages = 5_000
        #expect(counted.storedMessages == 50_000)
        let empty = CoverageStamp(catalog: nil, indexFiles: [:], indexDocuments: nil, epochs: [:])
        #expect(CoverageStamp(text: String(decoding: empty.encoded(), as: UTF8.self)) == empty)
    }

    @Test(arguments: [0, 1, 30, 80])
    func aCutStampReadsAsNone(_ length: Int) {
        let text = String(String(decoding: Self.stamp.encoded(), as: UTF8.self).prefix(length))
        #expect(CoverageStamp(text: text) == nil)
    }

    @Test func aGarbledLineReadsAsNone() {
        let text = String(decoding: Self.stamp.encoded(), as: UTF8.self).replacingOccurrences(
            of: "index-documents 50000", with: "index-documents many")
        #expect(CoverageStamp(text: text) == nil)
        #expect(CoverageStamp(text: "mailmirror-derived 2\ncatalog -\nindex-documents -\nend\n") == nil)
        #expect(CoverageStamp(text: "mailmirror-derived 1\ncatalog -\nindex-documents -\nend\n") != nil)
        #expect(CoverageStamp(text: "mailmirror-derived 1\ncatalog -\nindex-documents -\nfolder 12\nend\n") == nil)
        #expect(CoverageStamp(text: "mailmirror-derived 1\ncatalog -\nindex-documents -\nfolder x a\nend\n") == nil)
    }
}
