import Dispatch
import Foundation

/// The one way work is split over the machine's cores: contiguous ranges, results in a fixed order,
/// so output never depends on which thread finished first.
public enum Parallel {
    /// The cores this process may use.
    public static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `body` over `count` items cut into at most `chunks` contiguous ranges; results in range order.
    public static func chunks<T>(_ count: Int, chunks requested: Int = 2, _ body: (Range<Int>) -> T) -> [T] {
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

    /// `transform` over every input on every core (a few ranges per core, so a slow range does not
    /// leave a core idle), in input order; the first range's error to be thrown is rethrown.
    public static func map<Input, Output>(_ inputs: [Input], _ transform: (Input) throws -> Output) throws -> [Output] {
        let parts = chunks(inputs.count, chunks: cores * 4) { range in
            Result { try inputs[range].map(transform) }
        }
        var outputs: [Output] = []
        outputs.reserveCapacity(inputs.count)
        for part in parts { outputs += try part.get() }
        return outputs
    }

    /// Runs two independent computations side by side.
    public static func both<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
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
