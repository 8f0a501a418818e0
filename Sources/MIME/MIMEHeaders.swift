/// The ordered header fields of a message or part, with case-insensitive lookup.
public struct MIMEHeaders: Sendable, Hashable {
    public private(set) var fields: [MIMEHeaderField]
    /// Lower-cased names, parallel to `fields`, so lookups do not re-lowercase.
    private var lowercasedNames: [String]

    public init(fields: [MIMEHeaderField] = []) {
        self.fields = fields
        self.lowercasedNames = fields.map { $0.name.lowercased() }
    }

    mutating func append(_ field: MIMEHeaderField) {
        fields.append(field)
        lowercasedNames.append(field.name.lowercased())
    }

    public var isEmpty: Bool { fields.isEmpty }

    /// The raw value of the first field named `name` (case-insensitive).
    public func raw(_ name: String) -> [UInt8]? {
        let key = name.lowercased()
        for (index, candidate) in lowercasedNames.enumerated() where candidate == key { return fields[index].rawValue }
        return nil
    }

    /// Raw values of every field named `name`, in order.
    public func allRaw(_ name: String) -> [[UInt8]] {
        let key = name.lowercased()
        var values = [[UInt8]]()
        for (index, candidate) in lowercasedNames.enumerated() where candidate == key {
            values.append(fields[index].rawValue)
        }
        return values
    }

    /// The decoded text of the first field named `name`.
    public subscript(_ name: String) -> String? {
        raw(name).map { EncodedWords.decode($0) }
    }

    /// Decoded text of every field named `name`, in order.
    public func all(_ name: String) -> [String] {
        allRaw(name).map { EncodedWords.decode($0) }
    }
}
