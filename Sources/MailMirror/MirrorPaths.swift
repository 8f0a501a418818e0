import Foundation

/// Where everything lives under the store's root (the on-disk contract in the README, "On disk").
public struct MirrorPaths: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// `--root`, else `$MAILMIRROR_ROOT`, else `$XDG_DATA_HOME/mailmirror`, else `~/.local/share/mailmirror`.
    public static func resolveRoot(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> URL
    {
        if let option, !option.isEmpty { return URL(fileURLWithPath: option).standardizedFileURL }
        if let root = environment["MAILMIRROR_ROOT"], !root.isEmpty {
            return URL(fileURLWithPath: root).standardizedFileURL
        }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            return URL(fileURLWithPath: data).appendingPathComponent("mailmirror")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/mailmirror")
    }

    public var configuration: URL { root.appendingPathComponent("config.json") }
    public var index: URL { root.appendingPathComponent("index") }
    public func budget(_ account: String) -> URL {
        root.appendingPathComponent("budget").appendingPathComponent(account)
    }
}
