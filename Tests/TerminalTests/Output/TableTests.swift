import Terminal
import Testing

@Suite struct TableTests {
    private func sample() -> Table {
        var table = Table(columns: [
            .init("DATE"), .init("FROM"), .init("SUBJECT", flexible: true), .init("SIZE", alignment: .right),
        ])
        table.append(["2024-03-05 14:02", "Élodie Müller", "Mot de passe d'application refusé", "12.1 KB"])
        table.append(["2024-03-06 09:15", "李小龙", "登录问题：应用专用密码无法使用", "3.4 MB"])
        table.append(["2024-03-07 18:40", "bob@example.com", "Re: Sync\nstops", "900 B"])
        return table
    }

    @Test func plainTableIsAlignedAndUncut() {
        let text = sample().render()
        #expect(
            text == """
                DATE              FROM             SUBJECT                               SIZE
                2024-03-05 14:02  Élodie Müller    Mot de passe d'application refusé  12.1 KB
                2024-03-06 09:15  李小龙           登录问题：应用专用密码无法使用      3.4 MB
                2024-03-07 18:40  bob@example.com  Re: Sync stops                       900 B

                """)
        // Every line has the same display width up to the right-aligned last column.
        let widths = Set(text.split(separator: "\n").map { String($0).displayWidth })
        #expect(widths == [77])
    }

    @Test(arguments: [60, 50, 40])
    func fittedToWidthByCuttingTheFlexibleColumn(width: Int) {
        let text = sample().render(maxWidth: width)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        for line in lines { #expect(line.displayWidth <= width, "\(line)") }
        #expect(lines[1].contains("…"))
        // Fixed columns stay whole while the flexible one can still shrink (down to 8 columns,
        // which takes a 52-column line); then the widest columns give way.
        if width >= 52 { #expect(lines[1].hasPrefix("2024-03-05 14:02  Élodie Müller")) }
        #expect(lines[1].hasSuffix("12.1 KB"))
        #expect(lines[1].contains("Mot de"))
    }

    @Test func cjkCutNeverExceedsTheColumn() {
        var table = Table(columns: [.init("SUBJECT", flexible: true, minimumWidth: 4)])
        table.append(["登录问题：应用专用密码无法使用"])
        let text = table.render(maxWidth: 9)
        #expect(text == "SUBJECT\n登录问题…\n")
    }

    @Test func forTerminalCapabilities() {
        let table = sample()
        let pipe = table.render(for: .pipe)
        #expect(pipe == table.render())
        #expect(!pipe.contains("\u{1B}"))
        let terminal = table.render(for: .terminal(width: 50, color: true))
        #expect(terminal.hasPrefix("\u{1B}[1mDATE"))
        let noColor = table.render(for: .terminal(width: 50, color: false))
        #expect(!noColor.contains("\u{1B}"))
        #expect(noColor.split(separator: "\n").allSatisfy { String($0).displayWidth <= 50 })
    }

    @Test func missingCellsAndNoTrailingSpaces() {
        var table = Table(columns: [.init("A"), .init("B")])
        table.append(["only a"])
        table.append(["x", "y", "dropped"])
        #expect(table.render() == "A       B\nonly a\nx       y\n")
    }
}
