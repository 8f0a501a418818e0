import Foundation
import Testing

@testable import Store

@Suite struct MailStoreTests {
    @Test(arguments: ["/", "/a", "/a/b", "/a/b/", "/a/.b/c..", "/a/.../b", "/with space/é"])
    func standardAbsolutePaths(path: String) {
        #expect(MailStore.isStandardAbsolute(path))
    }

    @Test(arguments: ["", "a", "a/b", "./a", "/a/./b", "/a/../b", "/a/.", "/a/..", "/.", "/..", "//a", "/a//b", "/a//"])
    func pathsThatNeedStandardizing(path: String) {
        #expect(!MailStore.isStandardAbsolute(path))
    }

    /// Whether or not the root given is already standard, the store ends at the same folder.
    @Test func theRootIsStandardizedWhenItNeedsIt() throws {
        let directory = try TemporaryDirectory()
        let plain = directory.url.appendingPathComponent("mirror").path
        for given in [plain, plain + "/", directory.url.path + "/./x/../mirror", directory.url.path + "//mirror"] {
            let store = try MailStore(root: URL(fileURLWithPath: given))
            #expect(store.root.path == plain, "given \(given)")
            #expect(store.rootPath == plain, "given \(given)")
        }
    }
}
