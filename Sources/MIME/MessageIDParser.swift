/// Message-ID, In-Reply-To and References: the ids without angle brackets, in order.
public enum MessageIDParser {
    public static func parse<Bytes: RandomAccessCollection>(_ raw: Bytes) -> [String]
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var ids = [String]()
        var index = raw.startIndex
        let end = raw.endIndex
        var sawAngle = false
        while index < end {
            if raw[index] == UInt8(ascii: "<") {
                sawAngle = true
                let start = index + 1
                var close = start
                while close < end, raw[close] != UInt8(ascii: ">"), raw[close] != UInt8(ascii: "<") { close += 1 }
                let id = clean(raw[start..<close])
                if !id.isEmpty { ids.append(id) }
                index = close < end && raw[close] == UInt8(ascii: ">") ? close + 1 : close
                continue
            }
            index += 1
        }
        if sawAngle { return ids }
        // No brackets at all: bare ids separated by whitespace or commas.
        let stripped = HeaderSyntax.stripComments(raw)
        let words = stripped.split { HeaderSyntax.isSpace($0) || $0 == UInt8(ascii: ",") }
        if words.count == 1 { return [clean(words[0])].filter { !$0.isEmpty } }
        return words.filter { $0.contains(UInt8(ascii: "@")) }.map { clean($0) }.filter { !$0.isEmpty }
    }

    static func clean<Slice: Collection>(_ bytes: Slice) -> String where Slice.Element == UInt8 {
        var slice = Array(bytes)[...]
        while let first = slice.first, HeaderSyntax.isSpace(first) { slice.removeFirst() }
        while let last = slice.last, HeaderSyntax.isSpace(last) { slice.removeLast() }
        let filtered = slice.filter { $0 != 0x0D && $0 != 0x0A }
        return Charset.decodeUTF8OrFallback(filtered)
    }
}
