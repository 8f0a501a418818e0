import Foundation
import Testing

@testable import Terminal

@Suite struct ProcessEnvironmentTests {
    /// Read from `environ` directly, it must say what Foundation says (no `setenv` here: tests run
    /// in parallel and glibc's environment is not safe to change while other threads read it).
    @Test func agreesWithProcessInfo() {
        let environment = ProcessEnvironment.current()
        #expect(!environment.isEmpty)
        #expect(environment == ProcessInfo.processInfo.environment)
    }
}
