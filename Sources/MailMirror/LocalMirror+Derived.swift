import Durable
import FoundationEssentials
import MailCore
import Store

extension LocalMirror {
    /// Called before a command answers from the catalog or the index (search, show, thread, report):
    /// makes sure they cover the store. What a killed sync left behind is healed on the spot (its
    /// messages catalogued and indexed); anything else stops the command with a sentence naming
    /// `mailmirror reindex`, so no answer is ever drawn quietly from part of the mirror. Returns
    /// notices for the user (what was healed, or that a running sync is still adding messages).
    ///
    /// Costs a `stat` per mailbox while `derived.state` holds; the full comparison runs only when
    /// something changed outside a sync.
    @discardableResult
    public func checkDerivedData() throws -> [String] {
        try checkDerivedData(opened: nil)
    }

    /// `checkDerivedData()`, keeping in `opened` the index it opened when the stamp held.
    func checkDerivedData(opened: DerivedCoverage.OpenedIndex?) throws -> [String] {
        // A `stat` with `Disk`: `FileManager.default` is set up on first use, a cost every search paid here.
        guard (try? Disk.status(paths.rootPath)) != nil else { return [] }
        let store = try MailStore(rootPath: paths.rootPath)
        let coverage = DerivedCoverage(store: store, paths: paths)
        if coverage.stampHolds(opened: opened) { return [] }
        return try checkDerivedData(store: store, coverage: coverage)
    }

    /// The full comparison (and the healing) behind `checkDerivedData()`.
    func checkDerivedData(store: MailStore, coverage: DerivedCoverage) throws -> [String] {
        let lock: StoreLock
        do {
            lock = try store.lock()
        } catch let error as StoreError {
            guard case .locked = error.code else { throw error }
            return ["a sync is running: the messages it is storing now are not in the catalog and the search index yet"]
        }
        defer { lock.release() }
        // Large arrays each in their own mapping, given back when freed: otherwise what the first comparison
        // freed stays in the heap under the healing and the second comparison (a million messages: 55 MB).
        AllocatorPolicy.applied
        var problems = try coverage.examine()
        AllocatorPolicy.trim()
        var notices: [String] = []
        if !problems.isEmpty && problems.allSatisfy(\.healsOnNextSync) {
            let teams = teams((try? configuration()) ?? Configuration())
            let recovery = CatalogRecovery(store: store, root: paths.root, teams: teams)
            if recovery.isNeeded {
                let recovered = try recovery.recover()
                try recovery.end()
                if recovered > 0 {
                    notices.append("catalogued \(recovered) messages an interrupted sync had stored but not catalogued")
                }
            }
            let indexed = try IndexRefresher(store: store, paths: paths, teams: teams).refresh()
            if indexed > 0 {
                notices.append(
                    "updated the search index for \(indexed) messages an interrupted sync had left out of date")
            }
            // Reading the healed messages listed their folders; the comparison does not need those listings.
            store.forgetListings()
            AllocatorPolicy.trim()
            problems = try coverage.examine()
            AllocatorPolicy.trim()
        }
        guard problems.isEmpty else { throw MailMirrorError.derivedDataOutOfStep(Self.sentence(problems)) }
        try? coverage.record()
        return notices
    }

    /// What is wrong with the catalog and the index, for `status`: nothing while `derived.state`
    /// holds or while a sync is running (it is still adding messages).
    public func derivedDataProblems() throws -> [StoreProblem] {
        guard FileManager.default.fileExists(atPath: paths.root.path) else { return [] }
        let store = try MailStore(root: paths.root)
        let coverage = DerivedCoverage(store: store, paths: paths)
        if coverage.stampHolds() { return [] }
        let lock: StoreLock
        do {
            lock = try store.lock()
        } catch let error as StoreError {
            guard case .locked = error.code else { throw error }
            return []
        }
        defer { lock.release() }
        let problems = try coverage.examine()
        if problems.isEmpty { try? coverage.record() }
        return problems
    }

    /// One sentence for the user: the first problem, and how many more `verify` lists.
    static func sentence(_ problems: [StoreProblem]) -> String {
        let first = problems.first { !$0.healsOnNextSync } ?? problems[0]
        var text = first.message
        if first.healsOnNextSync { text += " Run `mailmirror reindex` to rebuild the catalog and the index now." }
        guard problems.count > 1 else { return text }
        return text + " (`mailmirror verify` lists \(problems.count - 1) more.)"
    }
}
