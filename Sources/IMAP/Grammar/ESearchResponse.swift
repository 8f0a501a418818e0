import MailCore

/// `* ESEARCH (TAG "A5") UID ALL 1:3,7 COUNT 4` (RFC 4731).
public struct ESearchResponse: Hashable, Sendable {
    public var tag: String?
    public var isUID: Bool
    public var all: UIDSet?
    public var count: UInt32?
    public var min: UInt32?
    public var max: UInt32?
    public var modSeq: ModSequence?
    public init(tag: String? = nil, isUID: Bool = false) {
        self.tag = tag
        self.isUID = isUID
    }
}
