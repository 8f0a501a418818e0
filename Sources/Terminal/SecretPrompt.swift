#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Asks for a secret (an app password) on the terminal without echoing what is typed.
///
/// The terminal's echo is restored on every path: normal return, error, end of input, and
/// SIGINT / SIGTERM / SIGHUP / SIGQUIT while waiting (the signal is then passed on to whatever
/// handled it before, so Ctrl-C still stops the program). What was read is never logged, and the
/// byte buffer is zeroed before returning.
public enum SecretPrompt {
    /// Why a secret could not be read.
    public enum Failure: UserFacingError, Equatable {
        /// Standard input is a pipe or a file: there is nobody to ask.
        case notATerminal
        /// The input ended (Ctrl-D) before a line was entered.
        case endOfInput
        /// A signal arrived while waiting.
        case interrupted
        /// The terminal could not be read or configured.
        case terminalError(String)

        public var userMessage: String {
            switch self {
            case .notATerminal:
                return "Cannot ask for the password: standard input is not a terminal. "
                    + "Give it with --password-file, --password-command or --password-env instead."
            case .endOfInput: return "No password was entered."
            case .interrupted: return "Interrupted while waiting for the password."
            case .terminalError(let reason): return "Cannot read the password from the terminal: \(reason)."
            }
        }

        public var exitCode: ExitCode {
            switch self {
            case .notATerminal: return .usage
            case .interrupted: return .interrupted
            case .endOfInput, .terminalError: return .failure
            }
        }
    }

    /// Writes `prompt` to standard error, reads one line from standard input with echo off, and
    /// returns it without its line ending.
    public static func readLine(prompt: String) throws -> String {
        try readLine(prompt: prompt, input: 0, promptOutput: 2)
    }

    /// `readLine(prompt:)` on chosen descriptors (a pseudo-terminal in tests).
    static func readLine(prompt: String, input: Int32, promptOutput: Int32) throws -> String {
        guard Syscalls.isTerminal(input) else { throw Failure.notATerminal }
        guard let saved = Syscalls.terminalMode(input) else {
            throw Failure.terminalError(Syscalls.errorDescription(errno))
        }
        Syscalls.writeAll(prompt, to: promptOutput)

        let guardian = EchoGuard(descriptor: input, mode: saved)
        guardian.arm()
        defer { guardian.disarm() }
        guard Syscalls.setTerminalMode(input, Syscalls.withoutEcho(saved)) else {
            throw Failure.terminalError(Syscalls.errorDescription(errno))
        }

        var bytes: [UInt8] = []
        defer {
            // Best effort against the secret lingering in freed memory.
            for index in bytes.indices { bytes[index] = 0 }
        }
        readLoop: while true {
            if EchoGuard.signalReceived != 0 { throw Failure.interrupted }
            switch Syscalls.readByte(input) {
            case .byte(let byte):
                if byte == UInt8(ascii: "\n") { break readLoop }
                bytes.append(byte)
            case .endOfFile:
                if bytes.isEmpty { throw Failure.endOfInput }
                break readLoop
            case .interrupted:
                continue
            case .failed(let code):
                throw Failure.terminalError(Syscalls.errorDescription(code))
            }
        }
        if EchoGuard.signalReceived != 0 { throw Failure.interrupted }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
