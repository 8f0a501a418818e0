import IMAPClient
import MailMirror
import Terminal

/// `--verbose`: the IMAP conversation on stderr. The IMAP client hides credentials and
/// message bodies before a trace line is made, so nothing secret can reach it.
enum Verbose {
    static func imapTrace(_ invocation: Invocation) -> ((IMAPTraceEvent) -> Void)? {
        guard invocation.values.flag("verbose") else { return nil }
        let output = invocation.output
        return { event in
            switch event {
            case .sent(let line): output.errorLine("C: \(line)")
            case .received(let line): output.errorLine("S: \(line)")
            case .note(let text): output.errorLine("-- \(text)")
            }
        }
    }
}
