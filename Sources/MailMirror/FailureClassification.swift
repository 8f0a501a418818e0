/// How far a failure spreads during a sync (STYLE: one bad message never stops a mailbox;
/// one bad mailbox never stops an account).
public enum FailureScope: Sendable {
    /// The connection broke or stalled: reconnect and carry on where we stopped.
    case connection
    /// This mailbox cannot be mirrored now; the others still can.
    case mailbox
    /// Nothing more can be done for this account now (authentication, throttling, budget).
    case account
    /// Stop everything: the local store cannot take writes (disk full, permissions).
    case store
}

/// Errors that know their scope, their user-facing sentence and whether retrying later helps.
/// The IMAP and Store errors are given this conformance in `ErrorClassification.swift`.
public protocol ClassifiedFailure: Error {
    var scope: FailureScope { get }
    var isTemporary: Bool { get }
    var userMessage: String { get }
}

extension MailMirrorError: ClassifiedFailure {
    public var scope: FailureScope {
        switch self {
        case .postponed, .passwordUnavailable, .noMailboxes: return .account
        case .fileSystem: return .store
        default: return .mailbox
        }
    }
    public var userMessage: String { message }
}

enum Failure {
    static func scope(of error: Error) -> FailureScope {
        (error as? ClassifiedFailure)?.scope ?? .mailbox
    }
    static func isTemporary(_ error: Error) -> Bool {
        (error as? ClassifiedFailure)?.isTemporary ?? false
    }
    static func message(_ error: Error) -> String {
        printable((error as? ClassifiedFailure)?.userMessage ?? String(describing: error))
    }

    /// Server text and mailbox names end up on the user's terminal: control characters (an
    /// escape sequence from a hostile server could rewrite the screen) become U+FFFD.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(isControl(scalar) ? "\u{FFFD}" : scalar) }
        return String(out)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
