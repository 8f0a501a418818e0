#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Disk {
    /// One entry of a directory listing.
    public struct DirectoryEntry: Sendable {
        public var name: String
        /// From `d_type`; `nil` when the file system does not say (then callers stat).
        public var isDirectory: Bool?
    }

    /// What `stat` says about a file, reduced to what callers use.
    public struct FileStatus: Sendable {
        public var size: Int
        /// Seconds since 1970.
        public var modificationTime: Int64
        /// The same time in nanoseconds (`st_mtim` whole): what tells two changes within a second apart.
        public var modificationTimeNanoseconds: Int64
        public var permissions: UInt32
        public var isDirectory: Bool
        public var isRegularFile: Bool
    }

    /// `stat`, or nil when the file does not exist.
    public static func status(_ path: String) throws(DiskError) -> FileStatus? {
        var info = stat()
        if Glibc_stat(path, &info) != 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw DiskError(errno: errno, operation: "inspect", path: path)
        }
        return FileStatus(info)
    }

    /// The names in a folder (without "." and ".."), or nil when the folder does not exist.
    public static func listDirectory(_ path: String) throws(DiskError) -> [DirectoryEntry]? {
        guard let dir = Glibc_opendir(path) else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw DiskError(errno: errno, operation: "list", path: path)
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

    /// Hands each name in a folder (not `.` or `..`) to `body` as the C string `readdir` gives, with
    /// `d_type`'s answer (nil when the file system does not say), without building a list: a `cur/`
    /// of 100,000 messages is read in constant memory. False when the folder does not exist.
    @discardableResult
    public static func forEachEntry(
        in path: String, _ body: (UnsafePointer<CChar>, _ isDirectory: Bool?) -> Void
    ) throws(DiskError) -> Bool {
        guard let dir = Glibc_opendir(path) else {
            if errno == ENOENT || errno == ENOTDIR { return false }
            throw DiskError(errno: errno, operation: "list", path: path)
        }
        defer { _ = Glibc_closedir(dir) }
        while let entry = Glibc_readdir(dir) {
            let type = entry.pointee.d_type
            let isDirectory: Bool? = type == UInt8(DT_UNKNOWN) ? nil : type == UInt8(DT_DIR)
            withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { name in
                    if name[0] == 0x2E && (name[1] == 0 || (name[1] == 0x2E && name[2] == 0)) { return }
                    body(name, isDirectory)
                }
            }
        }
        return true
    }

    /// `forEachEntry` with each entry's `stat`, taken through the open folder (`fstatat`), for a folder of
    /// any size in constant memory. An entry renamed away meanwhile is skipped. False when the folder does
    /// not exist.
    @discardableResult
    public static func forEachEntryWithStatus(
        in path: String, _ body: (UnsafePointer<CChar>, FileStatus) -> Void
    ) throws(DiskError) -> Bool {
        guard let dir = Glibc_opendir(path) else {
            if errno == ENOENT || errno == ENOTDIR { return false }
            throw DiskError(errno: errno, operation: "list", path: path)
        }
        defer { _ = Glibc_closedir(dir) }
        let dirFD = Glibc_dirfd(dir)
        var info = stat()
        while let entry = Glibc_readdir(dir) {
            let failed: Int32? = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { name in
                    if name[0] == 0x2E && (name[1] == 0 || (name[1] == 0x2E && name[2] == 0)) { return nil }
                    if Glibc_fstatat(dirFD, name, &info, AT_SYMLINK_NOFOLLOW) != 0 { return errno }
                    body(name, FileStatus(info))
                    return nil
                }
            }
            if let failed, failed != ENOENT {
                throw DiskError(errno: failed, operation: "inspect a file in", path: path)
            }
        }
        return true
    }

    /// The names in a folder, sorted; an empty list when the folder does not exist.
    public static func sortedNames(in path: String) throws(DiskError) -> [String] {
        (try listDirectory(path) ?? []).map(\.name).sorted()
    }

    /// Lists a folder and stats each entry through one open folder handle (`fstatat`), which is
    /// much cheaper than a path lookup per file when a `cur/` holds tens of thousands of messages.
    public static func listDirectoryWithStatus(_ path: String) throws(DiskError) -> [(
        name: String, status: FileStatus
    )]? {
        guard let dir = Glibc_opendir(path) else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw DiskError(errno: errno, operation: "list", path: path)
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
                throw DiskError(errno: errno, operation: "inspect a file in", path: path)
            case .some(nil): continue
            case .some(let pair?): result.append((name: pair.0, status: pair.1))
            }
        }
        return result
    }

    /// Resolves symbolic links and "..", for checking that a path stays inside the root.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = Glibc_realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

extension Disk.FileStatus {
    init(_ info: stat) {
        let type = info.st_mode & S_IFMT
        self.init(
            size: Int(info.st_size),
            modificationTime: Int64(info.st_mtim.tv_sec),
            modificationTimeNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            permissions: UInt32(info.st_mode & 0o7777),
            isDirectory: type == S_IFDIR,
            isRegularFile: type == S_IFREG
        )
    }
}
