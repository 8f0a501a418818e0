#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every file system call mailmirror makes for its own files, in one place (in the manner of swift-system's
/// `Syscalls.swift`): the store, the catalog, the index and the small state files all write through here.
///
/// One failure policy for all of them:
/// - every failed call throws a `DiskError` naming the file and what was being done; nothing is ignored,
///   a failed fsync of a folder included (after it the rename is not known to be durable);
/// - a `write` that writes nothing is an I/O error, never an endless loop; EINTR is retried;
/// - a durable replacement (`writeAtomically`) leaves either the old or the new content: on any failure its
///   temporary file is removed, and the temporaries of writers that died before their rename are removed by
///   the next writer of that file (or by `removeDeadTemporaries`);
/// - every durable step passes `CrashPoint` first, so `MAILMIRROR_CRASH_AT` kills any of them.
///
/// Files are created 0600 and folders 0700. Paths are plain `String`s: callers build them and hot paths
/// need no URL parsing.
public enum Disk {
    /// The `open` flag combinations callers use, so they need not import libc.
    public enum OpenFlags {
        public static let readOnly = O_RDONLY
        public static let readWriteCreate = O_RDWR | O_CREAT
        public static let createNew = O_WRONLY | O_CREAT | O_EXCL
        public static let createOrTruncate = O_WRONLY | O_CREAT | O_TRUNC
        public static let readWriteCreateAppend = O_RDWR | O_CREAT | O_APPEND
    }

    public static let fileMode: mode_t = 0o600
    public static let directoryMode: mode_t = 0o700

    // MARK: Descriptors

    public static func open(_ path: String, flags: Int32, mode: mode_t = fileMode, operation: String = "open")
        throws(DiskError) -> Int32
    {
        if flags & O_CREAT != 0 { CrashPoint.before(.create) }
        while true {
            let fd = Glibc_open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            throw DiskError(errno: errno, operation: operation, path: path)
        }
    }

    public static func close(_ fd: Int32) {
        _ = Glibc_close(fd)
    }

    /// The most one `write(2)` call hands the kernel. A single large write lets the page cache keep the file in
    /// large folios (up to 2 MiB on this kernel's ext4), and a reader that maps the file and touches one byte of
    /// such a folio gets all of it mapped: a search touching a few pages of each 13 MB index segment then showed the
    /// whole index in its resident size (126 MB at 100,000 messages). Written 64 KiB at a time, a reader's
    /// resident size stays near what it touches.
    static let writeChunk = 64 * 1024

