/// A validated account name, used as-is as a folder name under `<root>/accounts/`.
///
/// Account names are chosen by the user (`account add NAME`), so rather than encoding them we
/// accept only names that are already safe and readable: 1 to 64 of `[A-Za-z0-9._@+-]`,
/// starting with a letter or digit (so never ".", "..", hidden, or containing "/" or NUL).
public struct AccountName: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public static let maximumLength = 64

    public init(_ name: String) throws {
        guard Self.isValid(name) else {
            let shown = name.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : String($0) }.joined()
            throw StoreError(
                .invalidName, path: "",
                message:
                    "The account name \"\(shown)\" cannot be used: use 1 to \(Self.maximumLength) letters, digits, '.', '_', '-', '@' or '+', starting with a letter or digit."
            )
        }
        rawValue = name
    }

    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= maximumLength, isAlphanumeric(bytes[0]) else { return false }
        return bytes.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_")
                || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "+")
        }
    }

    public var description: String { rawValue }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
