import Durable
import FoundationEssentials
import MailCore

extension MailboxStore {
    /// How long after its last change a `cur/` folder's modification time is trusted to mark it: a file
    /// system keeps times in ticks (a few milliseconds on Linux, two seconds on FAT), and a change within
    /// the tick of the one before leaves the time as it was.
    static let settledAfterNanoseconds: Int64 = 3_000_000_000

    /// The modification time of an epoch's `cur/` in nanoseconds: every file written, renamed (a flag
    /// change, an expunge mark) or removed there moves it. Nil when the folder does not exist.
    public func listingStamp(uidValidity: UIDValidity) throws -> Int64? {
        try io(Disk.status(curPath(uidValidity)))?.modificationTimeNanoseconds
    }

    /// `listingStamp`, when it is old enough to tell every later change apart (`settledAfterNanoseconds`);
    /// nil for a folder changed just now, whose count must then be listed again next time.
    public func settledListingStamp(uidValidity: UIDValidity, now: Date = Date()) throws -> Int64? {
        guard let stamp = try listingStamp(uidValidity: uidValidity) else { return nil }
        let nowNanoseconds = Int64(now.timeIntervalSince1970 * 1_000_000_000)
        return nowNanoseconds - stamp >= Self.settledAfterNanoseconds ? stamp : nil
    }
}
