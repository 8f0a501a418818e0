import Terminal

extension MailMirrorError: UserFacingError {
    public var exitCode: ExitCode {
        if isUsage { return .usage }
        if isTemporary { return .temporary }
        return .failure
    }
}
