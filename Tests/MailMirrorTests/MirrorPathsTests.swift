import Foundation
import Testing

@testable import MailMirror

@Suite struct MirrorPathsTests {
    /// The working folder, as `getcwd` gives it (tests must not change it: they run in parallel).
    static let workingFolder = FileManager.default.currentDirectoryPath

    @Test(arguments: [
        ("/", "/"), ("/a/b", "/a/b"), ("/a/b/", "/a/b"), ("//a//b//", "/a/b"), ("/a/./b/.", "/a/b"),
        ("/a/b/../c", "/a/c"), ("/a/b/../../..", "/"), ("/../x", "/x"), ("/a/.../b", "/a/.../b"),
        ("/a/..b/c.", "/a/..b/c."), ("/mail box/é%20", "/mail box/é%20"),
    ])
    func absolutePathsLoseDotsAndDoubledSlashes(path: String, expected: String) {
        #expect(MirrorPaths.standardizedDirectory(path).path == expected)
    }

    @Test func relativePathsStartAtTheWorkingFolder() {
        let folder = Self.workingFolder
        let parent = URL(fileURLWithPath: folder).deletingLastPathComponent().path
        #expect(MirrorPaths.standardizedDirectory("mirror").path == folder + "/mirror")
        #expect(MirrorPaths.standardizedDirectory("mirror/").path == folder + "/mirror")
        #expect(MirrorPaths.standardizedDirectory("./a/../mirror/.").path == folder + "/mirror")
        #expect(MirrorPaths.standardizedDirectory(".").path == folder)
        #expect(MirrorPaths.standardizedDirectory("..").path == parent)
        #expect(MirrorPaths.standardizedDirectory("../x").path == (parent == "/" ? "/x" : parent + "/x"))
    }

    /// What `resolveRoot` returned before it standardized by hand: Foundation's `standardizedFileURL`,
    /// for the paths and for what is built under them.
    @Test(arguments: [
        "/", "/tmp", "/tmp/", "/tmp//x/./y/..", "/a/b/../../../c", "rel", "rel/", "./rel/../other", ".", "..",
        "../../up", "a//b", "with space/é", "x/%41",
    ])
    func agreesWithFoundation(path: String) {
        let ours = MirrorPaths.standardizedDirectory(path)
        let foundation = URL(fileURLWithPath: path).standardizedFileURL
        #expect(ours.path == foundation.path)
        #expect(
            ours.appendingPathComponent("config.json").path == foundation.appendingPathComponent("config.json").path)
        #expect(MirrorPaths.resolveRoot(option: path, environment: [:]).path == foundation.path)
        #expect(MirrorPaths.resolveRoot(option: nil, environment: ["MAILMIRROR_ROOT": path]).path == foundation.path)
    }
}
