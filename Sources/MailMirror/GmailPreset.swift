/// Gmail's settings and the advice that goes with its app passwords.
public enum GmailPreset {
    public static let host = "imap.gmail.com"
    public static let port = 993

    /// Consumer Gmail addresses; Workspace accounts on their own domain use `--gmail`.
    public static func isGmailAddress(_ email: String) -> Bool {
        let domain = email.split(separator: "@").last.map { $0.lowercased() } ?? ""
        return domain == "gmail.com" || domain == "googlemail.com"
    }

    public static let appPasswordSteps = """
        Gmail needs an app password, not your Google password: turn on 2-Step Verification at \
        https://myaccount.google.com/security, then create an app password at \
        https://myaccount.google.com/apppasswords and use its 16 letters (spaces do not matter).
        """

    /// A warning when what the user gave cannot be an app password.
    public static func passwordWarning(_ secret: Secret) -> String? {
        secret.looksLikeGmailAppPassword
            ? nil : "this password is not 16 letters, so it is probably not a Gmail app password. \(appPasswordSteps)"
    }
}
