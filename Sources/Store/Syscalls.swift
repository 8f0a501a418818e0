import MailCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every system call the store makes, in one place, each turning errno into a `StoreError`
/// that names the file (in the manner of swift-system's `Syscalls.swift`).
///
/// Paths are plain `String`s: the store builds them itself and never needs URL parsing in hot paths.
enum Syscalls {
    /// One entry of a directory listing.
    struct DirectoryEntry: Sendable {
        var name: String
        /// From `d_type`; `nil` when the file system does not say (then callers stat).
        var isDirectory: Bool?
    }

    /// What `stat` says about a file, reduced to what the store uses.
    struct FileStatus: Sendable {
        var size: Int
        var modificationTime: Int64
        var permissions: UInt32
        var isDirectory: Bool
        var isRegularFile: Bool
    }

    /// The `open` flag combinations the store uses, so callers need not import libc.
    enum OpenFlags {
        static let readOnly = O_RDONLY
        static let readWriteCreate = O_RDWR | O_CREAT
        static let createNew = O_WRONLY | O_CREAT | O_EXCL
        static let createOrTruncate = O_WRONLY | O_CREAT | O_TRUNC
        static let readWriteCreateAppend = O_RDWR | O_CREAT | O_APPEND
    }

    static let fileMode: mode_t = 0o600
    static let directoryMode: mode_t = 0o700

    // MARK: Files

    static func open(_ path: String, flags: Int32, mode: mode_t = fileMode, operation: String = "open") throws -> Int32 {
        if flags & O_CREAT != 0 { CrashPoint.before(.create) }
        while true {
            let fd = Glibc_open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            throw StoreError(errno: errno, operation: operation, path: path)
        }
    }