    /// Writes all of `bytes` at the descriptor's position (a crash point: `write`, `write:N:torn`).
    public static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(DiskError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            _ = CrashPoint.tearsWrite()
            return
        }
        if CrashPoint.tearsWrite() {
            _ = Glibc_write(fd, base, bytes.count / 2)
            CrashPoint.die()
        }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc_write(fd, base + offset, min(bytes.count - offset, writeChunk))
            if written < 0 {
                if errno == EINTR { continue }
                throw DiskError(errno: errno, operation: "write", path: path)
            }
            if written == 0 { throw DiskError(errno: EIO, operation: "write", path: path) }
            offset += written
        }
    }

    public static func write(_ fd: Int32, _ bytes: [UInt8], path: String) throws(DiskError) {
        // `withUnsafeBytes` rethrows untyped errors: carry ours out as a value.
        let failure: DiskError? = bytes.withUnsafeBytes { raw in
            do throws(DiskError) { try write(fd, raw, path: path) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    public static func fsync(_ fd: Int32, path: String) throws(DiskError) {
        CrashPoint.before(.fsync)
        while Glibc_fsync(fd) != 0 {
            if errno == EINTR { continue }
            throw DiskError(errno: errno, operation: "flush to disk", path: path)
        }
    }

    /// Makes everything written to the file system holding `path` durable, with one `syncfs(2)` (a crash
    /// point: `fsync`). A group of files written without `fsync` becomes durable at once: on this machine's
    /// ext4, one `fsync` a message wrote each file's data and its inode's table block on their own
    /// (two waits on the disk a message); one sync for 64 messages writes them together. It also writes
    /// whatever other programs left dirty on that file system.
    public static func syncFileSystem(containing path: String) throws(DiskError) {
        try flushFolder(path, step: .fsync) { Glibc_syncfs($0) }
    }

    public static func truncate(_ fd: Int32, length: Int, path: String) throws(DiskError) {
        CrashPoint.before(.truncate)
        while Glibc_ftruncate(fd, off_t(length)) != 0 {
            if errno == EINTR { continue }
            throw DiskError(errno: errno, operation: "truncate", path: path)
        }
    }

    public static func seekToEnd(_ fd: Int32, path: String) throws(DiskError) -> Int {
        let offset = Glibc_lseek(fd, 0, SEEK_END)
        if offset < 0 { throw DiskError(errno: errno, operation: "seek in", path: path) }
        return Int(offset)
    }

    /// The size of an open file.
    public static func size(_ fd: Int32, path: String) throws(DiskError) -> Int {
        var info = stat()
        if Glibc_fstat(fd, &info) != 0 { throw DiskError(errno: errno, operation: "inspect", path: path) }
        return Int(info.st_size)
    }

    /// Reads exactly `count` bytes at `offset`, or fewer when the file ends first.
    public static func read(_ fd: Int32, count: Int, offset: Int, path: String) throws(DiskError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let outcome: Result<Int, DiskError> = buffer.withUnsafeMutableBytes { raw in
            Result { () throws(DiskError) in try read(fd, into: raw, offset: offset, path: path) }
        }
        let done = try outcome.get()
        buffer.removeLast(count - done)
        return buffer
    }

    /// Fills `buffer` from `offset` (fewer bytes when the file ends first) and returns how many were read.
    public static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, offset: Int, path: String)
        throws(DiskError) -> Int
    {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let got = Glibc_pread(fd, base + done, buffer.count - done, off_t(offset + done))
            if got < 0 {
                if errno == EINTR { continue }
                throw DiskError(errno: errno, operation: "read", path: path)
            }
            if got == 0 { break }
            done += got
        }
        return done
    }

    // MARK: Whole files

    /// The whole content of a file. A file that grows while we read (a log being appended) is read up to
    /// where it ended.
    public static func readFile(_ path: String) throws(DiskError) -> [UInt8] {
        let fd = try open(path, flags: O_RDONLY, operation: "open")
        defer { close(fd) }
        var size = try self.size(fd, path: path)
        var result = try read(fd, count: size, offset: 0, path: path)
        while result.count == size {
            // The end is checked with a page, not 64 KB: a zeroed 64 KB buffer for each small file a
            // search reads (the index manifest, deletion bitmaps) was a per cent of its run time.
            let more = try read(fd, count: result.count < 65536 ? 4096 : 65536, offset: size, path: path)
            if more.isEmpty { break }
            result += more
            size = result.count
        }
        return result
    }

    /// The whole content of a file, or nil when it does not exist.
    public static func readFileIfPresent(_ path: String) throws(DiskError) -> [UInt8]? {
        do {
            return try readFile(path)
        } catch  where error.code == .notFound {
            return nil
        }
    }

    /// Replaces `path` with `bytes` crash-safely: a temporary file beside it (`.NAME.tmp.PID`, 0600), write,
    /// fsync, rename over `path`, fsync of the folder. On any failure the temporary file is removed, so `path`
    /// holds either the old or the new content. Temporaries of earlier writers of `path` that died before their
    /// rename are removed first, so crashes leave no litter that grows.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(DiskError) {
        try writeAtomically(to: path) { (write: ([UInt8]) throws(DiskError) -> Void) throws(DiskError) in
            try write(bytes)
        }
    }

    /// `writeAtomically` for content made a piece at a time: `produce` hands each piece to the writer it is
    /// given, so a file of any size is written without being held in memory whole.
    public static func writeAtomically(
        to path: String, _ produce: (_ write: ([UInt8]) throws(DiskError) -> Void) throws(DiskError) -> Void
    ) throws(DiskError) {
        let folder = parent(of: path)
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        try removeDeadTemporaries(in: folder, of: name)
        let temporary = "\(folder)/\(temporaryPrefix(of: name))\(processID)"
        let fd = try open(temporary, flags: OpenFlags.createOrTruncate, operation: "create")
        do throws(DiskError) {
            try produce { (piece: [UInt8]) throws(DiskError) in try write(fd, piece, path: temporary) }
            try fsync(fd, path: temporary)
            close(fd)
        } catch {
            close(fd)
            _ = Glibc_unlink(temporary)
            throw error
        }
        do throws(DiskError) {
            try rename(temporary, to: path)
        } catch {
            _ = Glibc_unlink(temporary)
            throw error
        }
        try fsyncDirectory(folder)
    }

    /// Appends `bytes` to `path` (created when missing) and fsyncs it: for append-only logs whose reader
    /// ignores a torn tail.
    public static func append(_ bytes: [UInt8], to path: String) throws(DiskError) {
        let fd = try open(path, flags: OpenFlags.readWriteCreateAppend, operation: "open")
        defer { close(fd) }
        try write(fd, bytes, path: path)
        try fsync(fd, path: path)
    }

    // MARK: Temporary files of dead writers

    /// The name `writeAtomically` gives its temporary file for `name`, without the writer's pid.
    static func temporaryPrefix(of name: String) -> String { ".\(name).tmp." }

    /// Removes the temporary files (`.NAME.tmp.PID`) in `folder` whose writer no longer runs, only those of
    /// `name` when given, and returns their paths. A live writer's temporary file is left alone.
    @discardableResult
    public static func removeDeadTemporaries(in folder: String, of name: String? = nil) throws(DiskError) -> [String] {
        var removed: [String] = []
        for entry in try listDirectory(folder) ?? [] {
            guard entry.name.hasPrefix("."), let dot = entry.name.lastIndex(of: "."),
                let pid = pid_t(entry.name[entry.name.index(after: dot)...])
            else { continue }
            let stem = entry.name[...dot]
            guard stem.hasSuffix(".tmp.") else { continue }
            if let name, stem != temporaryPrefix(of: name) { continue }
            guard !isRunning(pid) else { continue }
            let path = "\(folder)/\(entry.name)"
            if try removeIfPresent(path) { removed.append(path) }
        }
        return removed
    }

    /// Whether process `pid` exists (ours, or any other we may or may not signal).
    public static func isRunning(_ pid: pid_t) -> Bool {
        if pid == processID { return true }
        return Glibc_kill(pid, 0) == 0 || errno != ESRCH
    }

    // MARK: Names

    public static func rename(_ source: String, to destination: String) throws(DiskError) {
        CrashPoint.before(.rename)
        if Glibc_rename(source, destination) != 0 {
            throw DiskError(errno: errno, operation: "rename \(source) to", path: destination)
        }
    }

    public static func unlink(_ path: String) throws(DiskError) {
        CrashPoint.before(.unlink)
        if Glibc_unlink(path) != 0 {
            throw DiskError(errno: errno, operation: "remove", path: path)
        }
    }

    /// Removes `path` and reports whether it was there; errors other than ENOENT are thrown.
    @discardableResult
    public static func removeIfPresent(_ path: String) throws(DiskError) -> Bool {
        CrashPoint.before(.unlink)
        if Glibc_unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw DiskError(errno: errno, operation: "remove", path: path)
    }

    /// Removes `path` durably (its folder is fsynced); a missing file is not an error.
    public static func removeDurably(_ path: String) throws(DiskError) {
        if try removeIfPresent(path) { try fsyncDirectory(parent(of: path)) }
    }

    /// Makes a rename, creation or removal inside `path` durable.
    public static func fsyncDirectory(_ path: String) throws(DiskError) {
        try flushFolder(path, step: .fsyncDirectory) { Glibc_fsync($0) }
    }

    /// Opens the folder `path` and runs `flush` on it (again when interrupted), after the crash point `step`.
    private static func flushFolder(
        _ path: String, step: CrashPoint.Step, _ flush: (Int32) -> Int32
    ) throws(DiskError) {
        CrashPoint.before(step)
        let fd = try open(path, flags: O_RDONLY | O_DIRECTORY, operation: "open the folder")
        defer { close(fd) }
        while flush(fd) != 0 {
            if errno == EINTR { continue }
            throw DiskError(errno: errno, operation: "flush to disk", path: path)
        }
    }

    /// Creates one folder (0700); returns false when it already existed.
    @discardableResult
    public static func makeDirectory(_ path: String) throws(DiskError) -> Bool {
        CrashPoint.before(.makeDirectory)
        if Glibc_mkdir(path, directoryMode) == 0 { return true }
        if errno == EEXIST {
            if let status = try status(path), status.isDirectory { return false }
            throw DiskError(.notAFolder, path: path, message: "\(path) exists but is not a folder; move it away.")
        }
        throw DiskError(errno: errno, operation: "create the folder", path: path)
    }

    /// Creates `path` and any missing parents (each 0700, each parent fsynced so the new entry is durable).
    public static func makeDirectories(_ path: String) throws(DiskError) {
        if let status = try status(path), status.isDirectory { return }
        let parentPath = parent(of: path)
        if parentPath != path && !parentPath.isEmpty { try makeDirectories(parentPath) }
        if try makeDirectory(path) { try fsyncDirectory(parentPath) }
    }

    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    // MARK: Locks and processes

    /// `flock(LOCK_EX | LOCK_NB)`: true when we got it, false when another open file holds it.
    public static func tryLockExclusive(_ fd: Int32, path: String) throws(DiskError) -> Bool {
        while Glibc_flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK { return false }
            throw DiskError(errno: errno, operation: "lock", path: path)
        }
        return true
    }

    public static func unlock(_ fd: Int32) {
        _ = Glibc_flock(fd, LOCK_UN)
    }

    public static var processID: Int32 { Glibc_getpid() }
}

