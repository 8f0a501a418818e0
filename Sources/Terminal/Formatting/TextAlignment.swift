/// Horizontal alignment of text in a column.
public enum TextAlignment: Sendable, Hashable {
    case left
    case right
}
