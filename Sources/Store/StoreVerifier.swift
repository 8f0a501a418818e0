import Durable
import FoundationEssentials
import MailCore

/// Checks the store the way `mailmirror verify` reports it: every message file inflates fully
/// with a good CRC and length, every name parses, and each state file agrees with its files.
public struct StoreVerifier: Sendable {
    public let store: MailStore

    public init(store: MailStore) {
        self.store = store
    }

    /// Problems in the whole store (or the named accounts), sorted by path.
    /// `checkContents: false` skips inflating the messages (names and state only).
    public func verify(accounts: [String]? = nil, checkContents: Bool = true) throws -> [StoreProblem] {
        var problems: [StoreProblem] = []
        for account in try accounts ?? store.accounts() {
            let accountPath = "\(store.accountsPath)/\(try AccountName(account).rawValue)"
            for entry in try io(Disk.listDirectory(accountPath)) ?? [] where entry.isDirectory != false {
                guard let directory = MailboxDirectoryName(directoryName: entry.name),
                    directory.isHashed || directory.decoded != nil
                else {
                    problems.append(
                        StoreProblem(
                            kind: .badFileName, path: "\(accountPath)/\(entry.name)",
                            message:
                                "\(accountPath)/\(entry.name) is not a mailbox folder mailmirror writes; it is ignored.",
                            account: account))
                    continue
                }
            }
            for name in try store.mailboxes(account: account) {
                problems += try verify(
                    mailbox: store.mailbox(account: account, name: name), checkContents: checkContents)
            }
        }
        return problems.sorted { ($0.path, $0.kind.rawValue) < ($1.path, $1.kind.rawValue) }
    }

    /// Problems in one mailbox.
    public func verify(mailbox: MailboxStore, checkContents: Bool = true) throws -> [StoreProblem] {
        var problems: [StoreProblem] = []
        func add(
            _ kind: StoreProblem.Kind, _ path: String, _ message: String, uidValidity: UIDValidity? = nil,
            uid: UID? = nil
        ) {
            problems.append(
                StoreProblem(
                    kind: kind, path: path, message: message, account: mailbox.account,
                    mailbox: mailbox.name, uidValidity: uidValidity, uid: uid))
        }
        var state: MailboxState?
        do {
            state = try mailbox.readState()
        } catch let error as StoreError {
            add(error.code == .damagedState ? .damagedState : .unreadable, mailbox.statePath, error.message)
        }

        for epoch in try mailbox.epochs() {
            for entry in try io(Disk.listDirectory(mailbox.tmpPath(epoch))) ?? [] {
                let path = "\(mailbox.tmpPath(epoch))/\(entry.name)"
                add(
                    .strayTemporaryFile, path,
                    "\(path) is left over from an interrupted sync; the next sync removes it.", uidValidity: epoch)
            }
            let scan = try EpochFiles(mailbox: mailbox, uidValidity: epoch)
            for path in scan.badNames {
                add(
                    .badFileName, path,
                    "\(path) is not a message file name mailmirror writes (<uid>.eml.gz:2,<flags>).", uidValidity: epoch
                )
            }
            for path in scan.duplicates {
                add(
                    .duplicate, path, "\(path) is one of several files for the same UID in \(mailbox.curPath(epoch)).",
                    uidValidity: epoch)
            }
            if checkContents {
                problems += Self.checkContents(of: scan, mailbox: mailbox, uidValidity: epoch)
            }
            guard let state, state.uidValidity == epoch else { continue }
            let kept = scan.unexpunged
            if kept < state.messages {
                add(
                    .missing, mailbox.curPath(epoch),
                    "\(mailbox.account)/\(mailbox.name): the state records \(state.messages) messages but \(mailbox.curPath(epoch)) holds \(kept); \(state.messages - kept) are missing. Run `mailmirror sync` to fetch them again.",
                    uidValidity: epoch)
            }
            if let highest = scan.messages.last?.uid, highest >= state.uidNext {
                add(
                    .stateBehind, mailbox.statePath,
                    "\(mailbox.statePath) says UIDNEXT \(state.uidNext) but UID \(highest) is stored: a sync stopped before saving its state; the next sync catches up.",
                    uidValidity: epoch)
            } else if kept > state.messages {
                add(
                    .stateBehind, mailbox.statePath,
                    "\(mailbox.statePath) records \(state.messages) messages but \(kept) are stored: a sync stopped before saving its state; the next sync catches up.",
                    uidValidity: epoch)
            }
        }
        if let state, state.messages > 0, !(try mailbox.epochs().contains(state.uidValidity)) {
            add(
                .missing, mailbox.epochPath(state.uidValidity),
                "\(mailbox.epochPath(state.uidValidity)) is missing: the state records \(state.messages) messages for UIDVALIDITY \(state.uidValidity). Run `mailmirror sync` to fetch them again.",
                uidValidity: state.uidValidity)
        }
        return problems
    }

    /// Inflates every file on up to 8 cores (4 ranges each, so one slow range leaves no core idle);
    /// returns the ones that fail, in UID order.
    /// Each file is read and inflated alone and let go: memory is that of a few messages at a time.
    private static func checkContents(of files: EpochFiles, mailbox: MailboxStore, uidValidity: UIDValidity)
        -> [StoreProblem]
    {
        let folder = mailbox.curPath(uidValidity)
        return Parallel.chunks(files.messages.count, chunks: min(Parallel.cores, 8) * 4) { range in
            range.compactMap { index -> StoreProblem? in
                let message = (uid: files.messages[index].uid, path: EpochFiles.path(folder, files.messages[index]))
                var problem: (StoreProblem.Kind, String)?
                do {
                    let bytes = try io(Disk.readFile(message.path))
                    do throws(Gzip.Failure) {
                        _ = try Gzip.decompress(bytes)
                    } catch {
                        let storeError = MailboxStore.gzipError(error, path: message.path)
                        problem = (
                            storeError.code == .truncated ? .truncated : .corrupt,
                            storeError.message + " Run `mailmirror sync` to fetch UID \(message.uid) again."
                        )
                    }
                } catch let error as StoreError {
                    problem = (.unreadable, error.message)
                } catch {
                    problem = (.unreadable, "\(message.path) could not be read: \(error).")
                }
                guard let problem else { return nil }
                return StoreProblem(
                    kind: problem.0, path: message.path, message: problem.1, account: mailbox.account,
                    mailbox: mailbox.name, uidValidity: uidValidity, uid: message.uid)
            }
        }.flatMap { $0 }
    }
}
