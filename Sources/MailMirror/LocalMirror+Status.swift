import FoundationEssentials
import MailCore
import Store

extension LocalMirror {
    /// What is mirrored, per account and mailbox. Reads only the local store.
    public func status() throws -> [MailboxStatusReport] {
        let configuration = try configuration()
        guard FileManager.default.fileExists(atPath: paths.root.path) else { return [] }
        let store = try MailStore(root: paths.root)
        var reports: [MailboxStatusReport] = []
        let names = Set(configuration.accounts.map(\.name)).union(try store.accounts())
        for account in names.sorted() {
            for name in try store.mailboxes(account: account) {
                let mailbox = try store.mailbox(account: account, name: name)
                var report = MailboxStatusReport(
                    account: account, mailbox: name, messages: 0, expunged: 0, olderEpochMessages: 0,
                    bytesOnDisk: 0, complete: true)
                var current: UIDValidity?
                do {
                    if let state = try mailbox.readState() {
                        current = state.uidValidity
                        report.lastSync = state.lastSync
                        report.complete = state.complete
                    }
                } catch {
                    report.problem = Failure.message(error) + " (run `mailmirror verify`)"
                }
                let epochs = try mailbox.epochs()
                current = current ?? epochs.max()
                report.uidValidity = current
                for epoch in epochs {
                    let usage = try mailbox.usage(uidValidity: epoch)
                    report.bytesOnDisk += usage.bytes
                    if epoch != current {
                        report.olderEpochMessages += usage.messages
                    } else {
                        report.expunged += usage.expunged
                        report.messages += usage.messages - usage.expunged
                    }
                }
                reports.append(report)
            }
        }
        return reports
    }

    /// Checks every stored file (inflates it, checks CRC and length), the state files, and the catalog
    /// and the search index against the store. With `repair`, damaged files move to `damaged/` so the
    /// next sync downloads them again, and the catalog and the index are rebuilt from the store when
    /// they do not cover it (or when files were moved aside). `rebuilt` names the derived files rebuilt;
    /// `repaired` lists them after the files moved aside.
    public func verify(repair: Bool) throws -> (problems: [StoreProblem], repaired: [String], rebuilt: [String]) {
        guard FileManager.default.fileExists(atPath: paths.root.path) else {
            throw MailMirrorError.notMirroredYet("verify")
        }
        // Its arrays (tens of MB at a million messages) get mappings of their own, given back when freed.
        AllocatorPolicy.applied
        let store = try MailStore(root: paths.root)
        let coverage = DerivedCoverage(store: store, paths: paths)
        let problems = try StoreVerifier(store: store).verify() + coverage.examine(deep: true)
        var repaired: [String] = []
        var rebuilt: [String] = []
        if repair {
            let lock = try store.lock()
            defer { lock.release() }
            for problem in problems where problem.kind == .corrupt || problem.kind == .truncated {
                guard let account = problem.account, let mailbox = problem.mailbox, let epoch = problem.uidValidity,
                    let uid = problem.uid
                else { continue }
                if let moved = try store.mailbox(account: account, name: mailbox).quarantine(
                    uidValidity: epoch, uid: uid)
                {
                    repaired.append(moved)
                }
            }
            let derivedOff = problems.contains { Self.derivedKinds.contains($0.kind) }
            if derivedOff || !repaired.isEmpty {
                let teams = teams((try? configuration()) ?? Configuration())
                try IndexRefresher(store: store, paths: paths, teams: teams).rebuild()
                try CatalogRecovery(store: store, root: paths.root, teams: teams).end()
                try coverage.record()
                rebuilt = [store.catalog.path, paths.index.path]
            }
        }
        return (problems, repaired + rebuilt, rebuilt)
    }

    /// The problems that concern the catalog and the index rather than the stored mail.
    public static let derivedKinds: Set<StoreProblem.Kind> = [
        .catalogMissing, .catalogDamaged, .catalogStale,
        .indexMissing, .indexDamaged, .indexStale, .threadTableDamaged,
    ]

    /// Writes a plain Maildir per account (`DIR/<account>/<mailbox>/{cur,new,tmp}`) for mutt, notmuch or mu.
    public func export(to directory: URL) throws -> [(account: String, written: Int)] {
        guard FileManager.default.fileExists(atPath: paths.root.path) else {
            throw MailMirrorError.notMirroredYet("export")
        }
        let store = try MailStore(root: paths.root)
        let exporter = MaildirExporter(store: store)
        return try store.accounts().map { account in
            (account, try exporter.export(account: account, to: directory.appendingPathComponent(account)).written)
        }
    }
}
