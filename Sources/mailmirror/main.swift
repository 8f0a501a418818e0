import FoundationEssentials
import Glibc
import MailMirror
import Terminal

// Entry point: build the command tree and run it. Everything happens in the MailMirror library.
let arguments = Array(CommandLine.arguments.dropFirst())
// Only the command the arguments name is built (see `MailmirrorCommand.spec(for:)`).
let tool = CommandLineTool(
    root: MailmirrorCommand.spec(for: arguments), version: "mailmirror \(MailmirrorCommand.version)",
    manualSections: { MailmirrorCommand.manualSections })
// The environment is read once, for the output's capabilities and for the command.
let environment = ProcessEnvironment.current()
exit(
    tool.run(
        arguments,
        output: TerminalOutput(capabilities: .detect(environment: environment)), environment: environment
    ).rawValue)
