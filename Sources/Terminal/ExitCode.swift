/// The status a `mailmirror` process ends with.
///
/// The values follow BSD `sysexits.h` where one exists, so scripts and cron can tell
/// "try again later" (75) apart from "you typed it wrong" (64) and "it failed" (1).
public struct ExitCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }
    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    /// 0: everything asked for was done.
    public static let success = ExitCode(0)
    /// 1: the command ran and failed (a corrupt file found by `verify`, a refused login…).
    public static let failure = ExitCode(1)
    /// 64 (`EX_USAGE`): the command line was wrong; nothing was done.
    public static let usage = ExitCode(64)
    /// 75 (`EX_TEMPFAIL`): a temporary condition (network down, server throttling); retry later.
    public static let temporary = ExitCode(75)
    /// 130: interrupted by the user (128 + SIGINT), the shell convention.
    public static let interrupted = ExitCode(130)

    public var isSuccess: Bool { rawValue == 0 }
    public var description: String { String(rawValue) }
}
