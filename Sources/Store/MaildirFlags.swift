import MailCore

/// The `:2,` info suffix of a Maildir file name: IMAP system flags as letters, plus our own
/// mark for messages the server no longer has.
///
/// Letters (https://cr.yp.to/proto/maildir.html), always written in ASCII order:
/// `D` \Draft, `F` \Flagged, `P` passed ($Forwarded), `R` \Answered, `S` \Seen, `T` \Deleted,
/// and `x`: expunged on the server, kept here as history. Lower-case letters are free for
/// private use in Maildir and readers ignore unknown ones; `MaildirExporter` drops it anyway.
/// Keywords cannot be letters; `MailboxStore` keeps them in the epoch's `keywords` file.
public struct MaildirFlags: Hashable, Sendable, CustomStringConvertible {
    /// The letters, sorted, without duplicates.
    public private(set) var letters: String

    public static let expungedLetter: Character = "x"

    private static let systemFlags: [(letter: Character, flag: Flag)] = [
        ("D", .draft), ("F", .flagged), ("P", .forwarded), ("R", .answered), ("S", .seen), ("T", .deleted),
    ]

    public init(letters: String) {
        self.letters = String(Set(letters.filter { $0.isASCII && $0.isLetter }).sorted())
    }

    /// For letters already known to be ASCII letters in strictly ascending order (parsed file names).
    init(sortedLetters: String) {
        self.letters = sortedLetters
    }

    /// The letters of the flags that have one; keywords and `\Recent` have none.
    public init(imapFlags: [Flag], expunged: Bool = false) {
        var letters = ""
        for flag in imapFlags {
            if let known = Self.systemFlags.first(where: { $0.flag == flag }) { letters.append(known.letter) }
        }
        if expunged { letters.append(Self.expungedLetter) }
        self.init(letters: letters)
    }

    /// The keywords in `imapFlags` that have no letter, sorted and unique (what the `keywords` file keeps).
    public static func keywords(in imapFlags: [Flag]) -> [Flag] {
        let keywords = imapFlags.filter { flag in
            flag.isMirrored && !systemFlags.contains(where: { $0.flag == flag })
        }
        return Array(Set(keywords)).sorted()
    }

    public var isExpunged: Bool { letters.contains(Self.expungedLetter) }

    /// The letters as one bit each (`A`–`Z` bits 0–25, `a`–`z` bits 26–51): what a listing of a large
    /// `cur/` keeps per message instead of a string.
    public var letterBits: UInt64 {
        var bits: UInt64 = 0
        for byte in letters.utf8 {
            switch byte {
            case 0x41...0x5A: bits |= 1 << UInt64(byte - 0x41)
            case 0x61...0x7A: bits |= 1 << UInt64(byte - 0x61 + 26)
            default: break
            }
        }
        return bits
    }

    public init(letterBits bits: UInt64) {
        var letters: [UInt8] = []
        for bit in 0..<52 where bits & (1 << UInt64(bit)) != 0 {
            letters.append(bit < 26 ? 0x41 + UInt8(bit) : 0x61 + UInt8(bit - 26))
        }
        self.letters = String(decoding: letters, as: UTF8.self)
    }

    static let expungedBit: UInt64 = 1 << (UInt64(UInt8(ascii: "x") - 0x61) + 26)

    /// The IMAP system flags the letters stand for, in letter order.
    public var imapFlags: [Flag] {
        if letters.isEmpty { return [] }
        if letters == "S" { return [.seen] }  // by far the most common
        return letters.compactMap { letter in Self.systemFlags.first(where: { $0.letter == letter })?.flag }
    }

    /// The same flags with the expunged mark set or cleared.
    public func with(expunged: Bool) -> MaildirFlags {
        var copy = letters.filter { $0 != Self.expungedLetter }
        if expunged { copy.append(Self.expungedLetter) }
        return MaildirFlags(letters: copy)
    }

    /// Only the standard letters, for Maildirs read by other programs.
    public var standardLetters: String { letters.filter { $0.isUppercase } }

    public var description: String { letters }
}
