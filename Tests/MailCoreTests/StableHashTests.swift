import Testing

@testable import MailCore

/// `StableHash` names files and thread ids: its values must never change.
@Test(arguments: [
    (UInt64(0), "0000000000000000"), (1, "0000000000000001"), (0xabc, "0000000000000abc"),
    (0x0123_4567_89ab_cdef, "0123456789abcdef"), (.max, "ffffffffffffffff"),
])
func hexIsSixteenLowerCaseDigits(value: UInt64, text: String) {
    #expect(StableHash.hex(value) == text)
    #expect(StableHash.bits(ofHex: text) == value)
}

@Test(arguments: [("", ""), ("t:", "a@x"), ("a:1700000000:", "réinitialisation du mot de passe"), ("", "回复")])
func fnvContinuingIsFnvOfTheWhole(prefix: String, text: String) {
    let whole = StableHash.fnv1a64(prefix + text)
    #expect(StableHash.fnv1a64(text, continuing: StableHash.fnv1a64(prefix)) == whole)
    #expect(StableHash.fnv1a64(bytes: Array((prefix + text).utf8)) == whole)
}
