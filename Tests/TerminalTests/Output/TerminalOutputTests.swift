import Foundation
import Testing

@testable import Terminal

@Suite struct TerminalOutputTests {
    @Test func writeAllDeliversEveryByteThroughAPipe() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        defer { _ = close(descriptors[0]) }
        let text = String(repeating: "Mot de passe d'application — 漢字 🎉\n", count: 4000)  // ~200 KB: more than a pipe buffer holds
        let reader = FileHandle(fileDescriptor: descriptors[0], closeOnDealloc: false)
        let received = Background { reader.readDataToEndOfFile() }
        Syscalls.writeAll(text, to: descriptors[1])
        _ = close(descriptors[1])
        let data = try #require(try received.wait()?.get())
        #expect(String(decoding: data, as: UTF8.self) == text)
    }

    @Test func pipesAreNotTerminals() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        defer {
            _ = close(descriptors[0])
            _ = close(descriptors[1])
        }
        #expect(!Syscalls.isTerminal(descriptors[0]))
        #expect(Syscalls.windowColumns(descriptors[1]) == nil)
    }
}
