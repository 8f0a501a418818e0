import Foundation

/// Where everything lives under the store's root (the on-disk contract in the README, "On disk").
public struct MirrorPaths: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// `--root`, else `$MAILMIRROR_ROOT`, else `$XDG_DATA_HOME/mailmirror`, else `~/.local/share/mailmirror`.
    public static func resolveRoot(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> URL
    {
        if let option, !option.isEmpty { return standardizedDirectory(option) }
        if let root = environment["MAILMIRROR_ROOT"], !root.isEmpty { return standardizedDirectory(root) }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            return URL(fileURLWithPath: data).appendingPathComponent("mailmirror")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/mailmirror")
    }

    /// `URL(fileURLWithPath: path).standardizedFileURL` by hand: made absolute against the working
    /// folder, `.` and `..` removed by their names, as `standardizedFileURL` does. Every command starts
    /// here, and Foundation's version sets up its path machinery first.
    static func standardizedDirectory(_ path: String) -> URL {
        var absolute = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            guard getcwd(&buffer, buffer.count) != nil else { return URL(fileURLWithPath: path).standardizedFileURL }
            absolute = String(cString: buffer) + "/" + path
        }
        var kept: [Substring] = []
        for component in absolute.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !kept.isEmpty { kept.removeLast() }
            default: kept.append(component)
            }
        }
        var standardized = ""
        for component in kept {
            // `append(contentsOf:)` with a `Substring`, not `"/" + component`: that generic `+` casts its
            // argument at run time, and the cast's conformance lookup scans every conformance record of
            // the binary (about 1% of a search).
            standardized.append("/")
            standardized.append(contentsOf: component)
        }
        return URL(fileURLWithPath: standardized.isEmpty ? "/" : standardized, isDirectory: true)
    }

    public var configuration: URL { root.appendingPathComponent("config.json") }
    public var index: URL { root.appendingPathComponent("index") }
    public func budget(_ account: String) -> URL {
        root.appendingPathComponent("budget").appendingPathComponent(account)
    }
}
