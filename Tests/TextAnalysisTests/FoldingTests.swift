import Foundation
import Testing

@testable import TextAnalysis

@Suite struct FoldingTests {
    @Test(arguments: [
        ("Études", "etudes"), ("œuvre", "oeuvre"), ("Straße", "strasse"), ("ÆSIR", "aesir"),
        ("garçon", "garcon"), ("Noël", "noel"), ("ÇA", "ca"), ("e\u{301}te\u{301}", "ete"),
        ("Łódź", "lodz"), ("ΑΒΓ", "αβγ"), ("Nguyễn Việt", "nguyen viet"), ("ǍǑ", "ao"), ("Ελλάδα", "ελλαδα"),
        ("ﬁn", "fin"), ("soft\u{AD}hyphen", "softhyphen"),
    ])
    func folds(_ input: String, _ expected: String) {
        #expect(Folding.fold(input) == expected)
    }

    @Test func keepsPunctuation() {
        #expect(Folding.fold("À bientôt, Zoé !") == "a bientot, zoe !")
    }

    /// Every scalar folds as it did when Foundation decomposed the rare letters
    /// (`decomposedStringWithCanonicalMapping`): the index's terms depend on it.
    @Test func foldsEveryScalarAsFoundationDid() {
        var mismatches: [String] = []
        for v in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let ours = Folding.fold(String(Character(scalar)))
            if ours != Self.foundationFold(scalar), mismatches.count < 10 { mismatches.append(String(v, radix: 16)) }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    /// The folding of one scalar as Folding.append wrote it with Foundation.
    static func foundationFold(_ scalar: Unicode.Scalar) -> String {
        var out: [UInt8] = []
        let v = scalar.value
        if v < 0x80 {
            let b = UInt8(v)
            out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        } else if let mapped = Folding.latin(v) {
            out += Array(mapped.description.utf8)
        } else if !Folding.isIgnorable(v) {
            var lower = scalar.properties.lowercaseMapping
            if scalar.properties.isAlphabetic && v < 0x2000 || (v >= 0x1E00 && v <= 0x1FFF) {
                lower = lower.decomposedStringWithCanonicalMapping
            }
            for s in lower.unicodeScalars {
                if let mapped = Folding.latin(s.value) {
                    out += Array(mapped.description.utf8)
                } else if !Folding.isIgnorable(s.value) {
                    out += Array(String(s).utf8)
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
