import Foundation
import MailCore
import Testing

@testable import Index

/// `from:` `to:` `cc:` with every part of an address a person can type: hyphens, dots,
/// plus-addressing, subdomains, international domains, upper case.
@Suite struct AddressQueryTests {
    let index: SearchIndex

    static let people: [(uid: UInt32, from: String, to: String)] = [
        (1, "ralf@linux-mips.org", "linux-mips@linux-mips.org"),
        (2, "Anna.Maria@Mail.Example.COM", "help+fr@support.example"),
        (3, "bob@example.com", "help@support.example"),
        (4, "kunde@bücher.de", "help+de-at@support.example"),
        (5, "info@xn--mller-kva.de", "o'brien@pub.ie"),
        (6, "noreply@example.com.evil.test", "x@other-linux-mips.org"),
    ]

    init() throws {
        let documents = Self.people.map { person in
            IndexDocument(
                summary: TestCorpus.summary(
                    uid: person.uid, subject: "message \(person.uid)",
                    from: EmailAddress(name: nil, address: person.from),
                    to: [EmailAddress(name: nil, address: person.to)], date: TestCorpus.march10, reply: "hello",
                    thread: "t\(person.uid)"),
                bodyText: "hello")
        }
        index = try TestCorpus.build(documents, in: TestCorpus.temporaryDirectory("addresses"))
    }

    func uids(_ query: String) throws -> [UInt32] {
        try index.search(query, options: SearchOptions(limit: 0, sort: .date)).map(\.uid.rawValue).sorted()
    }

    @Test(arguments: [
        // Hyphenated domains, with and without @, whole or in part (notmuch: the same hits).
        ("from:linux-mips.org", [1]), ("from:@linux-mips.org", [1]), ("from:linux-mips", [1]),
        ("from:ralf@linux-mips.org", [1]), ("from:RALF@LINUX-MIPS.ORG", [1]), ("from:ralf", [1]), ("from:mips", [1]),
        ("to:linux-mips.org", [1, 6]), ("to:linux-mips@linux-mips.org", [1]), ("to:other-linux-mips.org", [6]),
        // Dots in the local part; subdomains: a domain finds its subdomains (as notmuch's does), and, like
        // notmuch's, also a longer domain that contains it.
        ("from:anna.maria", [2]), ("from:maria", [2]), ("from:anna.maria@mail.example.com", [2]),
        ("from:example.com", [2, 3, 6]), ("from:@example.com", [2, 3, 6]), ("from:mail.example.com", [2]),
        ("from:@mail.example.com", [2]), ("from:bob@example.com", [3]),
        // Plus-addressing: the full address finds only itself; the base address finds every
        // plus-address of it (unlike notmuch); the local part finds all.
        ("to:help+fr@support.example", [2]), ("to:help@support.example", [2, 3, 4]), ("to:help", [2, 3, 4]),
        ("to:help+de-at@support.example", [4]), ("to:fr", [2]),
        // International domains in either form, and apostrophes.
        ("from:bücher.de", [4]), ("from:xn--bcher-kva.de", [4]), ("from:kunde@BÜCHER.DE", [4]),
        ("from:müller.de", [5]), ("from:info@müller.de", [5]), ("from:xn--mller-kva.de", [5]),
        ("to:o'brien@pub.ie", [5]), ("to:o'brien", [5]), ("to:pub.ie", [5]),
        // Not found: a piece run that is not there, another field.
        ("from:mips.linux", []), ("cc:linux-mips.org", []), ("from:help", []),
    ])
    func addressParts(_ query: String, _ expected: [UInt32]) throws {
        #expect(try uids(query) == expected)
    }
}
