#if canImport(Glibc)
    import Glibc
#endif

/// glibc's allocator raises its mmap threshold each time a large block is freed, up to 32 MB:
/// after the first large message, every message buffer (the frame, the body, the gzip output, the
/// decoded parts) comes from the heap arenas, and freed arena memory is rarely given back, so the
/// sync's resident size grows with the pull. Measured (release build, first pull of 10,000
/// `scripts/gen-sample` messages): the download phase grew from 34 to 59 MB; with the threshold
/// pinned at 64 KB it stays at 37–45 MB and the peak fell from 97 to 82 MB, for about 0.2 s more
/// system time (an mmap and munmap per large buffer).
enum AllocatorPolicy {
    /// Buffers at least this large get their own mapping, returned to the system when freed.
    static let mmapThreshold: Int32 = 64 << 10

    /// Applied once, when a sync, `status`, `report` or a rebuild of the catalog and the index starts;
    /// nothing is undone later.
    static let applied: Void = {
        #if os(Linux)
            // <malloc.h> is not part of Swift's Glibc module: mallopt is looked up, M_MMAP_THRESHOLD is -3.
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            if let symbol = dlsym(nil, "mallopt") {  // nil is RTLD_DEFAULT
                _ = unsafeBitCast(symbol, to: Mallopt.self)(-3, mmapThreshold)
            }
        #endif
    }()

    /// Gives the heap's free memory back to the system: after a phase that freed many small blocks
    /// (reindex's threading fields), glibc keeps them otherwise, and the resident size with them.
    static func trim() {
        #if os(Linux)
            typealias MallocTrim = @convention(c) (Int) -> Int32
            if let symbol = dlsym(nil, "malloc_trim") {
                _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
            }
        #endif
    }
}
