import FoundationEssentials
import Glibc

/// Runs a helper program (`secret-tool`, a password command, `xdg-open`) with `posix_spawn`: Foundation's
/// `Process` is swift-corelibs Foundation's, which the executable no longer links (issue 13).
///
/// The child inherits the environment; standard error goes to `/dev/null` (a helper may print a secret
/// there when it fails), and no descriptor but the three standard ones is passed on.
public struct ChildProcess {
    /// How a run ended: the exit status, or the signal's number when a signal ended it (as `Process`'s
    /// `terminationStatus`); and what the child wrote on its standard output when it was captured.
    public struct Outcome {
        public let status: Int32
        public let output: [UInt8]
    }

    /// A helper that could not be started; `reason` is the system's sentence.
    public struct LaunchError: Error {
        public let reason: String
    }

    let path: String
    let arguments: [String]

    public init(path: String, arguments: [String]) {
        self.path = path
        self.arguments = arguments
    }

    /// Starts the child without waiting for it (`xdg-open`).
    public func launch() throws(LaunchError) {
        _ = try spawn(stdinPipe: nil, stdoutPipe: nil)
    }

    /// Runs the child to its end: `input` written to its standard input (closed after), its standard
    /// output read when `captureOutput`, else sent to `/dev/null`.
    public func run(input: [UInt8]? = nil, captureOutput: Bool = false) throws(LaunchError) -> Outcome {
        var inPipe: [Int32] = [-1, -1]
        var outPipe: [Int32] = [-1, -1]
        if input != nil, pipe(&inPipe) != 0 { throw LaunchError(reason: Self.lastError()) }
        if captureOutput, pipe(&outPipe) != 0 {
            Self.close(inPipe)
            throw LaunchError(reason: Self.lastError())
        }
        let pid: pid_t
        do {
            pid = try spawn(stdinPipe: input == nil ? nil : inPipe, stdoutPipe: captureOutput ? outPipe : nil)
        } catch {
            Self.close(inPipe + outPipe)
            throw error
        }
        Glibc.close(inPipe[0] >= 0 ? inPipe[0] : -1)
        Glibc.close(outPipe[1] >= 0 ? outPipe[1] : -1)
        if let input {
            // A child that exits without reading must not kill this process with SIGPIPE.
            let previous = signal(SIGPIPE, SIG_IGN)
            input.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(inPipe[1], buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    if written <= 0 { break }
                    offset += written
                }
            }
            Glibc.close(inPipe[1])
            signal(SIGPIPE, previous)
        }
        var output: [UInt8] = []
        if captureOutput {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(outPipe[0], $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                output += chunk[0..<count]
            }
            Glibc.close(outPipe[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signalled = status & 0x7F
        return Outcome(status: signalled == 0 ? (status >> 8) & 0xFF : signalled, output: output)
    }

    private func spawn(stdinPipe: [Int32]?, stdoutPipe: [Int32]?) throws(LaunchError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdinPipe {
            posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        }
        if let stdoutPipe {
            posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        _ = closeFrom(&actions, 3)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard result == 0 else { throw LaunchError(reason: String(cString: strerror(result))) }
        return pid
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }

    private static func close(_ descriptors: [Int32]) {
        for descriptor in descriptors where descriptor >= 0 { Glibc.close(descriptor) }
    }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34), which the Glibc module does not export: it is
/// declared only with `_GNU_SOURCE`.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func closeFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32
