import Dispatch
import FoundationEssentials

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

    /// Runs two independent computations side by side: `first` on the calling thread, `second` on a
    /// worker. Not `concurrentPerform`: libdispatch runs an apply nested inside another serially once the
    /// outer one's width covers the cores, so every `chunks` inside `first` or `second` ran on one core.
    public static func both<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
        var b: B?
        let a = withoutActuallyEscaping(second) { second in
            withUnsafeMutablePointer(to: &b) { pb in
                // The worker's closure outlives neither `second` nor `b`: the group is waited on here.
                let job = Job { pb.pointee = second() }
                let group = DispatchGroup()
                DispatchQueue.global().async(group: group) { job.run() }
                let a = first()
                group.wait()
                return a
            }
        }
        return (a, b!)
    }

    private final class Job: @unchecked Sendable {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }
}
