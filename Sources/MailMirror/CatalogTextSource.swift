import Analytics
import FoundationEssentials
import MailCore
import Store
import Synchronization

/// A report's texts read back from the catalog by record offset (`ReportInput` positions are offsets), a
/// batch at a time in file order. A record that cannot be read is remembered as `failure`: the report is
/// not written from a catalog that changed under it.
final class CatalogTextSource: ReportTextSource, @unchecked Sendable {
    let catalog: CatalogFile
    private let firstFailure = Mutex<Error?>(nil)

    init(catalog: CatalogFile) { self.catalog = catalog }

    var failure: Error? {
        firstFailure.withLock { $0 }
    }

    func summaries(at positions: [Int]) -> [MessageSummary?] {
        do {
            let found = try catalog.records(at: Array(Set(positions)).sorted())
            let result = positions.map { found[$0] }
            if result.contains(where: { $0 == nil }) {
                fail(
                    StoreError(
                        .corrupt, path: catalog.path,
                        message: "\(catalog.path) changed while the report read it. Run `mailmirror report` again."))
            }
            return result
        } catch {
            fail(error)
            return positions.map { _ in nil }
        }
    }

    private func fail(_ error: Error) {
        firstFailure.withLock { if $0 == nil { $0 = error } }
    }
}
