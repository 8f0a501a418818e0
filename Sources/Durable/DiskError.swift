#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed file operation of `Disk`, with a sentence a person can act on and the file it concerns.
///
/// Every module that writes files (the store, the catalog, the index, the small state files) gets its
/// failures as this one type, decided in one place (`init(errno:operation:path:)`); each turns it into
/// its own error at its edge (`StoreError(_:)`, `IndexError.io`, `MailMirrorError.fileSystem`).
public struct DiskError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: Hashable, Sendable {
        /// ENOSPC or EDQUOT: nothing more can be written until space is freed.
        case diskFull
        /// EIO and friends: the device failed (a `write` that wrote nothing is reported as this too).
        case ioError
        case permissionDenied
        case notFound
        case readOnlyFileSystem
        /// A folder was wanted where a file of another kind exists.
        case notAFolder
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
    public init(errno number: Int32, operation: String, path: String) {
        switch number {
        case ENOSPC, EDQUOT:
            self.init(
                .diskFull, path: path,
                message:
                    "The disk is full (or over quota): could not \(operation) \(path). Free some space and run the command again; nothing partial was kept."
            )
        case EIO:
            self.init(
                .ioError, path: path,
                message:
                    "The disk reported an I/O error while trying to \(operation) \(path). Check the disk (dmesg) before running again."
            )
        case EACCES, EPERM:
            self.init(
                .permissionDenied, path: path,
                message:
                    "Permission denied: could not \(operation) \(path). The mirror's files must belong to the user running mailmirror."
            )
        case ENOENT:
            self.init(.notFound, path: path, message: "Could not \(operation) \(path): it does not exist.")
        case EROFS:
            self.init(
                .readOnlyFileSystem, path: path,
                message:
                    "Could not \(operation) \(path): the file system is mounted read-only.")
        default:
            let reason = String(cString: strerror(number))
            self.init(
                .system(errno: number), path: path,
                message: "Could not \(operation) \(path): \(reason) (errno \(number)).")
        }
    }
}
