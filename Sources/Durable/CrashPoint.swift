import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A hook for the crash tests: every durable step `Disk` takes for the store, the catalog, the index and the
/// small state files (create a file, write it, fsync it, rename it, fsync its folder, remove one, truncate one,
/// create a folder) passes here first. Normally it does nothing.
///
/// With `MAILMIRROR_CRASH_AT=STEP:N` in the environment the process kills itself with SIGKILL just before
/// the Nth step of that kind (counted across all threads), as kill -9 or a power cut would; with
/// `STEP:N:torn` (writes only) it first writes the front half of that write; with `STEP:N:abort` it
/// aborts instead (SIGABRT, the crash that leaves a core dump where core dumps are allowed). The tests walk N upwards
/// over each kind to kill a real `mailmirror sync` at every step of its commit sequence
/// (Tests/MailMirrorTests/Integration/CommitStepKillTests.swift). Nothing is read from the
/// environment again after the first step.
public enum CrashPoint {
    public enum Step: String, CaseIterable, Sendable {
        case create, write, fsync, fsyncDirectory = "fsync-dir", rename, unlink, truncate, makeDirectory = "mkdir"
    }

    /// What the environment asks for, read once.
    struct Target: Sendable {
        enum Mode: String, Sendable { case kill, torn, abort }
        var step: Step
        var ordinal: Int
        var mode: Mode

        static func parse(_ text: String) -> Target? {
            let parts = text.split(separator: ":").map(String.init)
            guard parts.count == 2 || parts.count == 3, let step = Step(rawValue: parts[0]),
                let ordinal = Int(parts[1]), ordinal > 0,
                let mode = parts.count == 3 ? Mode(rawValue: parts[2]) : .kill,
                mode != .torn || step == .write
            else { return nil }
            return Target(step: step, ordinal: ordinal, mode: mode)
        }
    }

    public static let variable = "MAILMIRROR_CRASH_AT"
    private static let target: Target? = getenv(variable).flatMap { Target.parse(String(cString: $0)) }
    /// Steps taken so far, by every thread of the process.
    private static let steps = Atomic<Int>(0)

    /// Called just before `step`; returns only when this is not the step to die at.
    public static func before(_ step: Step) {
        guard let target, target.step == step, target.mode != .torn else { return }
        if steps.wrappingAdd(1, ordering: .relaxed).newValue == target.ordinal {
            target.mode == .abort ? abort() : die()
        }
    }

    /// Called before a write: `true` when this write is the one to tear, in which case the caller writes
    /// the first half of its bytes and calls `die()`.
    public static func tearsWrite() -> Bool {
        guard let target, target.step == .write else { return false }
        guard steps.wrappingAdd(1, ordering: .relaxed).newValue == target.ordinal else { return false }
        switch target.mode {
        case .torn: return true
        case .abort: abort()
        case .kill: die()
        }
    }

    public static func die() -> Never {
        kill(getpid(), SIGKILL)
        abort()
    }
}
