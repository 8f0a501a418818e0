/// Writes help and usage text for a command tree, in swift-argument-parser's layout:
/// OVERVIEW, USAGE, ARGUMENTS, OPTIONS, GLOBAL OPTIONS, SUBCOMMANDS.
///
/// Pure and deterministic: the same tree gives the same bytes at a given width (80 by default,
/// independent of the terminal, so help can be compared against golden files).
public struct HelpFormatter {
    public let parser: CommandParser
    /// Lines are wrapped at this many columns.
    public let width: Int

    /// Help labels take this many columns (2 of indentation included) before their description.
    static let labelColumn = 26

    public init(parser: CommandParser, width: Int = 80) {
        self.parser = parser
        self.width = max(width, 40)
    }

    /// The full help of the command at `path` (root name first), ending in a newline.
    public func help(path: [String]) -> String {
        guard let chain = parser.commands(along: path) else { return "" }
        let command = chain.last!
        var sections: [String] = []
        if !command.abstract.isEmpty {
            sections.append(wrap("OVERVIEW: " + command.abstract, indent: 0, hangingIndent: 0))
        }
        if !command.discussion.isEmpty {
            sections.append(
                command.discussion.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { wrapPreservingIndent(String($0)) }.joined(separator: "\n"))
        }
        sections.append(usageBlock("USAGE: ", path: path))

        let arguments = command.arguments.map { (label: "<\($0.name)>", help: $0.help) }
        if !arguments.isEmpty { sections.append(section("ARGUMENTS:", arguments)) }

        let visible = parser.visibleOptions(chain).filter { !$0.isHidden }
        let ownNames = Set(command.options.map(\.name))
        let builtIns: Set<String> = [CommandParser.helpOption.name, CommandParser.versionOption.name]
        var own = visible.filter { ownNames.contains($0.name) }
        let inherited = visible.filter { !ownNames.contains($0.name) && !builtIns.contains($0.name) }
        if chain.count == 1, parser.hasVersion { own.append(CommandParser.versionOption) }
        own.append(CommandParser.helpOption)
        sections.append(section("OPTIONS:", own.map { (label: $0.helpLabel, help: describe($0)) }))
        if !inherited.isEmpty {
            sections.append(section("GLOBAL OPTIONS:", inherited.map { (label: $0.helpLabel, help: describe($0)) }))
        }

        if !command.subcommands.isEmpty {
            var text = section("SUBCOMMANDS:", command.subcommands.map { (label: $0.name, help: $0.abstract) })
            let helpCommand = ([chain.first!.name, "help"] + path.dropFirst() + ["<subcommand>"])
                .joined(separator: Self.nonBreakingSpace)
            text += "\n\n" + wrap("See '\(helpCommand)' for detailed help.", indent: 2, hangingIndent: 2)
            sections.append(text)
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// The usage synopsis of the command at `path`, e.g.
    /// `mailmirror search [--limit <n>] [--json] <query>` (without the `USAGE: ` prefix).
    public func usage(path: [String]) -> String {
        usageGroups(path: path).joined(separator: " ")
    }

    /// The usage synopsis as groups never split across lines (`[--mailbox <name> ...]`).
    func usageGroups(path: [String]) -> [String] {
        guard let chain = parser.commands(along: path) else { return [path.joined(separator: " ")] }
        let command = chain.last!
        var groups = [path.joined(separator: " ")]
        // Only the command's own options: inherited global ones are listed in its help instead.
        for option in command.options where !option.isHidden {
            var group = option.synopsis
            if option.kind == .repeatable { group += " ..." }
            groups.append(option.isRequired ? group : "[" + group + "]")
        }
        groups += command.arguments.map(\.usage)
        if !command.subcommands.isEmpty { groups.append("<subcommand>") }
        return groups
    }

    /// `prefix` and the usage groups, wrapped with continuation lines under the first group.
    private func usageBlock(_ prefix: String, path: [String]) -> String {
        let glued = usageGroups(path: path).map { $0.replacingSpaces(with: Self.nonBreakingSpace) }
        return wrap(prefix + glued.joined(separator: " "), indent: 0, hangingIndent: prefix.count)
    }

    /// What follows `Error: …` for a usage error: the usage line and where to find more help.
    public func usageErrorText(path: [String]) -> String {
        usageBlock("Usage: ", path: path) + "\n"
            + "  See '\(path.joined(separator: " ")) --help' for more information.\n"
    }

    private func describe(_ option: OptionSpec) -> String {
        var text = option.help
        if !option.allowedValues.isEmpty {
            text += (text.isEmpty ? "" : " ") + "(values: " + option.allowedValues.joined(separator: ", ") + ")"
        }
        if let defaultValue = option.defaultValue {
            // Kept on one line: "(default:" alone at the end of a line reads badly.
            text +=
                (text.isEmpty ? "" : " ") + "(default: \(defaultValue))".replacingSpaces(with: Self.nonBreakingSpace)
        }
        return text
    }

    private func section(_ title: String, _ rows: [(label: String, help: String)]) -> String {
        var lines = [title]
        let column = Self.labelColumn
        for row in rows {
            let label = "  " + row.label
            if row.help.isEmpty {
                lines.append(label)
            } else if label.displayWidth <= column - 2 {
                let first = label.padded(toDisplayWidth: column)
                lines.append(wrap(first + row.help, indent: 0, hangingIndent: column))
            } else {
                lines.append(label)
                lines.append(wrap(row.help, indent: column, hangingIndent: column))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A line with its leading spaces kept, wrapped with continuation lines at the same indent.
    private func wrapPreservingIndent(_ line: String) -> String {
        let indent = line.prefix { $0 == " " }.count
        return wrap(String(line.dropFirst(indent)), indent: indent, hangingIndent: indent)
    }

    /// `text` broken at spaces so no line exceeds `width` (a single longer word stays whole).
    /// Runs of spaces inside a line are kept (they align the help column). The first line is
    /// indented by `indent`, the others by `hangingIndent`.
    func wrap(_ text: String, indent: Int, hangingIndent: Int) -> String {
        var tokens: [(gap: String, word: String)] = []
        var gap = ""
        var word = ""
        for character in text {
            if character == " " {
                if !word.isEmpty {
                    tokens.append((gap, word))
                    gap = ""
                    word = ""
                }
                gap.append(" ")
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { tokens.append((gap, word)) }
        var lines: [String] = []
        var current = String(repeating: " ", count: indent)
        var lineHasWord = false
        for token in tokens {
            let candidate = current + token.gap + token.word
            if lineHasWord, candidate.displayWidth > width {
                lines.append(current)
                current = String(repeating: " ", count: hangingIndent) + token.word
            } else {
                current = candidate
            }
            lineHasWord = true
        }
        lines.append(current)
        return lines.joined(separator: "\n").replacingOccurrences(of: Self.nonBreakingSpace, with: " ")
    }

    /// Joins words that must stay on one line while wrapping; printed as a plain space.
    /// A private-use character, so a real no-break space in help text is left alone.
    static let nonBreakingSpace = "\u{E000}"
}

extension String {
    fileprivate func replacingSpaces(with replacement: String) -> String {
        split(separator: " ", omittingEmptySubsequences: false).joined(separator: replacement)
    }

    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
