import Testing

@testable import IMAP

@Suite struct InternalDateTests {
    @Test(arguments: [
        ("17-Jul-1996 02:44:25 -0700", Int64(837_596_665)), (" 3-Mar-2026 08:15:04 +0000", 1_772_525_704),
        ("01-Jan-1970 00:00:00 +0000", 0), ("29-Feb-2024 23:59:59 +0100", 1_709_247_599),
        ("31-dec-1969 23:00:00 -0100", 0),
    ])
    func parses(text: String, seconds: Int64) {
        #expect(InternalDate.parse(Array(text.utf8)) == seconds)
    }

    @Test(arguments: [
        "", "17-Jul-1996", "32-Jul-1996 02:44:25 -0700", "17-Jux-1996 02:44:25 -0700", "17-Jul-1996 25:44:25 -0700",
        "17-Jul-1996 02:44:25 0700",
    ])
    func rejects(text: String) {
        #expect(InternalDate.parse(Array(text.utf8)) == nil)
    }

    @Test func formatRoundTrips() {
        for s: Int64 in [0, 837_596_665, 1_772_525_704, 4_102_444_800] {
            #expect(InternalDate.parse(Array(InternalDate.format(s).utf8)) == s)
        }
    }
}
