/// How volumes are grouped over time.
public enum Granularity: String, Sendable, Hashable, CaseIterable {
    case day, week, month
}
