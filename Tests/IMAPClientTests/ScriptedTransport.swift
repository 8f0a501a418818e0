import Foundation
import IMAP

@testable import IMAPClient

/// An in-memory server: each command the session sends is answered by a script keyed on the
/// command's text (tag removed), or with a leading `=` on a raw segment; `TAG` in a reply is replaced by the command's tag. Replies are
/// delivered in small chunks to exercise the framer.
final class ScriptedTransport: IMAPTransport {
    var script: [(prefix: String, reply: String)]
    var sent: [String] = []
    private var pending: [UInt8] = []
    private var closed = false
    let chunk: Int

    init(chunk: Int = 5, _ script: [(String, String)]) {
        self.script = script.map { (prefix: $0.0, reply: $0.1) }
        self.chunk = chunk
    }

    func send(_ bytes: [UInt8]) throws(IMAPConnectionError) {
        guard !closed else { throw .closed(host: "scripted", midResponse: false) }
        let text = String(decoding: bytes, as: UTF8.self)
        sent.append(text)
        // "=text" entries match a whole raw segment (literal data, SASL responses).
        if let index = script.firstIndex(where: { $0.prefix.hasPrefix("=") && text.hasPrefix($0.prefix.dropFirst()) }) {
            pending += Array(script[index].reply.utf8)
            script.remove(at: index)
            return
        }
        let tag = String(text.prefix { $0 != " " })
        let command = String(text.dropFirst(tag.count + 1)).trimmingCharacters(in: .newlines)
        guard let index = script.firstIndex(where: { command.hasPrefix($0.prefix) }) else {
            pending += Array("\(tag) BAD unscripted\r\n".utf8)
            return
        }
        pending += Array(script[index].reply.replacingOccurrences(of: "TAG", with: tag).utf8)
        script.remove(at: index)
    }

    func receive() throws(IMAPConnectionError) -> [UInt8] {
        guard !closed, !pending.isEmpty else { throw .closed(host: "scripted", midResponse: false) }
        let out = Array(pending.prefix(chunk))
        pending.removeFirst(out.count)
        return out
    }

    func close() { closed = true }
}
