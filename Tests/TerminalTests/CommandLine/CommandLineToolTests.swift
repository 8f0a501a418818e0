import Terminal
import Testing

@Suite struct CommandLineToolTests {
    private func run(_ arguments: [String]) -> (code: ExitCode, output: MemoryOutput) {
        let output = MemoryOutput()
        let code = SampleTool.tool.run(arguments, output: output, environment: ["MAILMIRROR_ROOT": "/env"])
        return (code, output)
    }

    @Test func helpGoesToStandardOutputWithExitZero() {
        for arguments in [["--help"], ["help", "sync"], ["sync", "-h"], ["account"]] {
            let (code, output) = run(arguments)
            #expect(code == .success)
            #expect(output.standardOutput.hasPrefix("OVERVIEW: "))
            #expect(output.standardError.isEmpty)
        }
        #expect(
            run(["help", "sync"]).output.standardOutput
                == SampleTool.tool.helpFormatter().help(path: ["mailmirror", "sync"]))
    }

    @Test func versionGoesToStandardOutput() {
        let (code, output) = run(["--version"])
        #expect(code == .success)
        #expect(output.standardOutput == "mailmirror 0.1.0\n")
    }

    @Test func usageErrorPrintsErrorAndUsageOnStandardError() {
        let (code, output) = run(["sync", "--jsno"])
        #expect(code == .usage)
        #expect(output.standardOutput.isEmpty)
        #expect(
            output.standardError == """
                Error: Unknown option '--jsno'. Did you mean '--json'?
                Usage: mailmirror sync [--json] [--quiet] [--timeout <seconds>] [--budget <MB>]
                       [<name> ...]
                  See 'mailmirror sync --help' for more information.

                """)
    }

    @Test func usageErrorThrownByAHandlerGetsTheCommandsUsage() {
        let (code, output) = run(["sync", "--timeout", "9999"])
        #expect(code == .usage)
        #expect(
            output.standardError.hasPrefix(
                "Error: The value '9999' for '--timeout <seconds>' must be between 1 and 3600.\nUsage: mailmirror sync "
            ))
    }

    @Test func handlerRunsWithItsValues() {
        let (code, output) = run(["sync", "a", "b", "-t", "5"])
        #expect(code == .success)
        #expect(output.standardOutput == "sync [\"a\", \"b\"] timeout=5 root=/env\n")
        let explicit = MemoryOutput()
        _ = SampleTool.tool.run(
            ["--root", "/flag", "sync"], output: explicit, environment: ["MAILMIRROR_ROOT": "/env"])
        #expect(explicit.standardOutput == "sync [] timeout=60 root=/flag\n")
    }

    @Test func userFacingErrorKeepsItsExitCode() {
        let (code, output) = run(["search", "x"])
        #expect(code == .temporary)
        #expect(output.standardError == "Error: The index is missing. Run 'mailmirror reindex'.\n")
    }
}
