import Foundation
import MailCore

/// Small files written crash-safely: tmp (0600) → fsync → rename → fsync the folder.
enum AtomicFile {
    static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp.\(getpid())")
        removeLeftovers(of: url)
        CrashPoint.before(.create)
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw fileError("cannot create", temporary) }
        var ok = data.withUnsafeBytes { buffer -> Bool in
            if CrashPoint.tearsWrite() {
                _ = Glibc.write(fd, buffer.baseAddress!, buffer.count / 2)
                CrashPoint.die()
            }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 { if errno == EINTR { continue }; return false }
                offset += written
            }
            return true
        }
        if ok {
            CrashPoint.before(.fsync)
            ok = fsync(fd) == 0
        }
        let savedErrno = errno
        close(fd)
        if ok { CrashPoint.before(.rename) }
        guard ok, rename(temporary.path, url.path) == 0 else {
            errno = savedErrno
            let error = fileError("cannot write", url)
            unlink(temporary.path)
            throw error
        }
        CrashPoint.before(.fsyncDirectory)
        let directoryFD = open(directory.path, O_RDONLY | O_DIRECTORY)
        if directoryFD >= 0 { fsync(directoryFD); close(directoryFD) }
    }

    /// Removes what writers of `url` killed before their rename left behind (`.NAME.tmp.PID` of a
    /// process that no longer runs), so crashes do not leave litter that grows.
    private static func removeLeftovers(of url: URL) {
        let prefix = ".\(url.lastPathComponent).tmp."
        let directory = url.deletingLastPathComponent()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(directory.appendingPathComponent(name).path)
        }
    }

    /// Removes `url` durably (the folder is fsynced); a missing file is not an error.
    static func remove(_ url: URL) throws {
        CrashPoint.before(.unlink)
        if unlink(url.path) != 0 {
            guard errno == ENOENT else { throw fileError("cannot remove", url) }
            return
        }
        CrashPoint.before(.fsyncDirectory)
        let directoryFD = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY)
        if directoryFD >= 0 { fsync(directoryFD); close(directoryFD) }
    }

    private static func fileError(_ what: String, _ url: URL) -> MailMirrorError {
        .fileSystem("\(what) \(url.path): \(String(cString: strerror(errno)))")
    }
}
