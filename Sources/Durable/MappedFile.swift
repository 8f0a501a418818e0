#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A read-only memory map of one file that is never changed in place (an index segment, a sorted table):
/// the OS pages in only what a lookup touches, so reading one entry costs one page, not the file.
///
/// Sendable unchecked: a raw pointer is never Sendable to the compiler, but the mapping is read-only
/// (`PROT_READ`), set once in `init` and unmapped only in `deinit`, so threads can share it freely.
public final class MappedFile: @unchecked Sendable {
    public let bytes: UnsafeRawBufferPointer

    public init(path: String) throws(DiskError) {
        let fd = try Disk.open(path, flags: Disk.OpenFlags.readOnly)
        defer { Disk.close(fd) }
        let size = try Disk.size(fd, path: path)
        if size == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let pointer = Glibc_mmap(size, fd) else {
            throw DiskError(errno: errno, operation: "map", path: path)
        }
        bytes = UnsafeRawBufferPointer(start: pointer, count: size)
    }

    /// Lets the pages of `range` that were read leave the process's resident size: they stay in the
    /// page cache, and a later read maps them again. For a pass over a large file (a whole catalog, every
    /// segment), so its resident size stays that of the part being read, not the file's.
    public func release(_ range: Range<Int>) {
        guard let base = bytes.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let lower = (max(0, range.lowerBound) + page - 1) / page * page
        let upper = range.upperBound >= bytes.count ? bytes.count : min(bytes.count, range.upperBound) / page * page
        guard lower < upper else { return }
        Glibc_madviseDontNeed(UnsafeMutableRawPointer(mutating: base + lower), upper - lower)
    }

    deinit {
        if let base = bytes.baseAddress { Glibc_munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
