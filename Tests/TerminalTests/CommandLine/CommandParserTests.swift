import Terminal
import Testing

/// Parses `arguments` with the sample tree and expects a command to run.
private func parsed(_ arguments: [String]) throws -> (path: [String], values: ParsedValues) {
    guard case .run(_, let path, let values) = try SampleTool.tool.parse(arguments) else {
        Issue.record("expected a command to run for \(arguments)")
        throw SampleFailure()
    }
    return (path, values)
}

/// The usage error `arguments` produce.
private func usageError(_ arguments: [String]) -> UsageError? {
    do {
        _ = try SampleTool.tool.parse(arguments)
        return nil
    } catch let error as UsageError {
        return error
    } catch {
        return nil
    }
}

@Suite struct CommandParserTests {
    @Test func chooseSubcommandsAndGlobalOptions() throws {
        let (path, values) = try parsed(["--root", "/tmp/m", "--verbose", "sync", "support", "perso"])
        #expect(path == ["mailmirror", "sync"])
        #expect(values.string("root") == "/tmp/m")
        #expect(values.flag("verbose"))
        #expect(values.strings("name") == ["support", "perso"])
        #expect(!values.flag("json"))
    }

    @Test func nestedSubcommandWithEveryOptionForm() throws {
        let (path, values) = try parsed([
            "account", "add", "support", "--email=help@example.com", "--mailbox", "INBOX",
            "--mailbox=Sent", "--team", "@example.com", "--security", "starttls", "--gmail",
        ])
        #expect(path == ["mailmirror", "account", "add"])
        #expect(values.string("name") == "support")
        #expect(values.string("email") == "help@example.com")
        #expect(values.strings("mailbox") == ["INBOX", "Sent"])
        #expect(values.strings("team") == ["@example.com"])
        #expect(values.string("security") == "starttls")
        #expect(values.flag("gmail"))
        #expect(values.wasGiven("email"))
        #expect(!values.wasGiven("host"))
    }

    @Test func defaultsApplyWhenAbsent() throws {
        let (_, values) = try parsed(["account", "add", "x", "--email", "a@b.c"])
        #expect(try values.int("port") == 993)
        #expect(values.string("security") == "tls")
        #expect(values.string("host") == nil)
        #expect(values.strings("mailbox").isEmpty)
        #expect(!values.wasGiven("port"))
    }

    @Test func emptyAttachedValueIsAValue() throws {
        let (_, values) = try parsed(["--root=", "sync"])
        #expect(values.string("root") == "")
        #expect(values.wasGiven("root"))
    }

    @Test func lastValueWinsForSingleValueOptions() throws {
        let (_, values) = try parsed(["search", "q", "--limit", "5", "--limit", "7"])
        #expect(try values.int("limit") == 7)
    }

    @Test func shortOptionsAloneBundledAndAttached() throws {
        var (_, values) = try parsed(["sync", "-q", "-t", "30"])
        #expect(values.flag("quiet"))
        #expect(try values.int("timeout") == 30)
        (_, values) = try parsed(["-v", "sync", "-qt30"])
        #expect(values.flag("quiet"))
        #expect(values.flag("verbose"))
        #expect(try values.int("timeout") == 30)
        (_, values) = try parsed(["-vv", "sync"])
        #expect(values.flagCount("verbose") == 2)
        (_, values) = try parsed(["sync", "-t=45"])
        #expect(try values.int("timeout") == 45)
    }

    @Test func globalOptionsAreAlsoAcceptedAfterTheSubcommand() throws {
        let (_, values) = try parsed(["sync", "--root", "/srv/mail", "-v"])
        #expect(values.string("root") == "/srv/mail")
        #expect(values.flag("verbose"))
    }

    @Test func doubleDashEndsOptions() throws {
        let (_, values) = try parsed(["search", "--json", "--", "-from:bob", "--limit"])
        #expect(values.string("query") == "-from:bob")
        #expect(values.string("extra") == "--limit")
        #expect(values.flag("json"))
    }

    @Test func negativeNumbersAndLoneDashAreValues() throws {
        var (_, values) = try parsed(["search", "q", "--limit", "-1"])
        #expect(try values.int("limit") == -1)
        (_, values) = try parsed(["search", "-"])
        #expect(values.string("query") == "-")
    }

    @Test func optionalArgument() throws {
        var (_, values) = try parsed(["search", "word"])
        #expect(values.string("extra") == nil)
        (_, values) = try parsed(["search", "word", "second"])
        #expect(values.string("extra") == "second")
    }

    @Test func variadicMayBeEmpty() throws {
        let (_, values) = try parsed(["sync"])
        #expect(values.strings("name").isEmpty)
    }

    @Test func typedGetters() throws {
        let (_, values) = try parsed(["search", "q", "--limit", "12"])
        #expect(try values.int("limit") == 12)
        #expect(try values.double("limit") == 12.0)
        #expect(try values.requiredString("query") == "q")
        #expect(try values.int("limit", in: 0...100) == 12)
        let outOfRange = #expect(throws: UsageError.self) { try values.int("limit", in: 0...10) }
        #expect(outOfRange?.userMessage == "The value '12' for '--limit <n>' must be between 0 and 10.")
        let budget = try parsed(["sync", "--budget", "2,400"]).values
        let notNumber = #expect(throws: UsageError.self) { try budget.double("budget") }
        #expect(notNumber?.userMessage == "The value '2,400' for '--budget <MB>' is not a number.")
        let notInt = #expect(throws: UsageError.self) { try parsed(["search", "q", "-n", "ten"]).values.int("limit") }
        #expect(notInt?.userMessage == "The value 'ten' for '--limit <n>' is not a whole number.")
        #expect(try parsed(["sync", "--budget", "2.5"]).values.double("budget") == 2.5)
    }

