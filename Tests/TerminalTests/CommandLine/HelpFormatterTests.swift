import Terminal
import Testing

@Suite struct HelpFormatterTests {
    let formatter = SampleTool.tool.helpFormatter()

    @Test(arguments: [
        (["mailmirror"], "help/root.txt"),
        (["mailmirror", "account"], "help/account.txt"),
        (["mailmirror", "account", "add"], "help/account-add.txt"),
        (["mailmirror", "sync"], "help/sync.txt"),
        (["mailmirror", "search"], "help/search.txt"),
    ])
    func helpMatchesGolden(path: [String], golden: String) {
        Golden.check(formatter.help(path: path), golden)
    }

    @Test func sectionsInOrder() {
        let help = formatter.help(path: ["mailmirror", "account", "add"])
        let order = ["OVERVIEW:", "USAGE:", "ARGUMENTS:", "OPTIONS:", "GLOBAL OPTIONS:"].map {
            help.range(of: $0)?.lowerBound
        }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(!help.contains("SUBCOMMANDS:"))
        #expect(formatter.help(path: ["mailmirror"]).contains("SUBCOMMANDS:"))
    }

    @Test func noLineIsWiderThanTheWidth() {
        for path in [["mailmirror"], ["mailmirror", "account", "add"], ["mailmirror", "search"]] {
            for width in [40, 60, 80] {
                let help = SampleTool.tool.helpFormatter(width: width).help(path: path)
                for line in help.split(separator: "\n") where line.contains(" ") && !line.contains("(default:") {
                    // A single word (or a "(default: x)" kept whole) longer than the room left
                    // may overflow; nothing else does.
                    let longestWord = line.split(separator: " ").map(\.count).max() ?? 0
                    #expect(line.count <= max(width, 26 + longestWord), "\(width): \(line)")
                }
            }
        }
    }

    @Test func usageLines() {
        #expect(formatter.usage(path: ["mailmirror"]) == "mailmirror [--root <dir>] [--verbose] <subcommand>")
        #expect(
            formatter.usage(path: ["mailmirror", "search"])
                == "mailmirror search [--limit <n>] [--sort <order>] [--json] [--threads] <query> [<extra>]")
        #expect(formatter.usage(path: ["mailmirror", "sync"]).hasSuffix("[<name> ...]"))
        #expect(
            formatter.usage(path: ["mailmirror", "account", "add"])
                .contains("--email <address> [--host <host>]"))
        #expect(formatter.usage(path: ["mailmirror", "account", "add"]).contains("[--mailbox <name> ...]"))
    }

    @Test func hiddenOptionsAreNotShown() {
        #expect(!formatter.help(path: ["mailmirror", "search"]).contains("debug-ranking"))
    }
}
