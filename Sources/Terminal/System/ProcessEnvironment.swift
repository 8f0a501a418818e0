/// The process's environment variables.
///
/// Read from `environ` directly: `ProcessInfo.processInfo.environment` first sets up Foundation's
/// process information and builds the dictionary through it, a few per cent of a search's run
/// time, paid once for the output's capabilities and again for the command.
public enum ProcessEnvironment {
    /// The variables as they are now (read at each call, so a test's `setenv` is seen).
    public static func current() -> [String: String] {
        Syscalls.environment()
    }
}
