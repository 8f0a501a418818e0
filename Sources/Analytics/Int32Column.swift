/// One whole number per message that always fits in 32 bits (a thread's number: there are fewer threads than
/// messages, and messages are numbered in 32 bits; a local day number), held in 4 bytes and read as `Int`.
struct Int32Column: RandomAccessCollection {
    private let values: [Int32]

    init(_ values: [Int32]) { self.values = values }

    var startIndex: Int { 0 }
    var endIndex: Int { values.count }
    subscript(_ i: Int) -> Int { Int(values[i]) }
}