// The C functions under names that do not collide with the wrappers (used by the Disk+*.swift files too).
func Glibc_open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
func Glibc_close(_ fd: Int32) -> Int32 { close(fd) }
func Glibc_write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
func Glibc_pread(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, _ offset: off_t) -> Int {
    pread(fd, buffer, count, offset)
}
func Glibc_fsync(_ fd: Int32) -> Int32 { fsync(fd) }
func Glibc_syncfs(_ fd: Int32) -> Int32 { glibc_syncfs(fd) }
/// glibc's `syncfs(2)`, which its header declares only under `_GNU_SOURCE`, hidden from Swift's Glibc module.
@_silgen_name("syncfs") private func glibc_syncfs(_ fd: Int32) -> Int32
func Glibc_fstat(_ fd: Int32, _ info: inout stat) -> Int32 { fstat(fd, &info) }
func Glibc_stat(_ path: String, _ info: inout stat) -> Int32 { stat(path, &info) }
func Glibc_fstatat(_ dirFD: Int32, _ name: UnsafePointer<CChar>, _ info: inout stat, _ flags: Int32) -> Int32 {
    fstatat(dirFD, name, &info, flags)
}
func Glibc_ftruncate(_ fd: Int32, _ length: off_t) -> Int32 { ftruncate(fd, length) }
func Glibc_lseek(_ fd: Int32, _ offset: off_t, _ whence: Int32) -> off_t { lseek(fd, offset, whence) }
func Glibc_rename(_ source: String, _ destination: String) -> Int32 { rename(source, destination) }
func Glibc_unlink(_ path: String) -> Int32 { unlink(path) }
func Glibc_mkdir(_ path: String, _ mode: mode_t) -> Int32 { mkdir(path, mode) }
func Glibc_opendir(_ path: String) -> OpaquePointer? { opendir(path) }
func Glibc_closedir(_ dir: OpaquePointer) -> Int32 { closedir(dir) }
func Glibc_readdir(_ dir: OpaquePointer) -> UnsafeMutablePointer<dirent>? { readdir(dir) }
func Glibc_dirfd(_ dir: OpaquePointer) -> Int32 { dirfd(dir) }
func Glibc_realpath(_ path: String, _ resolved: UnsafeMutablePointer<CChar>?) -> UnsafeMutablePointer<CChar>? {
    realpath(path, resolved)
}
func Glibc_flock(_ fd: Int32, _ operation: Int32) -> Int32 { flock(fd, operation) }
func Glibc_getpid() -> Int32 { getpid() }
func Glibc_kill(_ pid: pid_t, _ signal: Int32) -> Int32 { kill(pid, signal) }
func Glibc_mmap(_ size: Int, _ fd: Int32) -> UnsafeMutableRawPointer? {
    guard let pointer = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), pointer != MAP_FAILED else { return nil }
    return pointer
}
func Glibc_munmap(_ pointer: UnsafeMutableRawPointer, _ size: Int) { _ = munmap(pointer, size) }
func Glibc_madviseDontNeed(_ pointer: UnsafeMutableRawPointer, _ size: Int) {
    _ = madvise(pointer, size, MADV_DONTNEED)
}
