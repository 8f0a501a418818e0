import Testing

@testable import MailCore

@Test func idIsStableAndShort() {
    let key = MessageKey(account: "support", mailbox: "INBOX", uidValidity: UIDValidity(7), uid: UID(42))
    #expect(key.id.count == 16)
    #expect(key.id == MessageKey(account: "support", mailbox: "INBOX", uidValidity: UIDValidity(7), uid: UID(42)).id)
    #expect(key.id != MessageKey(account: "support", mailbox: "INBOX", uidValidity: UIDValidity(7), uid: UID(43)).id)
}

@Test func fnvMatchesReferenceVector() {
    // FNV-1a 64 of "a" is af63dc4c8601ec8c (reference value from the FNV authors).
    #expect(StableHash.hex(StableHash.fnv1a64("a")) == "af63dc4c8601ec8c")
}

@Test(arguments: [
    ("help@example.com", true), ("HELP@example.com", true), ("bob@corp.example.com", false),
    ("anna@team.example", true), ("anna@customer.example", false),
])
func teamMatcher(address: String, isTeam: Bool) {
    let matcher = TeamMatcher(members: ["help@example.com", "@team.example"])
    #expect(matcher.isTeam(address) == isTeam)
}
