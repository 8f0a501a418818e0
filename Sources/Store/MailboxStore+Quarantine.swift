import Durable
import MailCore

extension MailboxStore {
    /// Moves a damaged message file (found by `StoreVerifier`) out of `cur/` into the epoch's
    /// `damaged/` folder. Nothing is deleted: the bytes stay for inspection, and since the UID is
    /// no longer in `cur/` the next sync downloads it again if the server still has it.
    /// Returns the new path.
    @discardableResult
    public func quarantine(uidValidity: UIDValidity, uid: UID) throws -> String? {
        guard let message = try storedMessages(uidValidity: uidValidity, withSizes: false)[uid] else { return nil }
        let folder = "\(epochPath(uidValidity))/damaged"
        _ = try io(Disk.makeDirectory(folder))
        let fileName = message.path.split(separator: "/").last.map(String.init) ?? "\(uid).eml.gz"
        let destination = "\(folder)/\(fileName)"
        try io(Disk.rename(message.path, to: destination))
        try syncDirectory(uidValidity: uidValidity)
        return destination
    }
}
