import FoundationEssentials
import MailMirror
import Terminal

/// `mailmirror account authorize NAME`: Google's sign-in for accounts where app passwords are not allowed.
enum AccountAuthorizeCommand {
    static let spec = CommandSpec(
        "authorize", abstract: "Sign an account in with Google (OAuth 2.0) where app passwords are not allowed.",
        discussion: """
            Runs Google's sign-in for installed applications: prints a URL to open in a browser (opened for \
            you on a desktop), where you sign in as the account and allow mailmirror to read mail; the browser \
            then comes back to a listener on 127.0.0.1. The refresh token is kept in a file only you can read \
            under the mirror (or in the desktop keyring with --keyring); each sync trades it for a short-lived \
            access token. The OAuth client (type "Desktop app", scope https://mail.google.com/) comes from the \
            Google Cloud console; see README. Run it again whenever Google revokes the sign-in.
            """,
        arguments: [
            ArgumentSpec(
                "name", help: "The account to sign in (added with --oauth2, or an app-password account to switch).")
        ],
        options: [
            .option(
                "client-id", value: "id", help: "The OAuth client ID (…apps.googleusercontent.com).", required: true),
            .option(
                "client-secret-file", value: "file",
                help: "The client secret, or the JSON the console downloads (mode 600).", required: true),
            .flag("keyring", help: "Keep the refresh token in the desktop keyring (secret-tool) instead of a file."),
            .option("timeout", value: "seconds", help: "How long to wait for the browser.", defaultValue: "300"),
        ]
    ) { invocation in
        let values = invocation.values
        let name = try values.requiredString("name")
        var options = AuthorizeOptions(
            clientID: try values.requiredString("client-id"),
            clientSecretFile: AccountCommand.absolute(try values.requiredString("client-secret-file")))
        options.keyring = values.flag("keyring")
        options.timeoutSeconds = try values.declaredInt("timeout", in: 10...3600)
        let output = invocation.output
        let account = try MailmirrorCommand.mirror(invocation).authorize(account: name, options: options) { url in
            output.line("Open this URL in a browser, sign in as the account's Google user and allow access:")
            output.line("")
            output.line("  \(url)")
            output.line("")
            output.line(
                "Waiting for the browser to come back to 127.0.0.1 (up to \(options.timeoutSeconds / 60) minutes)…")
            if output.capabilities.standardOutputIsTerminal { openInBrowser(url) }
        }
        output.line(
            output.style.apply(
                .green,
                to: "Authorized: \(account.name) now signs in with OAuth 2.0 (\(account.oauth2?.summary ?? ""))."))
        output.line("Next: mailmirror account test \(account.name), then mailmirror sync.")
        return .success
    }

    /// Best effort, on a desktop only: the URL carries no secret (client ID, PKCE challenge, state).
    static func openInBrowser(_ url: String) {
        guard
            let opener = ["/usr/bin/xdg-open", "/usr/local/bin/xdg-open"].first(
                where: FileManager.default.isExecutableFile)
        else { return }
        try? ChildProcess(path: opener, arguments: [url]).launch()
    }
}
