import MailCore
import Testing

@testable import IMAP

@Suite struct UIDSetTests {
    @Test func compressesIntoRanges() {
        #expect(UIDSet([9, 1, 2, 3, 5, 3, 10, 11].map { UID(UInt32($0)) }).description == "1:3,5,9:11")
        #expect(UIDSet([UID]()).isEmpty)
        #expect(UIDSet([UID(UInt32.max), UID(UInt32.max - 1)]).description == "4294967294:4294967295")
        #expect(UIDSet(ranges: [UIDRange.from(UID(43))]).description == "43:*")
    }

    @Test func expansionIsBounded() throws {
        var p = ParseBuffer(Array("1:4294967295".utf8))
        let set = try ResponseParser.uidSet(&p)
        #expect(throws: IMAPProtocolError.self) { try set.expanded(limit: 1000) }
        #expect(try UIDSet(ranges: [UIDRange(UID(5), UID(3))]).expanded() == [3, 4, 5].map { UID(UInt32($0)) })
    }

    @Test func parseAndPrintRoundTrip() throws {
        for text in ["1", "1:3,5,9:11", "7:*", "3800,7:9"] {
            var p = ParseBuffer(Array(text.utf8))
            #expect(try ResponseParser.uidSet(&p).description == text)
        }
    }
}
