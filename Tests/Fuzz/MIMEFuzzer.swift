import MIME
// libFuzzer harness: the MIME parser, the summarizer, the reply extractor and the threader on
// arbitrary message bytes. Built and run by scripts/fuzz (see Tests/Fuzz/README.md).
import MailCore

let team = TeamMatcher(members: ["@example.com", "support@example.org"])

/// Parses the input as a message and reads everything the mirror reads from one: headers,
/// addresses, dates, ids, bodies (plain and HTML), attachments, the reply text and the summary.
/// Embedded `message/rfc822` parts are summarized too, and all the summaries are threaded.
///
/// Checks beyond "never traps": the summary is a pure function of the bytes; the nesting cap
/// holds; thread ids do not depend on the order the summaries come in (the threader promises a
/// canonical order).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let message = MIMEParser.parse(bytes)
    touch(message)
    _ = ReplyExtractor.extract(message: message)

    var summaries: [MessageSummary] = []
    var uid: UInt32 = 1
    func summarize(_ raw: [UInt8]) {
        let metadata = FetchedMetadata(
            key: MessageKey(account: "fuzz", mailbox: "INBOX", uidValidity: UIDValidity(7), uid: UID(uid)),
            internalDate: 1_700_000_000, size: raw.count, flags: ["\\Seen"], labels: ["Support"])
        uid += 1
        let first = MessageSummarizer.summarize(bytes: raw, metadata: metadata, team: team)
        let second = MessageSummarizer.summarize(bytes: raw, metadata: metadata, team: team)
        check(
            first.summary == second.summary && first.bodyText == second.bodyText,
            "summarizing the same bytes twice gave different results")
        summaries.append(first.summary)
    }
    summarize(bytes)
    var depth = 0
    walk(message.root, depth: 0, maxDepth: &depth) { embedded in
        if summaries.count < 16 { summarize(Array(embedded)) }
    }
    check(depth <= MIMEParser.maximumDepth + 1, "nesting depth \(depth) passed the cap \(MIMEParser.maximumDepth)")

    let ids = Threader.threadIds(for: summaries)
    check(ids.count == summaries.count, "threader returned \(ids.count) ids for \(summaries.count) messages")
    let reversedIds = Threader.threadIds(for: summaries.reversed())
    check(Array(reversedIds.reversed()) == ids, "thread ids depend on input order")

    // The text paths on their own, as the HTML and plain-text converters see bodies.
    let text = String(decoding: bytes, as: UTF8.self)
    _ = ReplyExtractor.extract(plain: text)
    _ = ReplyExtractor.extract(html: text)
    _ = HTMLText.convert(text)
    _ = SubjectNormalizer.normalize(text)
    _ = DateParser.parse(text)
    return 0
}

/// Reads every lazily computed property, so the decoders behind them run.
func touch(_ message: MIMEMessage) {
    _ = message.subject
    _ = message.from
    _ = message.to
    _ = message.cc
    _ = message.replyTo
    _ = message.date
    _ = message.messageId
    _ = message.inReplyTo
    _ = message.references
    _ = message.textBody
    _ = message.htmlBody
    _ = message.attachments
    for part in message.root.allParts() {
        _ = part.text
        _ = part.filename
        _ = part.isAttachment
        _ = part.decodedSize
    }
}

/// Visits the tree, reporting the raw bytes of every embedded message and the deepest level.
func walk(_ part: MIMEPart, depth: Int, maxDepth: inout Int, _ embedded: (ArraySlice<UInt8>) -> Void) {
    maxDepth = max(maxDepth, depth)
    if part.kind == .message { embedded(part.rawBody) }
    for child in part.children { walk(child, depth: depth + 1, maxDepth: &maxDepth, embedded) }
}

/// Stops the run so libFuzzer records the input as a crash.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("fuzz invariant: \(message())") }
}
