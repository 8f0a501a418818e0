import FoundationEssentials
import Glibc

/// Where everything lives under the store's root (the on-disk contract in the README, "On disk").
public struct MirrorPaths: Sendable {
    public let root: URL
    /// `root.path`, kept when the root was given as a path: the first `URL.path` read of a process
    /// looks up a conformance by scanning every conformance record of the binary (about 1% of a
    /// search), so the search path builds its paths from this string.
    public let rootPath: String

    public init(root: URL) {
        self.root = root
        rootPath = root.path
    }

    /// The root at `rootPath`, an absolute path without `.` or `..` (as `resolve` gives it).
    public init(rootPath: String) {
        self.root = URL(fileURLWithPath: rootPath, isDirectory: true)
        self.rootPath = rootPath
    }

    /// `--root`, else `$MAILMIRROR_ROOT`, else `$XDG_DATA_HOME/mailmirror`, else `~/.local/share/mailmirror`.
    public static func resolveRoot(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> URL
    {
        resolve(option: option, environment: environment).root
    }

    /// The paths under the root `resolveRoot` names.
    public static func resolve(option: String?, environment: [String: String]) -> MirrorPaths {
        if let option, !option.isEmpty { return MirrorPaths(rootPath: standardizedPath(option)) }
        if let root = environment["MAILMIRROR_ROOT"], !root.isEmpty {
            return MirrorPaths(rootPath: standardizedPath(root))
        }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            return MirrorPaths(root: URL(fileURLWithPath: data).appendingPathComponent("mailmirror"))
        }
        let home = environment["HOME"] ?? homeDirectory()
        return MirrorPaths(root: URL(fileURLWithPath: home).appendingPathComponent(".local/share/mailmirror"))
    }

    /// The user's home folder from the password database, for a process started without `HOME`
    /// (as Foundation's `NSHomeDirectory()`); `/` when the user has no entry.
    static func homeDirectory() -> String {
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return "/" }
        return String(cString: directory)
    }

    /// `URL(fileURLWithPath: path).standardizedFileURL` by hand: made absolute against the working
    /// folder, `.` and `..` removed by their names, as `standardizedFileURL` does. Every command starts
    /// here, and Foundation's version sets up its path machinery first.
    static func standardizedDirectory(_ path: String) -> URL {
        URL(fileURLWithPath: standardizedPath(path), isDirectory: true)
    }

    /// The path of `standardizedDirectory(path)`, built without reading `URL.path`.
    static func standardizedPath(_ path: String) -> String {
        var absolute = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            guard getcwd(&buffer, buffer.count) != nil else {
                return URL(fileURLWithPath: path).standardizedFileURL.path
            }
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
        return standardized.isEmpty ? "/" : standardized
    }

    public var configuration: URL { root.appendingPathComponent("config.json") }
    public var index: URL { root.appendingPathComponent("index") }
    public func budget(_ account: String) -> URL {
        root.appendingPathComponent("budget").appendingPathComponent(account)
    }
}
