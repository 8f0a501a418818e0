import MailCore
import Testing

@testable import Store

@Suite struct MailboxStateTests {
    @Test func roundTripsThroughText() throws {
        let state = MailboxState(
            uidValidity: UIDValidity(1_700_000_000), uidNext: UID(10_234), highestModSeq: ModSequence(88_231),
            messages: 10_233, lastSync: 1_795_631_069, extra: ["gmail-all": "yes", "z.note": "kept as is"])
        let text = try state.text(path: "state")
        #expect(text.contains("uidvalidity: 1700000000\n"))
        #expect(text.contains("last-sync: 2026-11-25T18:24:29Z\n"))
        #expect(try MailboxState(text: text, path: "state") == state)
    }

    @Test func optionalFieldsMayBeAbsentAndUnknownKeysAreKept() throws {
        let text = "uidvalidity: 5\nuidnext: 1\nmessages: 0\nfuture-key: something new\n"
        let state = try MailboxState(text: text, path: "state")
        #expect(state.highestModSeq == nil && state.lastSync == nil)
        #expect(state.extra == ["future-key": "something new"])
        #expect(try state.text(path: "state").contains("future-key: something new\n"))
    }

    @Test func completeAndServerMessagesAreTypedFields() throws {
        let cut = MailboxState(
            uidValidity: UIDValidity(5), uidNext: UID(40), messages: 12, complete: false, serverMessages: 30)
        let text = try cut.text(path: "state")
        #expect(text.contains("complete: no\n") && text.contains("server-messages: 30\n"))
        #expect(try MailboxState(text: text, path: "state") == cut)
        // A file written before they were typed: both were extra lines; a file without them is complete.
        let old = try MailboxState(
            text: "uidvalidity: 5\nuidnext: 1\nmessages: 0\ncomplete: no\nserver-messages: 7\n", path: "state")
        #expect(!old.complete && old.serverMessages == 7 && old.extra.isEmpty)
        let bare = try MailboxState(text: "uidvalidity: 5\nuidnext: 1\nmessages: 0\n", path: "state")
        #expect(bare.complete && bare.serverMessages == nil)
    }

    @Test func curModifiedIsATypedFieldAndAnUnreadableOneIsUnknown() throws {
        let state = MailboxState(
            uidValidity: UIDValidity(5), uidNext: UID(40), messages: 12, curModified: 1_764_095_069_123)
        let text = try state.text(path: "state")
        #expect(text.contains("cur-modified: 1764095069123\n"))
        #expect(try MailboxState(text: text, path: "state") == state)
        let garbled = try MailboxState(
            text: "uidvalidity: 5\nuidnext: 1\nmessages: 0\ncur-modified: x\n", path: "state")
        #expect(garbled.curModified == nil && garbled.extra.isEmpty)
    }

    @Test func acceptsEpochSecondsForLastSync() throws {
        let state = try MailboxState(
            text: "uidvalidity: 5\nuidnext: 1\nmessages: 0\nlast-sync: 1700000000\n", path: "state")
        #expect(state.lastSync == 1_700_000_000)
    }

    @Test(arguments: [
        "",
        "uidvalidity: 5\nuidnext: 1\nmessages: 0",  // cut short: no final newline
        "uidvalidity: 5\nuidnext: 1\n",  // no messages
        "uidvalidity: x\nuidnext: 1\nmessages: 0\n",
        "uidvalidity: 0\nuidnext: 1\nmessages: 0\n",
        "uidvalidity: 5\nuidnext: 1\nmessages: 0\ngarbage line\n",
        "uidvalidity: 5\nuidnext: 1\nmessages: 0\nuidnext: 2\n",
        "uidvalidity: 5\nuidnext: 1\nmessages: 0\nlast-sync: yesterday\n",
        "\u{0}\u{0}\u{0}\u{0}\n",
    ])
    func damagedTextIsATypedError(text: String) {
        do {
            _ = try MailboxState(text: text, path: "/x/state")
            Issue.record("accepted damaged state: \(text.debugDescription)")
        } catch let error as StoreError {
            #expect(error.code == .damagedState)
            #expect(error.path == "/x/state")
            #expect(error.message.contains("/x/state"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func refusesExtraValuesThatWouldBreakTheFormat() {
        let state = MailboxState(
            uidValidity: UIDValidity(1), uidNext: UID(1), messages: 0, extra: ["note": "two\nlines"])
        #expect(throws: StoreError.self) { try state.text(path: "state") }
    }

    @Test(arguments: [Int64(0), 951_782_400, 1_795_631_069, -86_401, 4_102_444_800])
    func iso8601RoundTrips(seconds: Int64) {
        #expect(ISO8601.parse(ISO8601.format(seconds)) == seconds)
    }

    @Test func iso8601KnownValues() {
        #expect(ISO8601.format(0) == "1970-01-01T00:00:00Z")
        #expect(ISO8601.format(951_782_400) == "2000-02-29T00:00:00Z")
        #expect(ISO8601.parse("2026-03-01T10:00:00+01:00") == ISO8601.parse("2026-03-01T09:00:00Z"))
    }
}
