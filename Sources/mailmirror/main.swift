import Foundation
import MailMirror
import Terminal

// Entry point: build the command tree and run it. Everything happens in the MailMirror library.
let tool = CommandLineTool(
    root: MailmirrorCommand.spec, version: "mailmirror \(MailmirrorCommand.version)",
    manualSections: { MailmirrorCommand.manualSections })
// The environment is read once, for the output's capabilities and for the command.
let environment = ProcessEnvironment.current()
exit(
    tool.run(
        Array(CommandLine.arguments.dropFirst()),
        output: TerminalOutput(capabilities: .detect(environment: environment)), environment: environment
    ).rawValue)
