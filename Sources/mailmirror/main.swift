import Foundation
import MailMirror
import Terminal

// Entry point: build the command tree and run it. Everything happens in the MailMirror library.
let tool = CommandLineTool(root: MailmirrorCommand.spec, version: "mailmirror \(MailmirrorCommand.version)",
                           manualSections: { MailmirrorCommand.manualSections })
exit(tool.run(Array(CommandLine.arguments.dropFirst())).rawValue)
