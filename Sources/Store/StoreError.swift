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

    /// Turns a failed system call into an error naming what we were doing and to which file.
    /// `operation` is a verb phrase such as "write" or "create the folder".
    init(errno number: Int32, operation: String, path: String) {
        switch number {
        case ENOSPC, EDQUOT:
            self.init(.diskFull, path: path, message:
                "The disk is full (or over quota): could not \(operation) \(path). Free some space and run the command again; nothing partial was kept.")
        case EIO:
            self.init(.ioError, path: path, message:
                "The disk reported an I/O error while trying to \(operation) \(path). Check the disk (dmesg) before running again.")
        case EACCES, EPERM:
            self.init(.permissionDenied, path: path, message:
                "Permission denied: could not \(operation) \(path). The store must belong to the user running mailmirror.")
        case ENOENT:
            self.init(.notFound, path: path, message: "Could not \(operation) \(path): it does not exist.")
        case EROFS:
            self.init(.readOnlyFileSystem, path: path, message:
                "Could not \(operation) \(path): the file system is mounted read-only.")
        default:
            let reason = String(cString: strerror(number))
            self.init(.system(errno: number), path: path, message: "Could not \(operation) \(path): \(reason) (errno \(number)).")
        }
    }
}
