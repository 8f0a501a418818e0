import Foundation

/// Body texts the catalogue already decoded during the sync, kept for the index refresh that
/// follows so it does not read and parse the same messages again. Bounded: ordinary texts only
/// (at most `maxTextBytes` each, `budgetBytes` in all); a message not here is simply read
/// from the store again.
final class IndexTextCache: @unchecked Sendable {
    /// A cron sync brings a few dozen messages; a first sync of thousands keeps the first ones.
    static let budgetBytes = 16 << 20
    /// A larger text (logs, encoded data sent as text) is read again rather than held.
    static let maxTextBytes = 64 << 10

    private let lock = NSLock()
    private var texts: [String: String] = [:]
    private var left: Int

    init(budgetBytes: Int = IndexTextCache.budgetBytes) {
        left = budgetBytes
    }

    /// Keeps `text` for the message `id` when it is small enough and fits in what is left.
    func keep(_ text: String, for id: String) {
        let bytes = text.utf8.count
        guard bytes <= Self.maxTextBytes else { return }
        lock.lock()
        defer { lock.unlock() }
        guard bytes <= left, texts[id] == nil else { return }
        left -= bytes
        texts[id] = text
    }

    /// Everything kept, by message id; the cache is empty after.
    func takeAll() -> [String: String] {
        lock.lock()
        defer { lock.unlock() }
        let all = texts
        texts = [:]
        return all
    }
}
