/// The list of live segments and their deletion files: the one small file swapped atomically
/// last in every commit, so readers see either the old index or the new one.
///
/// ```
/// mailmirror-index 4
/// next 12
/// segment seg-000003 1200 seg-000003.del-000011
/// segment seg-000011 50 -
/// ```
struct Manifest: Equatable {
    struct Entry: Equatable {
        var name: String
        var docCount: Int
        /// The deletion bitmap file, or nil when no document of the segment is deleted.
        var deletions: String?
    }

    static let fileName = "manifest"
    /// The format's version: 2 since the pieces of addresses and dotted words took positions of
    /// their own (version 1 indexes answer address queries wrongly, so they are refused); 3 since
    /// long postings lists carry skip entries (`SkipEntry`; a version 2 segment has none where they
    /// are expected, so it is refused too, with a sentence naming `mailmirror reindex`); 4 since
    /// segments carry a length column (see `SegmentLayout`; a version 3 segment's header has none).
    static let version = 4
    var next: Int = 1
    var entries: [Entry] = []

    func encoded() -> [UInt8] {
        var text = "mailmirror-index \(Manifest.version)\nnext \(next)\n"
        for entry in entries {
            text += "segment \(entry.name) \(entry.docCount) \(entry.deletions ?? "-")\n"
        }
        return Array(text.utf8)
    }

    init() {}

    init(bytes: [UInt8]) throws(IndexError) {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        guard let first = lines.first, first.hasPrefix("mailmirror-index ") else {
            throw IndexError.corrupt("the manifest has an unknown format")
        }
        guard first == "mailmirror-index \(Manifest.version)" else {
            throw IndexError.outdated(found: String(first.dropFirst("mailmirror-index ".count)))
        }
        for line in lines.dropFirst() {
            let parts = line.split(separator: " ")
            if parts.count == 2, parts[0] == "next", let n = Int(parts[1]) {
                next = n
            } else if parts.count == 4, parts[0] == "segment", let count = Int(parts[2]),
                Manifest.isSafeName(parts[1]), parts[3] == "-" || Manifest.isSafeName(parts[3])
            {
                entries.append(
                    Entry(name: String(parts[1]), docCount: count, deletions: parts[3] == "-" ? nil : String(parts[3])))
            } else {
                throw IndexError.corrupt("the manifest has an unreadable line")
            }
        }
    }

    /// Only our own file names: no path separators can sneak in.
    static func isSafeName<S: StringProtocol>(_ name: S) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
            && !name.hasPrefix(".")
    }

    /// Every file the manifest keeps alive.
    var referencedFiles: Set<String> {
        var files: Set<String> = [Manifest.fileName]
        for entry in entries {
            files.insert(entry.name + ".seg")
            if let deletions = entry.deletions { files.insert(deletions) }
        }
        return files
    }
}
