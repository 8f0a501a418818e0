import MailCore

/// The folder name a server mailbox is stored under: reversible and safe on any file system.
///
/// Every UTF-8 byte outside `[A-Za-z0-9 _-]` is written `%XX` (upper-case hex), and so is a
/// leading `.`; a `.` elsewhere is kept. So "/", NUL, control characters and "%" are always
/// escaped, and no encoded name can be empty, ".", ".." or hidden:
///
///     INBOX              -> INBOX
///     [Gmail]/All Mail   -> %5BGmail%5D%2FAll Mail
///     ..                 -> %2E.
///     Boîte              -> Bo%C3%AEte
///
/// Names whose encoding would exceed `maximumLength` bytes (NAME_MAX is 255 on most file
/// systems) are cut on an escape boundary and given a `~` and 16 hex digits of FNV-1a over the
/// full name; `~` never appears otherwise, and the full name is kept in a `name` file inside the
/// folder so the mailbox can still be listed by its real name.
public struct MailboxDirectoryName: Hashable, Sendable, CustomStringConvertible {
    /// The folder name on disk.
    public let rawValue: String

    /// Longest folder name we create: well under NAME_MAX (255), leaving room for "~" and a hash.
    public static let maximumLength = 200

    /// The encoded folder name for a server mailbox name.
    public init(mailbox: String) throws {
        guard !mailbox.isEmpty else {
            throw StoreError(.invalidName, path: "", message: "A mailbox with an empty name cannot be stored.")
        }
        var encoded: [UInt8] = []
        encoded.reserveCapacity(mailbox.utf8.count)
        for (index, byte) in mailbox.utf8.enumerated() {
            if Self.isKept(byte) || (byte == UInt8(ascii: ".") && index > 0) {
                encoded.append(byte)
            } else {
                encoded.append(UInt8(ascii: "%"))
                encoded.append(Self.hexDigits[Int(byte >> 4)])
                encoded.append(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
        if encoded.count > Self.maximumLength {
            var cut = Self.maximumLength - 17
            // Never cut inside a %XX escape.
            if encoded[cut - 1] == UInt8(ascii: "%") {
                cut -= 1
            } else if encoded[cut - 2] == UInt8(ascii: "%") {
                cut -= 2
            }
            encoded.removeLast(encoded.count - cut)
            encoded.append(UInt8(ascii: "~"))
            encoded.append(contentsOf: StableHash.hex(StableHash.fnv1a64(mailbox)).utf8)
        }
        rawValue = String(decoding: encoded, as: UTF8.self)
    }

    /// Takes a folder name found on disk; nil when it is not one the store would have written.
    public init?(directoryName: String) {
        guard !directoryName.isEmpty, !directoryName.hasPrefix("."),
            directoryName.utf8.allSatisfy({
                Self.isKept($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "%")
                    || $0 == UInt8(ascii: "~") || Self.hexValue($0) != nil
            })
        else { return nil }
        rawValue = directoryName
    }

    /// True when the name was shortened, so the real name must be read from the `name` file.
    public var isHashed: Bool { rawValue.contains("~") }

    /// The server mailbox name, or nil for a shortened name (see `isHashed`) or an invalid escape.
    public var decoded: String? {
        if isHashed { return nil }
        var bytes: [UInt8] = []
        let raw = Array(rawValue.utf8)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < raw.count, let high = Self.hexValue(raw[index + 1]),
                    let low = Self.hexValue(raw[index + 2])
                else { return nil }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    public var description: String { rawValue }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: " "), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