    @Test func helpForms() throws {
        for arguments in [["--help"], ["-h"], ["help"], []] {
            guard case .help(let path) = try SampleTool.tool.parse(arguments) else {
                Issue.record("no help for \(arguments)")
                continue
            }
            #expect(path == ["mailmirror"], "\(arguments)")
        }
        for arguments in [
            ["account", "add", "--help"], ["help", "account", "add"], ["account", "help", "add"],
            ["account", "add", "-h", "--no-such-option"], ["account", "add", "--no-such-option", "--help"],
            ["--root", "x", "account", "add", "-h"], ["account", "add", "x", "-h"],
        ] {
            guard case .help(let path) = try SampleTool.tool.parse(arguments) else {
                Issue.record("no help for \(arguments)")
                continue
            }
            #expect(path == ["mailmirror", "account", "add"], "\(arguments)")
        }
        // A group without a handler shows its help when run alone.
        guard case .help(let path) = try SampleTool.tool.parse(["account"]) else {
            Issue.record("no help for a bare group")
            return
        }
        #expect(path == ["mailmirror", "account"])
    }

    @Test func helpAfterDoubleDashIsAnArgument() throws {
        let (_, values) = try parsed(["search", "--", "--help"])
        #expect(values.string("query") == "--help")
    }

    @Test func version() throws {
        guard case .version = try SampleTool.tool.parse(["--version"]) else {
            Issue.record("--version not recognised")
            return
        }
        let withoutVersion = CommandLineTool(root: SampleTool.root)
        #expect(throws: UsageError.self) { try withoutVersion.parse(["--version"]) }
    }

    @Test(arguments: [
        (["sync", "--jsno"], "Unknown option '--jsno'. Did you mean '--json'?", ["mailmirror", "sync"]),
        (["sync", "--frobnicate"], "Unknown option '--frobnicate'.", ["mailmirror", "sync"]),
        (["sync", "-x"], "Unknown option '-x'.", ["mailmirror", "sync"]),
        (["sync", "-json"], "Unknown option '-json'. Did you mean '--json'?", ["mailmirror", "sync"]),
        (["sync", "-jsno"], "Unknown option '-jsno'. Did you mean '--json'?", ["mailmirror", "sync"]),
        (["sync", "-qx"], "Unknown option '-x'.", ["mailmirror", "sync"]),
        (["snyc"], "Unknown command 'snyc'. Did you mean 'sync'?", ["mailmirror"]),
        (["frob"], "Unknown command 'frob'.", ["mailmirror"]),
        (["account", "ad", "x"], "Unknown command 'ad'. Did you mean 'add'?", ["mailmirror", "account"]),
        (["help", "account", "dd"], "Unknown command 'dd'. Did you mean 'add'?", ["mailmirror", "account"]),
        (["account", "add", "x"], "Missing expected argument '--email <address>'.", ["mailmirror", "account", "add"]),
        (
            ["account", "add", "--email", "a@b"], "Missing expected argument '<name>'.",
            ["mailmirror", "account", "add"]
        ),
        (["search"], "Missing expected argument '<query>'.", ["mailmirror", "search"]),
        (["search", "a", "b", "c"], "Unexpected argument 'c'.", ["mailmirror", "search"]),
        (["--root"], "Missing value for '--root <dir>'.", ["mailmirror"]),
        (["sync", "--timeout", "--json"], "Missing value for '--timeout <seconds>'.", ["mailmirror", "sync"]),
        (["sync", "--json=yes"], "The flag '--json' does not take a value.", ["mailmirror", "sync"]),
        (
            ["search", "q", "--sort", "dat"],
            "The value 'dat' for '--sort <order>' must be one of: relevance, date. Did you mean 'date'?",
            ["mailmirror", "search"]
        ),
        (
            ["search", "q", "--sort", "size"], "The value 'size' for '--sort <order>' must be one of: relevance, date.",
            ["mailmirror", "search"]
        ),
        (["account", "list", "extra"], "Unexpected argument 'extra'.", ["mailmirror", "account", "list"]),
    ])
    func usageErrors(arguments: [String], message: String, path: [String]) {
        let error = usageError(arguments)
        #expect(error?.userMessage == message)
        #expect(error?.commandPath == path)
        #expect(error?.exitCode == .usage)
    }

    @Test func hiddenOptionsParseButAreNotSuggested() throws {
        let (_, values) = try parsed(["search", "q", "--debug-ranking"])
        #expect(values.flag("debug-ranking"))
        #expect(usageError(["search", "q", "--debug-rankin"])?.userMessage == "Unknown option '--debug-rankin'.")
    }

    @Test func suggestionDistance() {
        #expect(SuggestionProbe.closest("--jsno", ["--json", "--quiet"]) == "--json")
        #expect(SuggestionProbe.closest("--verbos", ["--version", "--verbose"]) == "--verbose")
        #expect(SuggestionProbe.closest("--zzz", ["--json"]) == nil)
    }
}
