/// Read-only views of what the index holds, for checking it against the catalog (`mailmirror verify`).
extension SearchIndex {
    /// The ids of the live documents as the numbers the index stores (8 bytes each, no string per
    /// document), each segment's pages released once read: what `verify` compares a million messages with.
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
    /// Each segment's pages leave the resident size once it is read, so memory stays that of one segment.
    public func checkStoredFields() throws(IndexError) {
        for (segment, deleted) in zip(segments, deletions) {
            for doc in 0..<segment.docCount where deleted?.contains(doc) != true {
                do {
                    _ = try segment.stored(doc)
                } catch {
                    throw IndexError.corrupt("document \(doc) of \(segment.name) cannot be read")
                }
            }
            segment.file.release(0..<segment.bytes.count)
        }
    }
}
