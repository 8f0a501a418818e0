/// Punycode (RFC 3492) for international domain names: a header may carry `bücher.de` or its
/// ASCII form `xn--bcher-kva.de`, and a search for either should find both.
public enum Punycode {
    /// `value` (an address, a domain or a word) with each domain label in its other form — Unicode
    /// labels encoded as `xn--…`, `xn--…` labels decoded — or nil when no label changes or `value`
    /// is not a domain (no dot, or spaces: `café` is a word, not a domain to look for twice).
    public static func otherDomainForm(_ value: String) -> String? {
        let lowered = value.lowercased()
        guard lowered.contains("."), !lowered.contains(where: \.isWhitespace) else { return nil }
        var prefix = ""
        var domain = Substring(lowered)
        if let at = lowered.lastIndex(of: "@") {
            prefix = String(lowered[...at])
            domain = lowered[lowered.index(after: at)...]
        }
        guard domain.contains(where: { !$0.isASCII }) || domain.contains("xn--") else { return nil }
        var changed = false
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false).map { label -> String in
            if label.hasPrefix("xn--"), let decoded = decode(label.dropFirst(4)) {
                changed = true
                return decoded
            }
            if label.unicodeScalars.contains(where: { !$0.isASCII }), let encoded = encode(label) {
                changed = true
                return "xn--" + encoded
            }
            return String(label)
        }
        return changed ? prefix + labels.joined(separator: ".") : nil
    }

    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700, initialBias = 72, initialN = 128

    private static func adapt(_ delta: Int, _ count: Int, _ first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    private static func digit(_ d: Int) -> Character {
        Character(Unicode.Scalar(UInt8(d < 26 ? d + 97 : d + 22)))
    }

    /// The Punycode of `label` (without `xn--`), or nil if it overflows.
    public static func encode<S: StringProtocol>(_ label: S) -> String? {
        let input = label.unicodeScalars.map { Int($0.value) }
        var output = String(String.UnicodeScalarView(label.unicodeScalars.filter(\.isASCII)))
        let basic = output.unicodeScalars.count
        var handled = basic
        if basic > 0 { output.append("-") }
        var n = initialN
        var delta = 0
        var bias = initialBias
        while handled < input.count {
            guard let m = input.filter({ $0 >= n }).min() else { return nil }
            let (product, overflow) = (m - n).multipliedReportingOverflow(by: handled + 1)
            guard !overflow, delta <= Int(Int32.max) - product else { return nil }
            delta += product
            n = m
            for c in input {
                if c < n { delta += 1 }
                if c == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta, handled + 1, handled == basic)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return output
    }

    /// The Unicode label a Punycode string (without `xn--`) stands for, or nil when it is not valid Punycode.
    public static func decode<S: StringProtocol>(_ text: S) -> String? {
        let scalars = Array(text.unicodeScalars)
        var output: [Int] = []
        var start = 0
        if let dash = scalars.lastIndex(of: "-") {
            for s in scalars[..<dash] {
                guard s.isASCII else { return nil }
                output.append(Int(s.value))
            }
            start = dash + 1
        }
        var n = initialN
        var i = 0
        var bias = initialBias
        var index = start
        while index < scalars.count {
            let old = i
            var w = 1
            var k = base
            while true {
                guard index < scalars.count else { return nil }
                let c = scalars[index].value
                index += 1
                let d: Int
                switch c {
                case 0x61...0x7A: d = Int(c) - 0x61
                case 0x41...0x5A: d = Int(c) - 0x41
                case 0x30...0x39: d = Int(c) - 22
                default: return nil
                }
                let (dw, o1) = d.multipliedReportingOverflow(by: w)
                guard !o1, i <= Int(Int32.max) - dw else { return nil }
                i += dw
                let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if d < t { break }
                let (nw, o2) = w.multipliedReportingOverflow(by: base - t)
                guard !o2, nw <= Int(Int32.max) else { return nil }
                w = nw
                k += base
            }
            bias = adapt(i - old, output.count + 1, old == 0)
            n += i / (output.count + 1)
            guard n <= 0x10FFFF else { return nil }
            i %= output.count + 1
            output.insert(n, at: i)
            i += 1
        }
        var result = ""
        for v in output {
            guard let scalar = Unicode.Scalar(UInt32(v)) else { return nil }
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}
