import Foundation
import Index
import MailCore
import MIME
import Store

/// One message as `show` prints it.
public struct MessageView: Sendable {
    public var summary: MessageSummary
    /// The exact bytes the server sent.
    public var raw: [UInt8]
    /// The decoded text (text/plain, else the HTML as text).
    public var text: String
}

extension LocalMirror {
    /// Offline search over the index; never touches the network or the store.
    public func search(_ query: String, options: SearchOptions) throws -> [SearchHit] {
        guard FileManager.default.fileExists(atPath: paths.index.appendingPathComponent("manifest").path) else {
            throw MailMirrorError.notMirroredYet("search")
        }
        return try SearchIndex.open(directory: paths.index).search(query, options: options)
    }

    func catalogView() throws -> CatalogView {
        guard FileManager.default.fileExists(atPath: paths.root.path) else { throw MailMirrorError.notMirroredYet("the catalog") }
        return try CatalogView(catalog: MailStore(root: paths.root).catalog)
    }

    /// One message by the id search prints, or by `<Message-ID>`.
    public func show(_ reference: String) throws -> MessageView {
        let view = try catalogView()
        guard let summary = view.resolve(reference) else { throw MailMirrorError.messageNotFound(reference) }
        let raw = try MailStore(root: paths.root).mailbox(account: summary.key.account, name: summary.key.mailbox)
            .readMessage(uidValidity: summary.key.uidValidity, uid: summary.key.uid)
        return MessageView(summary: summary, raw: raw, text: MIMEParser.parse(raw).textBody)
    }

    /// The whole thread of a message (by its id or `<Message-ID>`), or a thread by its thread id, oldest first.
    public func thread(_ reference: String) throws -> (threadId: String, messages: [MessageSummary]) {
        let view = try catalogView()
        let threadId = view.resolve(reference)?.threadId ?? reference
        let messages = view.thread(threadId)
        guard !messages.isEmpty else { throw MailMirrorError.messageNotFound(reference) }
        return (threadId, messages)
    }

    /// Every catalogued message (deduplicated, threaded): what reports read.
    public func catalogMessages() throws -> [MessageSummary] {
        try catalogView().messages
    }
}
