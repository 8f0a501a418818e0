import Dispatch

/// Splits work over the machine's cores with results in a fixed order, so output never depends
/// on which thread finished first.
enum Parallel {
    /// `body` over `count` items cut into at most `chunks` contiguous ranges; results in range order.
    static func chunks<T>(_ count: Int, chunks requested: Int = 2, _ body: (Range<Int>) -> T) -> [T] {
        let parts = max(1, min(requested, count))
        var results = [T?](repeating: nil, count: parts)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = buffer
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let lower = count * part / parts
                let upper = count * (part + 1) / parts
                slots[part] = body(lower..<upper)
            }
        }
        return results.map { $0! }
    }

    /// Runs two independent computations side by side.
    static func both<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
        var a: A?
        var b: B?
        withUnsafeMutablePointer(to: &a) { pa in
            withUnsafeMutablePointer(to: &b) { pb in
                let (sa, sb) = (pa, pb)
                DispatchQueue.concurrentPerform(iterations: 2) { i in
                    if i == 0 { sa.pointee = first() } else { sb.pointee = second() }
                }
            }
        }
        return (a!, b!)
    }
}
