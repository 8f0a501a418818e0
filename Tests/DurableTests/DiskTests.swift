import Foundation
import TestSupport
import Testing

@testable import Durable

@Suite struct DiskTests {
    private func folder() throws -> String {
        let path = ScratchFolder.root.appendingPathComponent("disk-\(UUID().uuidString)").path
        try Disk.makeDirectories(path)
        return path
    }

    @Test func writeAtomicallyReplacesTheFileAndLeavesNoTemporary() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Disk.writeAtomically(Array("one".utf8), to: "\(dir)/state")
        try Disk.writeAtomically(Array("two".utf8), to: "\(dir)/state")
        #expect(try Disk.readFile("\(dir)/state") == Array("two".utf8))
        #expect(try Disk.sortedNames(in: dir) == ["state"])
        #expect(try Disk.status("\(dir)/state")?.permissions == 0o600)
    }

    @Test func aDeadWritersTemporaryIsRemovedAndALiveOnesIsKept() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let dead = "\(dir)/.state.tmp.\(Int32.max)"
        // pid 1 always runs: another process that is still writing `state`.
        let live = "\(dir)/.state.tmp.1"
        let other = "\(dir)/.other.tmp.\(Int32.max)"
        for path in [dead, live, other] { _ = FileManager.default.createFile(atPath: path, contents: Data([1])) }
        try Disk.writeAtomically(Array("new".utf8), to: "\(dir)/state")
        // Only the dead writer of `state` is removed by writing `state`; the sweep takes the other dead one.
        #expect(try Disk.sortedNames(in: dir) == [".other.tmp.\(Int32.max)", ".state.tmp.1", "state"])
        #expect(try Disk.removeDeadTemporaries(in: dir) == [other])
        #expect(try Disk.sortedNames(in: dir) == [".state.tmp.1", "state"])
    }

    @Test func failuresAreTypedAndNameTheFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try Disk.readFileIfPresent("\(dir)/missing") == nil)
        do {
            _ = try Disk.readFile("\(dir)/missing")
            Issue.record("reading a missing file did not throw")
        } catch {
            #expect(error.code == .notFound)
            #expect(error.message.contains("\(dir)/missing"))
        }
        // A rename into a missing folder fails, and the temporary file does not stay behind.
        #expect(throws: DiskError.self) { try Disk.writeAtomically([1], to: "\(dir)/nowhere/state") }
        #expect(try Disk.sortedNames(in: dir).isEmpty)
        _ = FileManager.default.createFile(atPath: "\(dir)/file", contents: Data())
        #expect(
            throws: DiskError(
                .notAFolder, path: "\(dir)/file", message: "\(dir)/file exists but is not a folder; move it away.")
        ) {
            try Disk.makeDirectory("\(dir)/file")
        }
    }

    @Test func removeDurablyIgnoresAMissingFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Disk.append(Array("a\n".utf8), to: "\(dir)/log")
        try Disk.append(Array("b\n".utf8), to: "\(dir)/log")
        #expect(try Disk.readFile("\(dir)/log") == Array("a\nb\n".utf8))
        try Disk.removeDurably("\(dir)/log")
        try Disk.removeDurably("\(dir)/log")
        #expect(try Disk.sortedNames(in: dir).isEmpty)
    }

    @Test func crashTargetsParseAsDocumented() {
        #expect(CrashPoint.Target.parse("rename:3")?.ordinal == 3)
        #expect(CrashPoint.Target.parse("write:2:torn")?.mode == .torn)
        #expect(CrashPoint.Target.parse("rename:2:torn") == nil)
        #expect(CrashPoint.Target.parse("fsync-dir:1")?.step == .fsyncDirectory)
        #expect(CrashPoint.Target.parse("nothing:1") == nil)
    }
}
