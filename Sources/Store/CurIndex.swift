import MailCore

/// What `MailboxStore` knows of one epoch's `cur/` between listings, so that a message's file name is
/// found without listing the folder for it: the folder as last listed (`StoredListing`: sorted, 16 bytes
/// a message, the sync's own listing when it handed it over) and the names written or renamed since.
/// A message's name is `MessageFileName.make` of its UID and the letters of its `:2,` suffix as bits.
struct CurIndex {
    private let listed: StoredListing
    private var changed: [UID: UInt64] = [:]

    init(listed: StoredListing) {
        self.listed = listed
    }

    /// The letters of `uid`'s file name as bits (`MaildirFlags.letterBits`), when it is in `cur/`.
    func letterBits(of uid: UID) -> UInt64? {
        changed[uid] ?? listed.letterBits(of: uid)
    }

    /// A file written or renamed since the listing.
    mutating func record(_ uid: UID, letterBits: UInt64) {
        changed[uid] = letterBits
    }
}
