import FoundationEssentials
import Glibc

/// The stretches of a message that are base64 of data already compressed (photos, PDFs, archives),
/// which `Gzip` codes with a Huffman code made for base64 (`Base64BlockCoder`) instead of searching them
/// for repeats.
///
/// Such a stretch is a run of base64 lines whose characters are spread evenly over the 64 letters
/// of the alphabet: nothing repeats in it for LZ77 to find, so level 1's matcher only costs time,
/// and its few chance matches even cost bits. Measured on 5,000 messages of the help-center testbed
/// corpus (85 MB, 70 MB of it base64): deflate level 1 throughout, 62.5% of the raw size at
/// 56 MB/s; these runs Huffman-only and the rest at level 1, 61.1% at 132 MB/s (zlib's Huffman-only
/// strategy, which `Base64BlockCoder` has since replaced). A base64 run of
/// text (a CSV, a `text/plain` body) has letters far less even and keeps level 1, which shrinks it
/// to a quarter.
///
/// Pure: reads the bytes, decides nothing about MIME structure (a base64 look-alike line in a text
/// body is only coded differently, never changed).
struct EncodedBinaryRuns {
    /// Shorter runs are not worth a deflate block of their own (each run ends zlib's block and costs a
    /// block header of about 50 bytes).
    static let minimumRunBytes = 4096
    /// How many letters at the start of a run are counted to judge it.
    static let sampleLetters = 8192
    /// Bits per letter above which a run is taken for encoded random-looking data: evenly spread
    /// base64 has 6; base64 of text measured 5.5 to 5.8.
    static let entropyThreshold = 5.9
    /// A line shorter than this is not taken for base64 (MIME writes 76 letters a line; a word
    /// line of text is shorter).
    static let minimumLineLetters = 60

    /// The runs in `bytes`, in order, each a whole number of lines.
    static func find(in bytes: UnsafeRawBufferPointer) -> [Range<Int>] {
        guard bytes.count >= minimumRunBytes, let base = bytes.baseAddress else { return [] }
        return alphabet.withUnsafeBufferPointer { alphabet in
            find(in: bytes.bindMemory(to: UInt8.self), base: base, alphabet: alphabet)
        }
    }

    private static func find(
        in letters: UnsafeBufferPointer<UInt8>, base: UnsafeRawPointer, alphabet: UnsafeBufferPointer<Bool>
    ) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var lineStart = 0
        var runStart: Int?
        while lineStart < letters.count {
            let lineEnd = Self.lineEnd(base, count: letters.count, from: lineStart)
            if isBase64Line(letters, lineStart..<lineEnd, alphabet: alphabet) {
                if runStart == nil { runStart = lineStart }
            } else if let start = runStart {
                keep(start..<lineStart, in: letters, into: &runs)
                runStart = nil
            }
            lineStart = lineEnd
        }
        if let start = runStart { keep(start..<letters.count, in: letters, into: &runs) }
        return runs
    }

    /// Just past the next line feed from `start`, or the end.
    private static func lineEnd(_ base: UnsafeRawPointer, count: Int, from start: Int) -> Int {
        guard let found = memchr(base + start, 0x0A, count - start) else { return count }
        return base.distance(to: UnsafeRawPointer(found)) + 1
    }

    private static func isBase64Line(
        _ letters: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, alphabet: UnsafeBufferPointer<Bool>
    ) -> Bool {
        var end = line.upperBound
        if end > line.lowerBound && letters[end - 1] == 0x0A { end -= 1 }
        if end > line.lowerBound && letters[end - 1] == 0x0D { end -= 1 }
        guard end - line.lowerBound >= minimumLineLetters else { return false }
        for index in line.lowerBound..<end where !alphabet[Int(letters[index])] { return false }
        return true
    }

    private static func keep(_ run: Range<Int>, in letters: UnsafeBufferPointer<UInt8>, into runs: inout [Range<Int>]) {
        if run.count >= minimumRunBytes && looksRandom(letters, run) { runs.append(run) }
    }

    /// Whether the letters at the start of `run` are spread evenly enough (Shannon entropy).
    private static func looksRandom(_ letters: UnsafeBufferPointer<UInt8>, _ run: Range<Int>) -> Bool {
        var counts = [Int](repeating: 0, count: 256)
        var total = 0
        var index = run.lowerBound
        while index < run.upperBound && total < sampleLetters {
            let letter = letters[index]
            index += 1
            if letter == 0x0A || letter == 0x0D { continue }
            counts[Int(letter)] += 1
            total += 1
        }
        guard total > 0 else { return false }
        var entropy = 0.0
        for count in counts where count > 0 {
            let share = Double(count) / Double(total)
            entropy -= share * log2(share)
        }
        return entropy > entropyThreshold
    }

    /// The base64 alphabet with its padding letter.
    private static let alphabet: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".utf8 {
            table[Int(letter)] = true
        }
        return table
    }()
}
