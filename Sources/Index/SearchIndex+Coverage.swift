/// Read-only views of what the index holds, for checking it against the catalog (`mailmirror verify`).
extension SearchIndex {
    /// The ids of the live documents as the numbers the index stores (8 bytes each, no string per
    /// document), each segment's pages released once read (its ids are 8 bytes a document): what `verify`
    /// compares a million messages with.
    public func liveDocumentNumbers() -> [UInt64] {
        var ids: [UInt64] = []
        ids.reserveCapacity(documentCount)
        for (segment, deleted) in zip(segments, deletions) {
            for doc in 0..<segment.docCount where deleted?.contains(doc) != true { ids.append(segment.id(doc)) }
            segment.file.release(0..<segment.bytes.count)
        }
        return ids
    }

    /// Reads the stored fields of every live document; throws `.corrupt` at the first that does not decode.
    /// The stored fields read leave the resident size every `releaseEvery` documents (they lie in document
    /// order): a rebuilt index of a million messages is two segments of 600 MB, which read whole before a
    /// release were 440 MB resident.
    public func checkStoredFields() throws(IndexError) {
        for (segment, deleted) in zip(segments, deletions) {
            var released = 0
            for doc in 0..<segment.docCount where deleted?.contains(doc) != true {
                do {
                    _ = try segment.stored(doc)
                } catch {
                    throw IndexError.corrupt("document \(doc) of \(segment.name) cannot be read")
                }
                if doc % Self.releaseEvery == Self.releaseEvery - 1 {
                    let end = segment.storedRange(doc).upperBound
                    segment.file.release(released..<end)
                    released = end
                }
            }
            segment.file.release(0..<segment.bytes.count)
        }
    }

    /// Documents read between two releases of the stored fields' pages (a few MB of them).
    static let releaseEvery = 8_192
}
