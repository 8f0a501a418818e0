/// One parsed server response (RFC 9051 §7).
public enum Response: Hashable, Sendable {
    case tagged(TaggedResponse)
    case untagged(UntaggedResponse)
    /// `+ text`: the server waits for a literal or SASL data; the text (base64 for SASL) follows.
    case continuation(String)
}