    static func close(_ fd: Int32) {
        _ = Glibc_close(fd)
    }

    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        if CrashPoint.tearsWrite() {
            _ = Glibc_write(fd, bytes.baseAddress!, bytes.count / 2)
            CrashPoint.die()
        }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc_write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw StoreError(errno: errno, operation: "write", path: path)
            }
            if written == 0 { throw StoreError(errno: EIO, operation: "write", path: path) }
            offset += written
        }
    }

    static func write(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        try bytes.withUnsafeBytes { try write(fd, $0, path: path) }
    }

    static func fsync(_ fd: Int32, path: String) throws {
        CrashPoint.before(.fsync)
        while Glibc_fsync(fd) != 0 {
            if errno == EINTR { continue }
            throw StoreError(errno: errno, operation: "flush to disk", path: path)
        }
    }

    /// Makes a rename or unlink inside `path` durable.
    static func fsyncDirectory(_ path: String) throws {
        CrashPoint.before(.fsyncDirectory)
        let fd = try open(path, flags: O_RDONLY | O_DIRECTORY, operation: "open the folder")
        defer { close(fd) }
        while Glibc_fsync(fd) != 0 {
            if errno == EINTR { continue }
            throw StoreError(errno: errno, operation: "flush to disk", path: path)
        }
    }

    static func truncate(_ fd: Int32, length: Int, path: String) throws {
        CrashPoint.before(.truncate)
        if Glibc_ftruncate(fd, off_t(length)) != 0 {
            throw StoreError(errno: errno, operation: "truncate", path: path)
        }
    }

    static func seekToEnd(_ fd: Int32, path: String) throws -> Int {
        let offset = Glibc_lseek(fd, 0, SEEK_END)
        if offset < 0 { throw StoreError(errno: errno, operation: "seek in", path: path) }
        return Int(offset)
    }

    /// Reads exactly `count` bytes at `offset`, or fewer when the file ends first.
    static func read(_ fd: Int32, count: Int, offset: Int, path: String) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        try buffer.withUnsafeMutableBytes { raw in
            while done < count {
                let got = Glibc_pread(fd, raw.baseAddress! + done, count - done, off_t(offset + done))
                if got < 0 {
                    if errno == EINTR { continue }
                    throw StoreError(errno: errno, operation: "read", path: path)
                }
                if got == 0 { break }
                done += got
            }
        }
        buffer.removeLast(count - done)
        return buffer
    }

    /// The whole content of a file.
    static func readFile(_ path: String) throws -> [UInt8] {
        let fd = try open(path, flags: O_RDONLY, operation: "open")
        defer { close(fd) }
        var info = stat()
        if Glibc_fstat(fd, &info) != 0 { throw StoreError(errno: errno, operation: "inspect", path: path) }
        var size = Int(info.st_size)
        var result = try read(fd, count: size, offset: 0, path: path)
        // A file that grows while we read (a catalog being appended) is read up to where it ended.
        while result.count == size {
            let more = try read(fd, count: 65536, offset: size, path: path)
            if more.isEmpty { break }
            result += more
            size = result.count
        }
        return result
    }

    /// Writes `bytes` to `path` crash-safely: a temporary file beside it, fsync, rename, fsync of the folder.
    /// On any failure the temporary file is removed, so `path` is either the old or the new content.
    static func writeFileAtomically(_ path: String, _ bytes: [UInt8], temporaryPath: String) throws {
        let fd = try open(temporaryPath, flags: O_WRONLY | O_CREAT | O_TRUNC, operation: "create")
        do {
            try write(fd, bytes, path: temporaryPath)
            try fsync(fd, path: temporaryPath)
            close(fd)
        } catch {
            close(fd)
            _ = Glibc_unlink(temporaryPath)
            throw error
        }
        do {
            try rename(temporaryPath, to: path)
        } catch {
            _ = Glibc_unlink(temporaryPath)
            throw error
        }
        try fsyncDirectory(parent(of: path))
    }

    // MARK: Names

    static func rename(_ source: String, to destination: String) throws {
        CrashPoint.before(.rename)
        if Glibc_rename(source, destination) != 0 {
            throw StoreError(errno: errno, operation: "rename \(source) to", path: destination)
        }
    }

    static func unlink(_ path: String) throws {
        CrashPoint.before(.unlink)
        if Glibc_unlink(path) != 0 {
            throw StoreError(errno: errno, operation: "remove", path: path)
        }
    }

    /// Removes `path` and reports whether it was there; errors other than ENOENT are thrown.
    @discardableResult
    static func removeIfPresent(_ path: String) throws -> Bool {
        CrashPoint.before(.unlink)
        if Glibc_unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw StoreError(errno: errno, operation: "remove", path: path)
    }

    /// Creates one folder (0700); returns false when it already existed.
    @discardableResult
    static func makeDirectory(_ path: String) throws -> Bool {
        CrashPoint.before(.makeDirectory)
        if Glibc_mkdir(path, directoryMode) == 0 { return true }
        if errno == EEXIST {
            if let status = try status(path), status.isDirectory { return false }
            throw StoreError(.system(errno: EEXIST), path: path, message: "\(path) exists but is not a folder; move it away.")
        }
        throw StoreError(errno: errno, operation: "create the folder", path: path)
    }

    /// Creates `path` and any missing parents (each 0700, each parent fsynced so the new entry is durable).
    static func makeDirectories(_ path: String) throws {
        if let status = try status(path), status.isDirectory { return }
        let parentPath = parent(of: path)
        if parentPath != path && !parentPath.isEmpty { try makeDirectories(parentPath) }
        if try makeDirectory(path) { try fsyncDirectory(parentPath) }
    }

    static func setPermissions(_ path: String, _ mode: mode_t) throws {
        if Glibc_chmod(path, mode) != 0 {
            throw StoreError(errno: errno, operation: "change the permissions of", path: path)
        }
    }

    // MARK: Inspection

    /// `stat`, or nil when the file does not exist.
    static func status(_ path: String) throws -> FileStatus? {
        var info = stat()
        if Glibc_stat(path, &info) != 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw StoreError(errno: errno, operation: "inspect", path: path)
        }
        return FileStatus(info)
    }

    /// The names in a folder (without "." and ".."), or nil when the folder does not exist.
    static func listDirectory(_ path: String) throws -> [DirectoryEntry]? {
        guard let dir = Glibc_opendir(path) else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw StoreError(errno: errno, operation: "list", path: path)
        }
        defer { _ = Glibc_closedir(dir) }
        var entries: [DirectoryEntry] = []
        while let entry = Glibc_readdir(dir) {
            let type = entry.pointee.d_type
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let isDirectory: Bool? = type == UInt8(DT_UNKNOWN) ? nil : type == UInt8(DT_DIR)
            entries.append(DirectoryEntry(name: name, isDirectory: isDirectory))
        }
        return entries
    }

    /// Lists a folder and stats each entry through one open folder handle (`fstatat`), which is
    /// much cheaper than a path lookup per file when a `cur/` holds tens of thousands of messages.
    static func listDirectoryWithStatus(_ path: String) throws -> [(name: String, status: FileStatus)]? {
        guard let dir = Glibc_opendir(path) else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw StoreError(errno: errno, operation: "list", path: path)
        }
        defer { _ = Glibc_closedir(dir) }
        let dirFD = Glibc_dirfd(dir)
        var result: [(name: String, status: FileStatus)] = []
        var info = stat()
        while let entry = Glibc_readdir(dir) {
            let done: (String, FileStatus)?? = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { cName in
                    if cName[0] == 0x2E && (cName[1] == 0 || (cName[1] == 0x2E && cName[2] == 0)) { return .some(nil) }
                    if Glibc_fstatat(dirFD, cName, &info, AT_SYMLINK_NOFOLLOW) != 0 { return .none }
                    return .some((String(cString: cName), FileStatus(info)))
                }
            }
            switch done {
            case .none:
                // Renamed away between readdir and fstatat (a concurrent flag change): skip it.
                if errno == ENOENT { continue }
                throw StoreError(errno: errno, operation: "inspect a file in", path: path)
            case .some(nil): continue
            case .some(let pair?): result.append((name: pair.0, status: pair.1))
            }
        }
        return result
    }

    /// Resolves symbolic links and "..", for checking that a path stays inside the root.
    static func realPath(_ path: String) -> String? {
        guard let resolved = Glibc_realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    // MARK: Locks and processes

    /// `flock(LOCK_EX | LOCK_NB)`: true when we got it, false when another open file holds it.
    static func tryLockExclusive(_ fd: Int32, path: String) throws -> Bool {
        while Glibc_flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK { return false }
            throw StoreError(errno: errno, operation: "lock", path: path)
        }
        return true
    }

    static func unlock(_ fd: Int32) {
        _ = Glibc_flock(fd, LOCK_UN)
    }

    static var processID: Int32 { Glibc_getpid() }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }
}

