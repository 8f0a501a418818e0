#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every C call of the Terminal module, in one place: descriptors, window size, termios, signals.
enum Syscalls {
    static let standardInput: Int32 = 0
    static let standardOutput: Int32 = 1
    static let standardError: Int32 = 2

    /// Whether `descriptor` is a terminal.
    static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// The column count of the terminal on `descriptor`, or nil when it is not one (or reports 0).
    static func windowColumns(_ descriptor: Int32) -> Int? {
        var size = winsize()
        #if canImport(Darwin)
            let request = UInt(TIOCGWINSZ)
        #else
            let request = UInt(TIOCGWINSZ)
        #endif
        guard ioctl(descriptor, request, &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Writes all of `text`, retrying on partial writes and EINTR. Errors (a closed pipe) are
    /// dropped: output is best effort and must never turn into a second failure.
    static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            guard var pointer = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = write(descriptor, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                pointer += written
                remaining -= written
            }
        }
    }

    /// Writes raw bytes to `descriptor`, best effort.
    static func writeAll(bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBufferPointer { buffer in
            guard var pointer = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = write(descriptor, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                pointer += written
                remaining -= written
            }
        }
    }

    /// The result of reading one byte.
    enum ByteRead {
        case byte(UInt8)
        case endOfFile
        case interrupted
        case failed(Int32)
    }

    /// Reads one byte from `descriptor`; EINTR is reported rather than retried, so a signal
    /// can end a blocking prompt.
    static func readByte(_ descriptor: Int32) -> ByteRead {
        var byte: UInt8 = 0
        let count = read(descriptor, &byte, 1)
        if count == 1 { return .byte(byte) }
        if count == 0 { return .endOfFile }
        return errno == EINTR ? .interrupted : .failed(errno)
    }

    /// A saved terminal mode.
    typealias TerminalMode = termios

    /// The current mode of the terminal on `descriptor`, or nil with errno.
    static func terminalMode(_ descriptor: Int32) -> TerminalMode? {
        var mode = termios()
        return tcgetattr(descriptor, &mode) == 0 ? mode : nil
    }

    /// `mode` with echo of typed characters off but the final newline still echoed.
    static func withoutEcho(_ mode: TerminalMode) -> TerminalMode {
        var mode = mode
        mode.c_lflag &= ~tcflag_t(ECHO)
        mode.c_lflag |= tcflag_t(ECHONL)
        return mode
    }

    /// Whether echo is on in `mode`.
    static func echoes(_ mode: TerminalMode) -> Bool {
        mode.c_lflag & tcflag_t(ECHO) != 0
    }

    /// Applies `mode` to the terminal on `descriptor` (after pending output is written).
    @discardableResult
    static func setTerminalMode(_ descriptor: Int32, _ mode: TerminalMode) -> Bool {
        var mode = mode
        return tcsetattr(descriptor, TCSAFLUSH, &mode) == 0
    }

    static func errorDescription(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// The variables in `environ`, split at the first `=` (a later duplicate name wins, as in
    /// `ProcessInfo`).
    static func environment() -> [String: String] {
        // Sized once (growing the table rehashed it several times), and each name and value decoded
        // straight from the C string, without a whole-entry string first.
        var count = 0
        while environ[count] != nil { count += 1 }
        var result = [String: String](minimumCapacity: count)
        for k in 0..<count {
            guard let pointer = environ[k] else { break }
            let length = strlen(pointer)
            pointer.withMemoryRebound(to: UInt8.self, capacity: length) { start in
                let bytes = UnsafeBufferPointer(start: start, count: length)
                guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { return }
                let name = UnsafeBufferPointer(rebasing: bytes[..<equals])
                let value = UnsafeBufferPointer(rebasing: bytes[(equals + 1)...])
                result[String(decoding: name, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
            }
        }
        return result
    }
}
