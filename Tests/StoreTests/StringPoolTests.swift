import Testing

@testable import Store

struct StringPoolTests {
    private static func made(_ pool: StringPool, _ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { pool.string($0) }
    }

    /// Whether two strings are one storage (a shared copy), by where their UTF-8 is.
    private static func sameStorage(_ a: String, _ b: String) -> Bool {
        var (a, b) = (a, b)
        return a.withUTF8 { x in b.withUTF8 { y in x.baseAddress == y.baseAddress } }
    }

    @Test func theSameBytesGiveOneStringAndEveryStringIsWhatItsBytesDecodeTo() {
        let pool = StringPool()
        // Enough to grow the table several times, with lengths around the eight-byte steps of the hash.
        let texts = (0..<5_000).map { "<\($0 * 7919)." + String(repeating: "x", count: $0 % 23) + "@help.example.com>" }
        let first = texts.map { Self.made(pool, Array($0.utf8)) }
        #expect(first == texts)
        #expect(pool.count == texts.count)
        let again = texts.map { Self.made(pool, Array($0.utf8)) }
        #expect(again == texts)
        #expect(pool.count == texts.count)
        #expect(zip(first, again).allSatisfy { Self.sameStorage($0, $1) })
    }

    /// `String`'s own equality takes these for one text; the pool must not (keys are made from bytes).
    @Test func twoSpellingsOfOneTextStayTwo() {
        let pool = StringPool()
        let composed = "Réinitialisation du mot de passe"  // é as one scalar
        let decomposed = "Re\u{301}initialisation du mot de passe"
        #expect(composed == decomposed)
        let a = Self.made(pool, Array(composed.utf8))
        let b = Self.made(pool, Array(decomposed.utf8))
        #expect(Array(a.utf8) == Array(composed.utf8))
        #expect(Array(b.utf8) == Array(decomposed.utf8))
        #expect(pool.count == 2)
    }

    @Test func shortAndBrokenBytesAreMadeAsStringDecodingMakesThem() {
        let pool = StringPool()
        #expect(Self.made(pool, Array("support".utf8)) == "support")
        #expect(Self.made(pool, []) == "")
        let broken: [UInt8] = Array("not UTF-8 at all: ".utf8) + [0xff, 0xfe, 0x41]
        let expected = String(decoding: broken, as: UTF8.self)
        #expect(Array(Self.made(pool, broken).utf8) == Array(expected.utf8))
        #expect(Array(Self.made(pool, broken).utf8) == Array(expected.utf8))
        // Neither the short ones (held inline) nor the repaired one (other bytes) is kept.
        #expect(pool.count == 0)
    }
}
