import MailMirror
import Terminal

/// `account add` with no password option on a terminal: remind the user what an app
/// password is, ask for it without echo, keep it in the keyring.
enum PromptedPassword {
    static func storeInKeyring(account: String, output: OutputSink) throws -> PasswordSource {
        guard output.capabilities.standardInputIsTerminal else {
            throw UsageError("give the app password with --password-file, --password-command or --password-env")
        }
        output.errorLine(GmailPreset.appPasswordSteps)
        let secret = Secret(pasted: try SecretPrompt.readLine(prompt: "App password for \(account): "))
        guard !secret.isEmpty else { throw UsageError("no password was typed") }
        return try Keyring.store(account: account, secret: secret)
    }
}
