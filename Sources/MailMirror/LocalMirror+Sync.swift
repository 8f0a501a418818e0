import FoundationEssentials
import MailCore
import Store
import TextBasics

extension LocalMirror {
    /// Mirrors the named accounts (all when `names` is empty), one sync at a time per root.
    public func sync(
        accounts names: [String], connector: RemoteConnector, observer: SyncObserver,
        options: SyncOptions = SyncOptions()
    ) throws -> [AccountSyncResult] {
        AllocatorPolicy.applied
        connector.prepare()
        let configuration = try configuration()
        let accounts = try names.isEmpty ? configuration.accounts : names.map { try configuration.account(named: $0) }
        guard !accounts.isEmpty else {
            throw MailMirrorError.invalidArgument("no accounts to sync yet; add one with `mailmirror account add`")
        }
        try ensureRoot()
        let store = try MailStore(root: paths.root, compressionLevel: compressionLevel)
        let lock = try store.lock()
        defer { lock.release() }

        let teams = teams(configuration)
        let recovery = CatalogRecovery(store: store, root: paths.root, teams: teams)
        let interrupted = recovery.isNeeded
        // Before anything is catalogued: do the catalog and the index still cover the store? When
        // `derived.state` holds they do (one `stat` per mailbox); otherwise compare them in full.
        let coverage = DerivedCoverage(store: store, paths: paths)
        let coveredBefore = coverage.stampHolds()
        let damageBefore = coveredBefore ? [] : ((try? coverage.examine()) ?? []).filter(\.isDamage)
        try recovery.begin()
        var cataloguers: [Cataloguer] = []
        var results: [AccountSyncResult] = []
        let texts = IndexTextCache(directory: paths.root)
        for account in accounts {
            let (result, cataloguer) = syncAccount(
                account, store: store, texts: texts, connector: connector,
                observer: observer, options: options)
            if let cataloguer { cataloguers.append(cataloguer) }
            results.append(result)
        }
        // The catalog and the index are derived: a failure here never costs mail, and the next
        // sync (or `mailmirror reindex`) catches up.
        var rebuild = !damageBefore.isEmpty
        var upToDate = false
        // What happened to the derived data concerns every account synced: it goes into each
        // account's `notices`, which the CLI prints even under --quiet and puts in --json.
        var derivedNotices: [String] = []
        if !rebuild {
            let caughtUp = catchUpDerived(
                store: store, teams: teams, recovery: recovery, coverage: coverage,
                interrupted: interrupted, coveredBefore: coveredBefore,
                cataloguers: cataloguers, texts: texts)
            derivedNotices += caughtUp.notices
            upToDate = caughtUp.upToDate
            rebuild = caughtUp.damaged
        }
        if rebuild {
            let rebuilt = rebuildDerived(
                store: store, teams: teams, recovery: recovery, damageBefore: damageBefore,
                cataloguers: cataloguers)
            derivedNotices.append(rebuilt.notice)
            upToDate = rebuilt.done
        }
        if upToDate { try? coverage.record(listing: false) } else { coverage.forget() }
        for index in results.indices { results[index].notices += derivedNotices }
        return results
    }

    /// Syncs one account, cataloguing what it stores; a result carrying the error, and no cataloguer, when
    /// its name is unusable or its credential cannot be had.
    private func syncAccount(
        _ account: AccountConfiguration, store: MailStore, texts: IndexTextCache,
        connector: RemoteConnector, observer: SyncObserver, options: SyncOptions
    )
        -> (AccountSyncResult, Cataloguer?)
    {
        // config.json can be edited by hand: a name like "../x" would put the budget file
        // (and anything else keyed by the name) outside the root.
        guard AccountName.isValid(account.name) else {
            var failed = AccountSyncResult(account: account.name)
            failed.error = Failure.message(
                MailMirrorError.invalidConfiguration(
                    "the account name \"\(account.name)\" in config.json must be 1 to \(AccountName.maximumLength) letters, digits, "
                        + "'.', '_', '-', '@' or '+', starting with a letter or digit; this account was not synced"))
            return (failed, nil)
        }
        let secret: Secret
        do {
            secret = try credential(for: account)
        } catch {
            var failed = AccountSyncResult(account: account.name)
            failed.error = Failure.message(error)
            // A token endpoint that is down or slow: cron retries later (exit 75).
            failed.errorIsTemporary = Failure.isTemporary(error)
            return (failed, nil)
        }
        let cataloguer = Cataloguer(catalog: store.catalog, team: account.teamMatcher, texts: texts)
        let engine = SyncEngine(
            connector: account.usesOAuth2
                ? TokenRenewingConnector(inner: connector) { [self] in try credential(for: $0) } : connector,
            openMailbox: { account, mailbox in StoreMailbox(try store.mailbox(account: account.name, name: mailbox)) },
            budgetURL: { [paths] account in paths.budget(account.name) },
            ingest: cataloguer, observer: observer, options: options)
        return (engine.sync(account, password: secret), cataloguer)
    }

