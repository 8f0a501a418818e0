/// A set of Unicode scalars to trim by: the few `CharacterSet`s the code used, without Foundation.
///
/// swift-corelibs Foundation links CoreFoundation and ICU into the executable, and the dynamic loader
/// relocates their data at every start (issue 13), so the code uses FoundationEssentials only. The sets
/// are Foundation's: `whitespaces` is Unicode's space separators and tab, `newlines` U+000A–U+000D,
/// U+0085, U+2028 and U+2029, `punctuationCharacters` the punctuation categories (P*).
public struct ScalarSet: Sendable {
    private let test: @Sendable (Unicode.Scalar) -> Bool

    public init(_ test: @escaping @Sendable (Unicode.Scalar) -> Bool) { self.test = test }

    /// The scalars of `characters`.
    public init(charactersIn characters: String) {
        let scalars = Set(characters.unicodeScalars)
        self.init { scalars.contains($0) }
    }

    public func contains(_ scalar: Unicode.Scalar) -> Bool { test(scalar) }

    /// This set without the scalars of `characters`.
    public func subtracting(_ characters: String) -> ScalarSet {
        let removed = Set(characters.unicodeScalars)
        return ScalarSet { !removed.contains($0) && self.test($0) }
    }

    public static let whitespaces = ScalarSet { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }

    public static let newlines = ScalarSet {
        (0x0A...0x0D).contains($0.value) || [0x85, 0x2028, 0x2029].contains($0.value)
    }

    public static let whitespacesAndNewlines = ScalarSet { whitespaces.contains($0) || newlines.contains($0) }

    public static let punctuationCharacters = ScalarSet {
        switch $0.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}
