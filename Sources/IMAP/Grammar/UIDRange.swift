import MailCore

/// `a:b` or `a:*` in a UID set (RFC 9051 §9 `seq-range`); `upper == nil` means `*`,
/// the largest UID in the mailbox.
public struct UIDRange: Hashable, Sendable, CustomStringConvertible {
    public var lower: UID
    public var upper: UID?
    public init(_ lower: UID, _ upper: UID?) {
        if let upper, upper < lower {
            self.lower = upper
            self.upper = lower
        } else {
            self.lower = lower
            self.upper = upper
        }
    }
    public init(_ uid: UID) { self.init(uid, uid) }
    /// `from:*`: everything from `from` on, the way new mail is asked for.
    public static func from(_ uid: UID) -> UIDRange { UIDRange(uid, nil) }

    public var description: String {
        guard let upper else { return "\(lower):*" }
        return upper == lower ? "\(lower)" : "\(lower):\(upper)"
    }
    /// Number of UIDs covered, or nil when open-ended.
    public var count: UInt64? { upper.map { UInt64($0.rawValue) - UInt64(lower.rawValue) + 1 } }
}
