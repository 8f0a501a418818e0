import Durable
import FoundationEssentials

/// The mirror's small state files (configuration, download budget, index state, the catalog-recovery
/// marker), written and removed through the durable layer (`Disk`); its failures become
/// `MailMirrorError.fileSystem` with the layer's sentence.
enum StateFile {
    /// Replaces the file at `url` crash-safely, creating its folder (0700) when missing.
    static func write(_ data: Data, to url: URL) throws {
        do throws(DiskError) {
            try Disk.makeDirectories(url.deletingLastPathComponent().path)
            try Disk.writeAtomically(Array(data), to: url.path)
        } catch {
            throw MailMirrorError.fileSystem(error.message)
        }
    }

    /// Removes the file at `url` durably; a missing file is not an error.
    static func remove(_ url: URL) throws {
        do throws(DiskError) {
            try Disk.removeDurably(url.path)
        } catch {
            throw MailMirrorError.fileSystem(error.message)
        }
    }
}
