import Foundation
import Terminal
import Testing

@Suite struct ErrorReporterTests {
    struct NetworkDown: UserFacingError {
        var userMessage: String { "Cannot reach imap.gmail.com: the network is down. Nothing was changed." }
        var exitCode: ExitCode { .temporary }
    }

    struct DefaultCode: UserFacingError {
        var userMessage: String { "Verification found 2 corrupt files." }
    }

    struct Described: LocalizedError {
        var errorDescription: String? { "A described failure." }
    }

    struct Opaque: Error {}

    @Test func mapsEachKindOfError() {
        func report(_ error: any Error) -> (ExitCode, String) {
            let output = MemoryOutput()
            let code = ErrorReporter.report(error, to: output)
            #expect(output.standardOutput.isEmpty)
            return (code, output.standardError)
        }
        #expect(
            report(NetworkDown()) == (
                .temporary, "Error: Cannot reach imap.gmail.com: the network is down. Nothing was changed.\n"
            ))
        #expect(report(DefaultCode()) == (.failure, "Error: Verification found 2 corrupt files.\n"))
        #expect(report(Described()) == (.failure, "Error: A described failure.\n"))
        #expect(report(CancellationError()) == (.interrupted, "Error: Interrupted.\n"))
        #expect(report(Opaque()).0 == .failure)
        #expect(report(Opaque()).1.hasPrefix("Error: Opaque"))
        #expect(report(UsageError("Bad.", usageText: "Usage: x\n")) == (.usage, "Error: Bad.\nUsage: x\n"))
    }

    @Test func exitCodeValues() {
        #expect(ExitCode.success.rawValue == 0)
        #expect(ExitCode.failure.rawValue == 1)
        #expect(ExitCode.usage.rawValue == 64)
        #expect(ExitCode.temporary.rawValue == 75)
        #expect(ExitCode.success.isSuccess && !ExitCode.failure.isSuccess)
    }
}
