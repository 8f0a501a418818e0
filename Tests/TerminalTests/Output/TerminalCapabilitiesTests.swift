import Terminal
import Testing

@Suite struct TerminalCapabilitiesTests {
    @Test func colourOnlyOnATerminal() {
        let both = TerminalCapabilities.resolve(
            environment: ["TERM": "xterm-256color"], standardOutputIsTerminal: true, standardErrorIsTerminal: false,
            measuredWidth: 120)
        #expect(both.colorOnStandardOutput)
        #expect(!both.colorOnStandardError)
        #expect(both.width == 120)
    }

    @Test(arguments: [["NO_COLOR": "1"], ["NO_COLOR": "yes", "TERM": "xterm"], ["TERM": "dumb"]])
    func noColorAndDumbTerminalsTurnColourOff(environment: [String: String]) {
        let capabilities = TerminalCapabilities.resolve(
            environment: environment, standardOutputIsTerminal: true, standardErrorIsTerminal: true, measuredWidth: 80)
        #expect(!capabilities.colorOnStandardOutput)
        #expect(!capabilities.colorOnStandardError)
        #expect(capabilities.standardOutputIsTerminal)
    }

    @Test func emptyNoColorDoesNotCount() {
        // no-color.org: only a non-empty value disables colour.
        let capabilities = TerminalCapabilities.resolve(
            environment: ["NO_COLOR": ""], standardOutputIsTerminal: true, standardErrorIsTerminal: true,
            measuredWidth: nil)
        #expect(capabilities.colorOnStandardOutput)
    }

    @Test func widthFromColumnsThenTerminalThenDefault() {
        func width(_ environment: [String: String], _ measured: Int?) -> Int {
            TerminalCapabilities.resolve(
                environment: environment, standardOutputIsTerminal: true, standardErrorIsTerminal: true,
                measuredWidth: measured
            ).width
        }
        #expect(width(["COLUMNS": "132"], 100) == 132)
        #expect(width(["COLUMNS": "wide"], 100) == 100)
        #expect(width(["COLUMNS": "0"], nil) == 80)
        #expect(width([:], nil) == 80)
    }

    @Test func detectUnderTestsSeesNoColourWhenNoColorIsSet() {
        let capabilities = TerminalCapabilities.detect(environment: ["NO_COLOR": "1"])
        #expect(!capabilities.colorOnStandardOutput)
        #expect(!capabilities.colorOnStandardError)
        #expect(capabilities.width >= 20)
    }

    @Test func styleIsEmptyWhenDisabled() {
        let off = Style(enabled: false)
        for attribute in Style.Attribute.allCases { #expect(off.code(attribute) == "") }
        #expect(off.red + off.bold + off.reset == "")
        #expect(off.apply(.red, .bold, to: "failed") == "failed")
        let on = Style(enabled: true)
        #expect(on.red == "\u{1B}[31m")
        #expect(on.apply(.green, to: "ok") == "\u{1B}[32mok\u{1B}[0m")
        #expect(on.apply(.bold, .cyan, to: "") == "")
    }

    @Test func sinkStyleAndWarningFollowCapabilities() {
        let plain = MemoryOutput(capabilities: .pipe)
        plain.warning("The password file can be read by others.")
        #expect(plain.standardError == "Warning: The password file can be read by others.\n")
        #expect(!plain.style.enabled)
        let colour = MemoryOutput(capabilities: .terminal())
        colour.warning("x")
        #expect(colour.standardError == "\u{1B}[33mWarning:\u{1B}[0m x\n")
        colour.line("out")
        #expect(colour.standardOutput == "out\n")
    }
}
