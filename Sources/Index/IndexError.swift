import Durable

/// Failures of the index, each with a sentence a person can act on.
public enum IndexError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file could not be read or written (`path`, the system's reason).
    case io(path: String, reason: String)
    /// A file operation of the durable layer failed (disk full, permissions, I/O error).
    case disk(DiskError)
    /// An index file is damaged; `mailmirror reindex` rebuilds it from the store.
    case corrupt(String)
    /// The index was written by another version of mailmirror (`found` is its format version).
    case outdated(found: String)
    /// Another process holds the index writer lock.
    case locked(path: String)
    /// The directory holds no index yet.
    case missing(path: String)

    public var description: String {
        switch self {
        case .io(let path, let reason): return "index file \(path): \(reason)"
        case .disk(let error): return error.message
        case .corrupt(let what): return "the search index is damaged (\(what)); run `mailmirror reindex` to rebuild it"
        case .outdated(let found):
            return
                "the search index was built by another version of mailmirror (format \(found), this one reads \(Manifest.version)); run `mailmirror reindex` to rebuild it"
        case .locked(let path):
            return "another mailmirror process is updating the search index (\(path)); try again when it finishes"
        case .missing(let path): return "no search index in \(path); run `mailmirror reindex` to build it"
        }
    }
}

/// Runs one call of the durable layer, so that the index's callers see its failure as an `IndexError`
/// (written `try io(Disk.write(…))`).
func io<T>(_ call: @autoclosure () throws(DiskError) -> T) throws(IndexError) -> T {
    do {
        return try call()
    } catch {
        throw IndexError.disk(error)
    }
}
