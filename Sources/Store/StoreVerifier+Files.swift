import Durable
import MailCore

extension StoreVerifier {
    /// What `verify` reads of an epoch's `cur/`: per message file its UID and the letters of its name as
    /// bits (16 bytes; the name, and so the path, is made again from them when the file is read), sorted
    /// by UID, one per UID; the names that are not message files and the files of a UID stored twice as
    /// paths. One pass over the folder, no `stat` and no string per message, so a `cur/` of a million
    /// messages costs 16 MB here rather than a dictionary of paths and flag arrays.
    struct EpochFiles {
        var messages: [(uid: UID, letterBits: UInt64)] = []
        var badNames: [String] = []
        var duplicates: [String] = []

        init(mailbox: MailboxStore, uidValidity: UIDValidity) throws {
            let folder = mailbox.curPath(uidValidity)
            var messages: [(uid: UID, letterBits: UInt64)] = []
            var badNames: [String] = []
            try io(
                Disk.forEachEntry(in: folder) { name, isDirectory in
                    if isDirectory != true, let parsed = MessageFileName.parse(cName: name) {
                        messages.append((parsed.uid, parsed.letterBits))
                    } else {
                        badNames.append(folder + "/" + String(cString: name))
                    }
                })
            messages.sort { ($0.uid, $0.letterBits) < ($1.uid, $1.letterBits) }
            // A UID listed twice: every one of its files is a duplicate; the last is the one checked.
            var kept = 0
            var start = 0
            while start < messages.count {
                var end = start + 1
                while end < messages.count && messages[end].uid == messages[start].uid { end += 1 }
                if end - start > 1 {
                    for k in start..<end { duplicates.append(Self.path(folder, messages[k])) }
                }
                messages[kept] = messages[end - 1]
                kept += 1
                start = end
            }
            messages.removeLast(messages.count - kept)
            self.messages = messages
            self.badNames = badNames.sorted()
            duplicates.sort()
        }

        static func path(_ folder: String, _ message: (uid: UID, letterBits: UInt64)) -> String {
            folder + "/" + MessageFileName.make(uid: message.uid, flags: MaildirFlags(letterBits: message.letterBits))
        }

        var unexpunged: Int { messages.count { $0.letterBits & MaildirFlags.expungedBit == 0 } }
    }
}