    /// After a sync that found the catalog and the index whole: catalogues what an interrupted run left,
    /// refreshes the index, and looks whether they now cover the store (`upToDate`) or are damaged (`damaged`:
    /// rebuild them). `notices` says what went wrong or was recovered.
    private func catchUpDerived(
        store: MailStore, teams: [String: TeamMatcher], recovery: CatalogRecovery,
        coverage: DerivedCoverage, interrupted: Bool, coveredBefore: Bool,
        cataloguers: [Cataloguer], texts: IndexTextCache
    )
        -> (upToDate: Bool, damaged: Bool, notices: [String])
    {
        var upToDate = false
        var damaged = false
        var notices: [String] = []
        do {
            // Whatever a failed mailbox left unflushed is written first (it carries what only the server
            // knew); then what an interrupted run left uncatalogued is summarised from the files; the
            // marker goes only when nothing was lost.
            for cataloguer in cataloguers { try? cataloguer.flush() }
            if interrupted {
                let recovered = try recovery.recover()
                if recovered > 0 {
                    notices.append("catalogued \(recovered) messages an interrupted sync had stored but not catalogued")
                }
            }
            if !cataloguers.contains(where: \.lostSummaries) { try recovery.end() }
        } catch {
            notices.append("the catalog could not be checked (\(Failure.message(error))); run `mailmirror reindex`")
        }
        do {
            try IndexRefresher(store: store, paths: paths, teams: teams).refresh(texts: texts)
            // Covered before, nothing lost, refreshed: covered now. Otherwise look again in full.
            upToDate = coveredBefore && !interrupted && !cataloguers.contains(where: \.lostSummaries)
            if !upToDate, let after = try? coverage.examine() {
                upToDate = after.isEmpty
                damaged = after.contains(where: \.isDamage)
            }
        } catch {
            notices.append(
                "the search index could not be updated (\(Failure.message(error))); run `mailmirror reindex`")
        }
        return (upToDate, damaged, notices)
    }

    /// Rebuilds the catalog and the index from the store when they did not cover it (cut, garbled, deleted,
    /// or an old copy), keeping what only the server knew from the catalog where it is still readable.
    /// `done` when they cover the store now; `notice` says why and how it went.
    private func rebuildDerived(
        store: MailStore, teams: [String: TeamMatcher], recovery: CatalogRecovery,
        damageBefore: [StoreProblem], cataloguers: [Cataloguer]
    ) -> (done: Bool, notice: String) {
        for cataloguer in cataloguers { try? cataloguer.flush() }
        // The problem without its advice to run reindex: this is the reindex.
        let reason =
            damageBefore.first.map { problem in
                problem.message.firstScalarRange(of: " Run `mailmirror").map {
                    String(problem.message[..<$0.lowerBound])
                }
                    ?? problem.message
            }
            ?? "they did not match the store after this sync"
        do {
            let count = try IndexRefresher(store: store, paths: paths, teams: teams).rebuild()
            try recovery.end()
            return (
                true,
                "the catalog and the search index did not cover the store (\(reason)); rebuilt them from the store (\(count) messages indexed)"
            )
        } catch {
            return (
                false,
                "the catalog and the search index do not cover the store (\(reason)) and could not be rebuilt (\(Failure.message(error))); run `mailmirror reindex`"
            )
        }
    }

    /// Each account's team, by account name.
    func teams(_ configuration: Configuration) -> [String: TeamMatcher] {
        var teams: [String: TeamMatcher] = [:]
        for account in configuration.accounts { teams[account.name] = account.teamMatcher }
        return teams
    }

    /// Rebuilds the catalog and the search index from the store.
    @discardableResult
    public func reindex() throws -> Int {
        guard FileManager.default.fileExists(atPath: paths.root.path) else {
            throw MailMirrorError.notMirroredYet("reindex")
        }
        let store = try MailStore(root: paths.root)
        let lock = try store.lock()
        defer { lock.release() }
        let teams = teams(try configuration())
        let count = try IndexRefresher(store: store, paths: paths, teams: teams).rebuild()
        // The catalog was rebuilt from the store: nothing an interrupted sync left is missing from it any more.
        try CatalogRecovery(store: store, root: paths.root, teams: teams).end()
        try DerivedCoverage(store: store, paths: paths).record()
        return count
    }

    /// gzip level for new files: `MAILMIRROR_GZIP_LEVEL` (1–9), else `Gzip.defaultLevel` (1).
    var compressionLevel: Int32 {
        if let text = ProcessInfo.processInfo.environment["MAILMIRROR_GZIP_LEVEL"], let level = Int32(text),
            (1...9).contains(level)
        {
            return level
        }
        return Gzip.defaultLevel
    }
}
