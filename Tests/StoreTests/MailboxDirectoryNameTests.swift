import Testing

@testable import Store

@Suite struct MailboxDirectoryNameTests {
    @Test(arguments: [
        ("INBOX", "INBOX"),
        ("[Gmail]/All Mail", "%5BGmail%5D%2FAll Mail"),
        ("..", "%2E."),
        (".", "%2E"),
        (".hidden", "%2Ehidden"),
        ("a.b", "a.b"),
        ("100%", "100%25"),
        ("Boîte", "Bo%C3%AEte"),
        ("a\u{0}b", "a%00b"),
    ])
    func encodes(name: String, expected: String) throws {
        let encoded = try MailboxDirectoryName(mailbox: name)
        #expect(encoded.rawValue == expected)
        #expect(MailboxDirectoryName(directoryName: encoded.rawValue)?.decoded == name)
    }

    static let hostile = [
        "..", "../../etc", "a/b", "/", "/etc/passwd", "\u{0}", "a\u{0}/..", "\u{1B}[31m", "\n", ".",
        "~", "%2E%2E", "[Gmail]/Tous les messages", "👩‍💻/草稿", "\u{7F}", " ", "-", String(repeating: "é", count: 300),
    ]

    @Test(arguments: hostile)
    func hostileNamesBecomeOneSafeComponent(name: String) throws {
        let encoded = try MailboxDirectoryName(mailbox: name).rawValue
        #expect(!encoded.isEmpty && encoded != "." && encoded != "..")
        #expect(!encoded.hasPrefix("."))
        #expect(!encoded.contains("/"))
        #expect(!encoded.unicodeScalars.contains { $0.value < 0x20 || $0.value >= 0x7F })
        #expect(encoded.utf8.count <= 217)
    }

    @Test func longNamesAreCutWithAHashAndStayDistinct() throws {
        let base = String(repeating: "Archive/", count: 60)
        let one = try MailboxDirectoryName(mailbox: base + "2024")
        let two = try MailboxDirectoryName(mailbox: base + "2025")
        #expect(one.isHashed && two.isHashed)
        #expect(one != two)
        #expect(one.rawValue.utf8.count <= MailboxDirectoryName.maximumLength)
        #expect(one.decoded == nil)
        // Never cut inside a %XX escape.
        let beforeTilde = one.rawValue.split(separator: "~")[0]
        #expect(!beforeTilde.hasSuffix("%") && !beforeTilde.dropLast().hasSuffix("%"))
    }

    @Test func emptyNameIsRefused() {
        #expect(throws: StoreError.self) { try MailboxDirectoryName(mailbox: "") }
    }

    @Test(arguments: ["..", ".x", "a/b", "x\u{0}", "%zz", "a%2", ""])
    func foreignFolderNamesAreNotDecoded(name: String) {
        let parsed = MailboxDirectoryName(directoryName: name)
        #expect(parsed == nil || parsed?.decoded == nil)
    }

    @Test(arguments: ["support", "help@example.com", "team.fr", "a+b_c-d", "A1"])
    func acceptsReasonableAccountNames(name: String) throws {
        #expect(try AccountName(name).rawValue == name)
    }

    @Test(arguments: [
        "", "..", ".", ".hidden", "a/b", "../x", "a\u{0}", "-x", "a b", "é", String(repeating: "a", count: 65),
    ])
    func refusesUnsafeAccountNames(name: String) {
        #expect(throws: StoreError.self) { try AccountName(name) }
    }
}
