import Foundation
import MailCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The index's few system calls, in one place: durable writes, directory syncs, mapping.
enum FileIO {
    static func reason() -> String { String(cString: strerror(errno)) }

    /// Writes `bytes` to `path` durably: `path.tmp`, fsync, rename, fsync of the directory.
    /// A crash leaves either the old file or the new one, never a mix.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(IndexError) {
        let tmp = path + ".tmp"
        CrashPoint.before(.create)
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw IndexError.io(path: tmp, reason: reason()) }
        var written = 0
        let failure: String? = bytes.withUnsafeBytes { raw -> String? in
            if CrashPoint.tearsWrite() {
                _ = write(fd, raw.baseAddress!, raw.count / 2)
                CrashPoint.die()
            }
            while written < raw.count {
                let n = write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return reason()
                }
                written += n
            }
            CrashPoint.before(.fsync)
            return fsync(fd) == 0 ? nil : reason()
        }
        close(fd)
        if let failure {
            unlink(tmp)
            throw IndexError.io(path: tmp, reason: failure)
        }
        CrashPoint.before(.rename)
        guard rename(tmp, path) == 0 else {
            let why = reason()
            unlink(tmp)
            throw IndexError.io(path: path, reason: why)
        }
        syncDirectory(of: path)
    }

    static func syncDirectory(of path: String) {
        CrashPoint.before(.fsyncDirectory)
        let dir = (path as NSString).deletingLastPathComponent
        let fd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    static func readFile(_ path: String) throws(IndexError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw IndexError.io(path: path, reason: reason())
        }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw IndexError.io(path: path, reason: reason())
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    static func makeDirectory(_ path: String) throws(IndexError) {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw IndexError.io(path: path, reason: "cannot create the index folder (\(error.localizedDescription))")
        }
    }

    static func list(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    static func remove(_ path: String) {
        CrashPoint.before(.unlink)
        unlink(path)
    }

    /// Takes the writer lock (`flock`), or throws `.locked` when another writer holds it.
    static func lock(_ path: String) throws(IndexError) -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw IndexError.io(path: path, reason: reason()) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            throw IndexError.locked(path: path)
        }
        return fd
    }

    static func unlock(_ fd: Int32) {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
