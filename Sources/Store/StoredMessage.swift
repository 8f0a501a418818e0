import MailCore

/// One message file found in an epoch's `cur/`.
public struct StoredMessage: Hashable, Sendable {
    public var uid: UID
    /// IMAP flags: the system flags from the file name plus keywords from the epoch's `keywords` file.
    public var flags: [Flag]
    public var maildirFlags: MaildirFlags
    /// Absolute path of the `.eml.gz` file.
    public var path: String
    /// True when the server no longer has the message (kept here as history).
    public var expunged: Bool { maildirFlags.isExpunged }
    /// Size of the gzip file on disk; nil when listed `withSizes: false`.
    public var compressedSize: Int?
    /// When it was stored or its flags last changed, seconds since 1970; nil when listed `withSizes: false`.
    public var modificationTime: Int64?

    public init(
        uid: UID, flags: [Flag], maildirFlags: MaildirFlags, path: String, compressedSize: Int?,
        modificationTime: Int64?
    ) {
        self.uid = uid
        self.flags = flags
        self.maildirFlags = maildirFlags
        self.path = path
        self.compressedSize = compressedSize
        self.modificationTime = modificationTime
    }
}

/// The file name of a message in `cur/`: `<uid>.eml.gz:2,<letters>`.
enum MessageFileName {
    static let infix = ".eml.gz:2,"

    static func make(uid: UID, flags: MaildirFlags) -> String { "\(uid.rawValue)\(infix)\(flags.letters)" }

    /// The UID and letters of a well-formed name, else nil.
    static func parse(_ name: String) -> (uid: UID, flags: MaildirFlags)? {
        var uid: UInt64 = 0
        var digits = 0
        let utf8 = name.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex, let digit = Optional(utf8[index]), digit >= 0x30 && digit <= 0x39 {
            uid = uid * 10 + UInt64(digit - 0x30)
            digits += 1
            if digits > 10 { return nil }
            index = utf8.index(after: index)
        }
        guard digits > 0, uid > 0, uid <= UInt64(UInt32.max), name.utf8.first != UInt8(ascii: "0") else { return nil }
        let rest = name.utf8[index...]
        guard rest.starts(with: infix.utf8) else { return nil }
        let letters = rest.dropFirst(infix.utf8.count)
        // Only names we would write ourselves: ASCII letters, strictly ascending (sorted, unique).
        var previous: UInt8 = 0
        for letter in letters {
            guard (letter >= 0x41 && letter <= 0x5A) || (letter >= 0x61 && letter <= 0x7A), letter > previous else {
                return nil
            }
            previous = letter
        }
        return (UID(UInt32(uid)), MaildirFlags(sortedLetters: String(Substring(letters))))
    }
}
