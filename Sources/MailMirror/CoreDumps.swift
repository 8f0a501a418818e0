#if canImport(Glibc)
    import Glibc
#endif

/// A process that holds a password writes no core dump: a crash after login would otherwise leave
/// the password (in the login command, in TLS buffers, in freed memory) in a `core` file that crash
/// reporters collect and upload. As ssh-agent does, the process is marked not dumpable, which also
/// keeps other processes of the same user from reading its memory through /proc or ptrace, and its
/// core size limit becomes 0. Only the soft limit is lowered: the kernel already refuses to dump a
/// process that is not dumpable, and a hard limit of 0 could not be raised again (without
/// CAP_SYS_RESOURCE) by the programs that a process embedding this library starts (the test runner's
/// own crash tests among them). Children inherit the soft limit and may raise it; the not-dumpable mark
/// ends at their execve.
enum CoreDumps {
    /// Applied once, the first time a `Secret` is made; nothing is undone later.
    static let forbidden: Void = {
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_CORE.rawValue), &limit) == 0 {
            limit.rlim_cur = 0
            _ = setrlimit(Int32(RLIMIT_CORE.rawValue), &limit)
        }
        #if os(Linux)
            // prctl is variadic, so Swift does not import it; its integer-only calling convention is that
            // of this five-argument prototype.
            typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
            let setDumpable: Int32 = 4  // PR_SET_DUMPABLE, <linux/prctl.h>
            if let symbol = dlsym(nil, "prctl") {  // nil is RTLD_DEFAULT
                _ = unsafeBitCast(symbol, to: Prctl.self)(setDumpable, 0, 0, 0, 0)
            }
        #endif
    }()
}
