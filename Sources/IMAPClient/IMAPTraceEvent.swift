/// One line of the protocol conversation, for `--verbose`.
///
/// Commands carrying credentials are shown as `A2 LOGIN <credentials hidden>`; message bodies as
/// their size. The password never reaches a trace handler.
public enum IMAPTraceEvent: Sendable, Hashable {
    case sent(String)
    case received(String)
    /// A connection event (connected, closed), in words.
    case note(String)
}
