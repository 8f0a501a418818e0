import Foundation

/// Where tests put their scratch files: one folder per test process under the temporary directory
/// (`TMPDIR`), removed when the process exits, so a plain `swift test` leaves nothing behind in /tmp
/// (`scripts/test` also points `TMPDIR` at a folder of its own and removes that).
/// A test that crashes the process leaves its folder; the next run does not reuse it (the name holds the pid).
public enum ScratchFolder {
    /// Created on first use; removed at exit.
    public static let root: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mailmirror-tests-\(getpid())", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: ScratchFolder.root) }
        return url
    }()
}
