/// Order statistics for durations: the report uses medians and p90, never means,
/// because response times are heavily skewed.
enum Quantile {
    /// The `p` quantile (0...1) by linear interpolation between closest ranks
    /// (Hyndman & Fan type 7, what spreadsheets call PERCENTILE.INC); nil for no values.
    static func of(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return of(sorted: sorted, p)
    }

    static func of(sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let h = Double(sorted.count - 1) * min(max(p, 0), 1)
        let lower = Int(h)
        guard lower + 1 < sorted.count else { return sorted[lower] }
        return sorted[lower] + (h - Double(lower)) * (sorted[lower + 1] - sorted[lower])
    }
}
