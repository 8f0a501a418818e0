import MailCore

/// One `* n FETCH (...)` response (RFC 9051 §7.5.2): the message sequence number and the
/// attributes in server order. Accessors pick out the ones mailmirror reads.
public struct FetchResponse: Hashable, Sendable {
    public var sequenceNumber: UInt32
    public var attributes: [FetchAttribute]
    public init(sequenceNumber: UInt32, attributes: [FetchAttribute]) {
        self.sequenceNumber = sequenceNumber
        self.attributes = attributes
    }

    public var uid: UID? {
        attributes.lazy.compactMap { if case .uid(let v) = $0 { return v } else { return nil } }.first
    }
    public var flags: [Flag]? {
        attributes.lazy.compactMap { if case .flags(let v) = $0 { return v } else { return nil } }.first
    }
    public var size: Int64? {
        attributes.lazy.compactMap { if case .rfc822Size(let v) = $0 { return v } else { return nil } }.first
    }
    public var internalDate: Int64? {
        attributes.lazy.compactMap { if case .internalDate(let v) = $0 { return v } else { return nil } }.first
    }
    public var modSeq: ModSequence? {
        attributes.lazy.compactMap { if case .modSeq(let v) = $0 { return v } else { return nil } }.first
    }
    public var gmailMessageId: UInt64? {
        attributes.lazy.compactMap { if case .gmailMessageId(let v) = $0 { return v } else { return nil } }.first
    }
    public var gmailThreadId: UInt64? {
        attributes.lazy.compactMap { if case .gmailThreadId(let v) = $0 { return v } else { return nil } }.first
    }
    public var gmailLabels: [String]? {
        attributes.lazy.compactMap { if case .gmailLabels(let v) = $0 { return v } else { return nil } }.first
    }
    /// The whole message (`BODY[]`): nil when absent; `.some(nil)` never escapes — NIL is an empty body.
    public var body: [UInt8]? {
        for attribute in attributes {
            if case .body(let section, let bytes) = attribute, section.isEmpty { return bytes ?? [] }
        }
        return nil
    }
}
