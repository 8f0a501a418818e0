import Foundation
import MailCore
import Store

@testable import MailMirror

/// An in-memory store side, with a switch that makes the Nth commit fail as a crash would.
final class MemoryMailbox: LocalMailbox {
    var savedState: LocalMailboxState?
    var epochs: [UIDValidity: [UID: (bytes: [UInt8], local: LocalMessage)]] = [:]
    var failCommitAfter: Int?
    var commits = 0
    private let lock = NSLock()

    func state() throws -> LocalMailboxState? { savedState }
    func saveState(_ state: LocalMailboxState) throws { savedState = state }
    func stored(uidValidity: UIDValidity) throws -> StoredListing {
        lock.lock()
        defer { lock.unlock() }
        return StoredListing(
            (epochs[uidValidity] ?? [:]).map { ($0.key, $0.value.local.flags, $0.value.local.expunged) })
    }
    /// None: every no-op check lists.
    func listingStamp(uidValidity: UIDValidity) throws -> Int64? { nil }
    func commit(uidValidity: UIDValidity, uid: UID, flags: [Flag], bytes: [UInt8]) throws -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let limit = failCommitAfter, commits >= limit { throw MailMirrorError.fileSystem("simulated crash") }
        commits += 1
        guard epochs[uidValidity, default: [:]][uid] == nil else { return false }
        epochs[uidValidity, default: [:]][uid] = (bytes, LocalMessage(flags: flags, expunged: false))
        return true
    }
    func setFlags(uidValidity: UIDValidity, uid: UID, flags: [Flag]) throws {
        epochs[uidValidity]![uid]!.local.flags = flags
    }
    func markExpunged(uidValidity: UIDValidity, uids: [UID]) throws {
        for uid in uids { epochs[uidValidity]![uid]!.local.expunged = true }
    }
    func flush(uidValidity: UIDValidity) throws {}
    func sweep() throws {}
}
