import Foundation
import MailCore
import Store

@testable import MailMirror

/// An in-memory store side, with switches that make the Nth commit fail as a crash would, or a group's
/// publishing fail after it put some of its messages in place.
final class MemoryMailbox: LocalMailbox {
    var savedState: LocalMailboxState?
    var epochs: [UIDValidity: [UID: (bytes: [UInt8], local: LocalMessage)]] = [:]
    var failCommitAfter: Int?
    var commits = 0
    /// When set, the sync's commits are staged and `publish` fails once this many were put in place.
    var failPublishAfter: Int?
    private var staged: [UID: (uidValidity: UIDValidity, bytes: [UInt8], flags: [Flag])] = [:]
    private var published = 0
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
    func stage(uidValidity: UIDValidity, uid: UID, flags: [Flag], bytes: [UInt8]) throws -> StagedCommit? {
        guard failPublishAfter != nil else {
            return try commit(uidValidity: uidValidity, uid: uid, flags: flags, bytes: bytes) ? StagedCommit(uid: uid) : nil
        }
        lock.lock()
        defer { lock.unlock() }
        guard epochs[uidValidity]?[uid] == nil, staged[uid] == nil else { return nil }
        staged[uid] = (uidValidity, bytes, flags)
        return StagedCommit(uid: uid)
    }
    func publish(_ group: [StagedCommit], placed: (Int) -> Void) throws {
        for (index, commit) in group.enumerated() {
            lock.lock()
            if let limit = failPublishAfter, published >= limit {
                for rest in group[index...] { staged[rest.uid] = nil }
                lock.unlock()
                throw MailMirrorError.fileSystem("simulated failure to put a message in place")
            }
            if let message = staged.removeValue(forKey: commit.uid) {
                epochs[message.uidValidity, default: [:]][commit.uid] =
                    (message.bytes, LocalMessage(flags: message.flags, expunged: false))
                published += 1
            }
            lock.unlock()
            placed(index)
        }
    }
    func abandon(_ group: [StagedCommit]) {
        lock.lock()
        defer { lock.unlock() }
        for commit in group { staged[commit.uid] = nil }
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
