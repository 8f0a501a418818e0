import Durable

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failure of the local store, with a sentence a person can act on and the file it concerns.
///
/// `code` is what callers branch on (a full disk stops the sync; a corrupt file is refetched);
/// `message` is what the user reads; `path` is always the file or folder involved.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: Hashable, Sendable {
        /// ENOSPC or EDQUOT: nothing more can be written until space is freed.
        case diskFull
        /// EIO and friends: the device failed.
        case ioError
        case permissionDenied
        case notFound
        case readOnlyFileSystem
        /// Another process holds `<root>/lock`; the pid is the one it wrote there, when readable.
        case locked(pid: Int32?)
        /// A gzip file that is not valid gzip, or whose CRC or length check fails.
        case corrupt
        /// A gzip file that ends before its trailer.
        case truncated
        /// A state file that cannot be parsed; `MailboxStore.recoverState` rebuilds it from `cur/`.
        case damagedState
        /// A mailbox or account name the store refuses, or a value that cannot go into a state file.
        case invalidName
        /// Any other system error, by errno.
        case system(errno: Int32)
    }

    public var code: Code
    public var path: String
    public var message: String

    public init(_ code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { message }

    /// A failed file operation of the durable layer, with its code and sentence kept.
    init(_ error: DiskError) {
        let code: Code
        switch error.code {
        case .diskFull: code = .diskFull
        case .ioError: code = .ioError
        case .permissionDenied: code = .permissionDenied
        case .notFound: code = .notFound
        case .readOnlyFileSystem: code = .readOnlyFileSystem
        case .notAFolder: code = .system(errno: EEXIST)
        case .system(let number): code = .system(errno: number)
        }
        self.init(code, path: error.path, message: error.message)
    }
}

/// Runs one call of the durable layer, so that the store's callers see its failure as a `StoreError`
/// (written `try io(Disk.write(…))`).
func io<T>(_ call: @autoclosure () throws(DiskError) -> T) throws(StoreError) -> T {
    do {
        return try call()
    } catch {
        throw StoreError(error)
    }
}