extension Syscalls.FileStatus {
    init(_ info: stat) {
        let type = info.st_mode & S_IFMT
        self.init(
            size: Int(info.st_size),
            modificationTime: Int64(info.st_mtim.tv_sec),
            permissions: UInt32(info.st_mode & 0o7777),
            isDirectory: type == S_IFDIR,
            isRegularFile: type == S_IFREG
        )
    }
}

// The C functions under names that do not collide with the wrappers above.
private func Glibc_open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func Glibc_close(_ fd: Int32) -> Int32 { close(fd) }
private func Glibc_write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
private func Glibc_pread(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, _ offset: off_t) -> Int { pread(fd, buffer, count, offset) }
private func Glibc_fsync(_ fd: Int32) -> Int32 { fsync(fd) }
private func Glibc_fstat(_ fd: Int32, _ info: inout stat) -> Int32 { fstat(fd, &info) }
private func Glibc_stat(_ path: String, _ info: inout stat) -> Int32 { stat(path, &info) }
private func Glibc_fstatat(_ dirFD: Int32, _ name: UnsafePointer<CChar>, _ info: inout stat, _ flags: Int32) -> Int32 { fstatat(dirFD, name, &info, flags) }
private func Glibc_ftruncate(_ fd: Int32, _ length: off_t) -> Int32 { ftruncate(fd, length) }
private func Glibc_lseek(_ fd: Int32, _ offset: off_t, _ whence: Int32) -> off_t { lseek(fd, offset, whence) }
private func Glibc_rename(_ source: String, _ destination: String) -> Int32 { rename(source, destination) }
private func Glibc_unlink(_ path: String) -> Int32 { unlink(path) }
private func Glibc_mkdir(_ path: String, _ mode: mode_t) -> Int32 { mkdir(path, mode) }
private func Glibc_chmod(_ path: String, _ mode: mode_t) -> Int32 { chmod(path, mode) }
private func Glibc_opendir(_ path: String) -> OpaquePointer? { opendir(path) }
private func Glibc_closedir(_ dir: OpaquePointer) -> Int32 { closedir(dir) }
private func Glibc_readdir(_ dir: OpaquePointer) -> UnsafeMutablePointer<dirent>? { readdir(dir) }
private func Glibc_dirfd(_ dir: OpaquePointer) -> Int32 { dirfd(dir) }
private func Glibc_realpath(_ path: String, _ resolved: UnsafeMutablePointer<CChar>?) -> UnsafeMutablePointer<CChar>? { realpath(path, resolved) }
private func Glibc_flock(_ fd: Int32, _ operation: Int32) -> Int32 { flock(fd, operation) }
private func Glibc_getpid() -> Int32 { getpid() }
