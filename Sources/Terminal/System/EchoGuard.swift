#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Puts a terminal back the way it was if a signal arrives while echo is off.
///
/// While armed, SIGINT, SIGTERM, SIGHUP and SIGQUIT run a handler that restores the saved mode,
/// puts the previous handler back and raises the signal again, so the program reacts as it would
/// have (Ctrl-C still ends it) but never leaves the shell without echo. The handler is installed
/// without SA_RESTART, so a blocking read returns EINTR and the prompt can give up cleanly.
/// Only one guard may be armed at a time (one prompt at a time).
final class EchoGuard {
    /// Set (to the signal number) by the handler; read by the prompt loop.
    nonisolated(unsafe) static var signalReceived: sig_atomic_t = 0

    /// State the C handler reads; plain static storage, written before the handler is installed.
    nonisolated(unsafe) fileprivate static var savedDescriptor: Int32 = -1
    nonisolated(unsafe) fileprivate static let savedMode = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    nonisolated(unsafe) fileprivate static let previousActions =
        UnsafeMutablePointer<sigaction>.allocate(capacity: EchoGuard.signals.count)
    fileprivate static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    nonisolated(unsafe) fileprivate static let signalNumbers: UnsafeMutablePointer<Int32> = {
        let pointer = UnsafeMutablePointer<Int32>.allocate(capacity: EchoGuard.signals.count)
        for (index, signal) in EchoGuard.signals.enumerated() { pointer[index] = signal }
        return pointer
    }()

    private let descriptor: Int32
    private let mode: termios
    private var armed = false

    init(descriptor: Int32, mode: termios) {
        self.descriptor = descriptor
        self.mode = mode
    }

    /// Saves the mode for the handler and installs it for the four signals.
    func arm() {
        precondition(!armed)
        Self.signalReceived = 0
        Self.savedDescriptor = descriptor
        Self.savedMode.pointee = mode
        _ = Self.signalNumbers
        var action = sigaction()
        #if canImport(Darwin)
            action.__sigaction_u.__sa_handler = echoGuardHandler
        #else
            action.__sigaction_handler.sa_handler = echoGuardHandler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        for index in Self.signals.indices {
            sigaction(Self.signals[index], &action, Self.previousActions + index)
        }
        armed = true
    }

    /// Restores the terminal mode and the previous signal handlers.
    func disarm() {
        guard armed else { return }
        Syscalls.setTerminalMode(descriptor, mode)
        for index in Self.signals.indices {
            sigaction(Self.signals[index], Self.previousActions + index, nil)
        }
        armed = false
    }
}

/// The signal handler: only async-signal-safe calls (tcsetattr, sigaction, raise).
private func echoGuardHandler(_ signal: Int32) {
    EchoGuard.signalReceived = signal
    tcsetattr(EchoGuard.savedDescriptor, TCSANOW, EchoGuard.savedMode)
    for index in 0..<4 where EchoGuard.signalNumbers[index] == signal {
        sigaction(signal, EchoGuard.previousActions + index, nil)
    }
    raise(signal)
}
