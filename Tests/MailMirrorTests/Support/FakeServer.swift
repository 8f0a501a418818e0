import Foundation
import MailCore

@testable import MailMirror

/// An in-memory IMAP server for the sync engine's tests: mailboxes of UID → message,
/// with failure injection. Counts what was downloaded so tests can prove a no-op sync
/// downloads nothing.
final class FakeServer: RemoteConnector {
    struct Message {
        var bytes: [UInt8]
        var flags: [Flag]
        var modSeq: UInt64
    }
    final class Box {
        var uidValidity: UInt32
        var uidNext: UInt32 = 1
        var modSeq: UInt64 = 1
        var messages: [UInt32: Message] = [:]
        var roles: Set<MailboxRole>
        init(uidValidity: UInt32, roles: Set<MailboxRole>) {
            self.uidValidity = uidValidity
            self.roles = roles
        }
    }

    var boxes: [String: Box] = [:]
    var isGmail = false
    var condstore = true
    var downloaded: [UID] = []
    var connections = 0
    /// Fails the fetch with a dropped connection after this many messages were handed over.
    var dropAfterMessages: Int?
    var refuseLogin: Error?
    /// A new UIDVALIDITY the mailbox takes between STATUS and EXAMINE (the server recreated it meanwhile).
    var epochAtExamine: UInt32?

    @discardableResult
    func add(_ mailbox: String, _ text: String, flags: [Flag] = []) -> UID {
        let box = boxes[mailbox]!
        let uid = box.uidNext
        box.uidNext += 1
        box.modSeq += 1
        box.messages[uid] = Message(bytes: Array(text.utf8), flags: flags, modSeq: box.modSeq)
        return UID(uid)
    }

    func createMailbox(_ name: String, uidValidity: UInt32 = 100, roles: Set<MailboxRole> = []) {
        boxes[name] = Box(uidValidity: uidValidity, roles: roles)
    }

    func setFlags(_ mailbox: String, _ uid: UID, _ flags: [Flag]) {
        let box = boxes[mailbox]!
        box.modSeq += 1
        box.messages[uid.rawValue]!.flags = flags
        box.messages[uid.rawValue]!.modSeq = box.modSeq
    }

    func expunge(_ mailbox: String, _ uid: UID) {
        let box = boxes[mailbox]!
        box.modSeq += 1
        box.messages[uid.rawValue] = nil
    }

    func connect(_ account: AccountConfiguration, password: Secret) throws -> RemoteSession {
        if let refuseLogin { throw refuseLogin }
        connections += 1
        return Session(server: self)
    }

    final class Session: RemoteSession {
        let server: FakeServer
        var selected: Box?
        init(server: FakeServer) { self.server = server }
        var isGmail: Bool { server.isGmail }

        func mailboxes() throws -> [RemoteMailbox] {
            server.boxes.keys.sorted().map { RemoteMailbox(name: $0, roles: server.boxes[$0]!.roles) }
        }
        func status(of mailbox: String) throws -> RemoteMailboxStatus {
            guard let box = server.boxes[mailbox] else {
                throw MailMirrorError.serverMisbehaved("no mailbox \(mailbox)")
            }
            return RemoteMailboxStatus(
                uidValidity: UIDValidity(box.uidValidity), uidNext: UID(box.uidNext),
                messages: box.messages.count, highestModSeq: server.condstore ? ModSequence(box.modSeq) : nil)
        }
        func examine(_ mailbox: String) throws -> RemoteMailboxStatus {
            if let epoch = server.epochAtExamine, let box = server.boxes[mailbox] { box.uidValidity = epoch }
            selected = server.boxes[mailbox]
            return try status(of: mailbox)
        }
        func uids(since: DayStamp?) throws -> [UID] { selected!.messages.keys.sorted().map { UID($0) } }
        func sizes(of uids: [UID]) throws -> [UID: Int] {
            var sizes: [UID: Int] = [:]
            for uid in uids { sizes[uid] = selected!.messages[uid.rawValue]?.bytes.count }
            return sizes
        }
        func flags(changedSince modSequence: ModSequence?) throws -> [UID: [Flag]] {
            var result: [UID: [Flag]] = [:]
            for (uid, message) in selected!.messages
            where modSequence == nil || !server.condstore || message.modSeq > modSequence!.rawValue {
                result[UID(uid)] = message.flags
            }
            return result
        }
        func fetch(_ uids: [UID], handler: (RemoteMessage) throws -> Void) throws {
            for uid in uids {
                if let limit = server.dropAfterMessages {
                    if limit == 0 {
                        server.dropAfterMessages = nil
                        throw FakeDrop()
                    }
                    server.dropAfterMessages = limit - 1
                }
                guard let message = selected!.messages[uid.rawValue] else { continue }
                server.downloaded.append(uid)
                try handler(RemoteMessage(uid: uid, flags: message.flags, bytes: message.bytes))
            }
        }
        func logout() {}
    }
}

struct FakeDrop: ClassifiedFailure {
    var scope: FailureScope { .connection }
    var isTemporary: Bool { true }
    var userMessage: String { "the connection was closed by the server" }
}
