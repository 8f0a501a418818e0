/// Trimming by a small set of characters, without Foundation.
extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var value = self
        while let first = value.first, set.contains(first) { value = value.dropFirst() }
        while let last = value.last, set.contains(last) { value = value.dropLast() }
        return String(value)
    }
}
