#if canImport(Glibc)
import Glibc
#endif

/// A process that holds a password writes no core dump: a crash after login would otherwise leave
/// the password (in the login command, in TLS buffers, in freed memory) in a `core` file that crash
/// reporters collect and upload. As ssh-agent and gpg-agent do, the soft and hard core size limits
/// become 0 and the process is marked not dumpable, which also keeps other processes of the same
/// user from reading its memory through /proc or ptrace.
enum CoreDumps {
    /// Applied once, the first time a `Secret` is made; nothing is undone later.
    static let forbidden: Void = {
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(Int32(RLIMIT_CORE.rawValue), &none)
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
