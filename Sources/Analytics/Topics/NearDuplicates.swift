/// Finds near-duplicate messages (the same text sent twice, templated follow-ups) so one
/// question asked in bulk does not pull the clustering towards itself.
///
/// MinHash over each message's term set (12 hash functions from a fixed 64-bit mixer, never
/// Swift's seeded `Hasher`), banded 4 × 3 for candidates, confirmed by exact Jaccard ≥ `threshold`.
enum NearDuplicates {
    static let threshold = 0.9

    /// Groups of document indices; each group ascending, groups ordered by their first member.
    static func groups(_ termSets: [[Int32]]) -> [[Int]] {
        let hashes = 12
        let bands = 4
        let rows = 3
        var parent = Array(termSets.indices)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        var buckets = [[UInt64: Int]](repeating: [:], count: bands)
        for (d, terms) in termSets.enumerated() where terms.count >= 3 {
            var signature = [UInt64](repeating: .max, count: hashes)
            for t in terms {
                for h in 0..<hashes {
                    let value = mix(UInt64(UInt32(bitPattern: t)) &+ UInt64(h) &* 0x9E37_79B9_7F4A_7C15)
                    if value < signature[h] { signature[h] = value }
                }
            }
            for b in 0..<bands {
                var key: UInt64 = 0xcbf2_9ce4_8422_2325
                for r in 0..<rows { key = mix(key ^ signature[b * rows + r]) }
                if let other = buckets[b][key] {
                    if root(other) != root(d) && jaccard(termSets[other], terms) >= threshold {
                        parent[root(d)] = root(other)
                    }
                } else {
                    buckets[b][key] = d
                }
            }
        }
        var groupOf: [Int: Int] = [:]
        var groups: [[Int]] = []
        for d in termSets.indices {
            let r = root(d)
            if let g = groupOf[r] {
                groups[g].append(d)
            } else {
                groupOf[r] = groups.count
                groups.append([d])
            }
        }
        return groups
    }

    /// splitmix64's finaliser: a fixed, well-spread 64-bit mixer.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Jaccard similarity of two ascending id lists.
    static func jaccard(_ a: [Int32], _ b: [Int32]) -> Double {
        var i = 0
        var j = 0
        var shared = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                shared += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        let union = a.count + b.count - shared
        return union == 0 ? 0 : Double(shared) / Double(union)
    }
}
