import Terminal
import Testing

/// `CommandParser.commandName(in:)`, and the promise that makes it useful: a line that names a
/// subcommand parses, runs and fails the same with a root that holds only that subcommand.
@Suite struct CommandNameTests {
    static let parser = CommandParser(root: SampleTool.root, hasVersion: true)

    @Test(arguments: [
        (["sync"], "sync"),
        (["search", "--json", "x"], "search"),
        (["--root", "/m", "sync"], "sync"),
        (["--root=/m", "sync"], "sync"),
        (["--root=", "sync"], "sync"),
        (["-v", "--root", "/m", "account", "add"], "account"),
        (["--root", "/m", "-v", "search"], "search"),
        (["--verbose", "sync"], "sync"),
        (["--root", "sync", "search"], "search"),
        (["nosuch"], "nosuch"),
        (["help", "sync"], "help"),
    ])
    func namesTheFirstWordAfterTheRootsOptions(arguments: [String], name: String) {
        #expect(Self.parser.commandName(in: arguments) == name)
    }

    @Test(arguments: [
        [], ["--help", "sync"], ["-h", "sync"], ["--version"], ["--version", "sync"], ["--", "sync"],
        ["-vh", "sync"], ["--verbose=1", "sync"], ["--root"], ["--root", "-x", "sync"], ["--root", "-", "sync"],
        ["--root", "-5", "sync"], ["--json", "sync"], ["-q", "sync"], ["-", "sync"], ["-5", "sync"], ["--root", "/m"],
        ["-v"],
    ])
    func isNilWhenSomethingElseComesFirst(arguments: [String]) {
        #expect(Self.parser.commandName(in: arguments) == nil)
    }

    /// Every line that names a subcommand gives the same output and exit code with the pruned
    /// tree as with the whole one: help, usage errors and their suggestions, values.
    @Test(arguments: [
        ["sync"], ["sync", "--help"], ["sync", "-h"], ["--root", "/m", "sync", "a", "b"], ["sync", "--jsno"],
        ["sync", "--timeout", "0"], ["sync", "--timeout=x"], ["sync", "-t30", "--root", "/n"],
        ["-v", "sync", "-q", "-v"],
        ["sync", "--version"], ["sync", "help"], ["account"], ["account", "--help"], ["account", "ad"],
        ["account", "add"], ["account", "add", "x", "--email", "a@b", "--security", "tl"],
        ["--root=/m", "account", "add", "x", "--email=a@b", "--mailbox", "A", "--gmail"],
        ["account", "list", "--json"],
        ["account", "help", "add"], ["account", "help", "nosuch"], ["search"], ["search", "x", "y", "z"],
        ["search", "--sort", "dat", "x"], ["search", "-n", "5", "x"], ["search", "--debug-ranking", "x"],
        ["search", "-json", "x"], ["search", "--", "--json"], ["--root", "/m", "search", "--help", "--bad"],
        ["--root", "/m", "account", "list", "--root", "/n"],
    ])
    func aPrunedTreeRunsTheLineAsTheWholeTreeDoes(arguments: [String]) throws {
        let name = try #require(Self.parser.commandName(in: arguments))
        var pruned = SampleTool.root
        pruned.subcommands = [try #require(SampleTool.root.subcommand(named: name))]
        let whole = Self.run(arguments, SampleTool.tool)
        let alone = Self.run(arguments, CommandLineTool(root: pruned, version: "mailmirror 0.1.0"))
        #expect(alone.code == whole.code)
        #expect(alone.output == whole.output)
        #expect(alone.error == whole.error)
    }

    static func run(_ arguments: [String], _ tool: CommandLineTool) -> (code: ExitCode, output: String, error: String) {
        let output = MemoryOutput()
        let code = tool.run(arguments, output: output, environment: ["MAILMIRROR_ROOT": "/env"])
        return (code, output.standardOutput, output.standardError)
    }
}
