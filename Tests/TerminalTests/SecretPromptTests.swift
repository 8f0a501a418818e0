import Foundation
import Testing

@testable import Terminal

#if canImport(Glibc)
    import Glibc
#endif

/// A pseudo-terminal pair: the test types on `controller`, the prompt reads `terminal`.
private struct PseudoTerminal {
    let controller: Int32
    let terminal: Int32

    init() throws {
        // posix_openpt and friends are not visible through Glibc; these are their Linux ioctls.
        let unlock: UInt = 0x4004_5431  // TIOCSPTLCK
        let number: UInt = 0x8004_5430  // TIOCGPTN
        controller = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var locked: Int32 = 0
        var index: UInt32 = 0
        guard controller >= 0, ioctl(controller, unlock, &locked) == 0, ioctl(controller, number, &index) == 0 else {
            throw SampleFailure()
        }
        terminal = open("/dev/pts/\(index)", O_RDWR | O_NOCTTY)
        guard terminal >= 0 else { throw SampleFailure() }
    }

    func type(_ text: String) {
        Syscalls.writeAll(text, to: controller)
    }

    /// What the terminal displayed (prompt and echo), waiting up to `timeout` for it.
    func screen(timeout: TimeInterval = 1) -> String {
        var collected: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var descriptor = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) > 0 else {
                if !collected.isEmpty { break }
                continue
            }
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = read(controller, &buffer, buffer.count)
            guard count > 0 else { break }
            collected += buffer[0..<count]
        }
        return String(decoding: collected, as: UTF8.self)
    }

    func close() {
        _ = Glibc.close(terminal)
        _ = Glibc.close(controller)
    }
}

@Suite(.serialized) struct SecretPromptTests {
    @Test func readsWithoutEchoAndRestoresTheTerminal() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let terminal = pty.terminal
        #expect(Syscalls.terminalMode(terminal).map(Syscalls.echoes) == true)
        let reader = Background {
            try SecretPrompt.readLine(prompt: "App password: ", input: terminal, promptOutput: terminal)
        }
        #expect(pty.screen().contains("App password: "))
        pty.type("abcd efgh ijkl mnop\n")
        let result = try #require(reader.wait())
        #expect(try result.get() == "abcd efgh ijkl mnop")
        let screen = pty.screen(timeout: 0.3)
        #expect(!screen.contains("abcd"))
        #expect(Syscalls.terminalMode(terminal).map(Syscalls.echoes) == true)
    }

    @Test func endOfInputIsAnError() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let terminal = pty.terminal
        let reader = Background { try SecretPrompt.readLine(prompt: "> ", input: terminal, promptOutput: terminal) }
        _ = pty.screen()
        pty.type("\u{04}")  // Ctrl-D on an empty line
        let result = try #require(reader.wait())
        #expect(throws: SecretPrompt.Failure.endOfInput) { try result.get() }
        #expect(Syscalls.terminalMode(terminal).map(Syscalls.echoes) == true)
    }

    @Test func refusesWhenInputIsNotATerminal() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        defer {
            _ = close(descriptors[0])
            _ = close(descriptors[1])
        }
        let error = #expect(throws: SecretPrompt.Failure.notATerminal) {
            try SecretPrompt.readLine(prompt: "> ", input: descriptors[0], promptOutput: descriptors[1])
        }
        #expect(error?.userMessage.contains("not a terminal") == true)
        #expect(error?.exitCode == .usage)
    }

    @Test func signalRestoresEchoAndEndsThePrompt() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let terminal = pty.terminal
        // Stand-in for the program's own SIGINT handling, so the signal does not end the test run.
        let previous = signal(SIGINT) { _ in }
        defer { signal(SIGINT, previous) }
        let reader = Background { try SecretPrompt.readLine(prompt: "> ", input: terminal, promptOutput: terminal) }
        _ = pty.screen()
        #expect(Syscalls.terminalMode(terminal).map(Syscalls.echoes) == false)
        kill(getpid(), SIGINT)
        let deadline = Date().addingTimeInterval(2)
        while Syscalls.terminalMode(terminal).map(Syscalls.echoes) != true, Date() < deadline { usleep(10_000) }
        #expect(Syscalls.terminalMode(terminal).map(Syscalls.echoes) == true)
        pty.type("typed after the signal\n")
        let result = try #require(reader.wait())
        #expect(throws: SecretPrompt.Failure.interrupted) { try result.get() }
    }
}
