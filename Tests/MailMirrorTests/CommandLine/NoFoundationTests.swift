import Foundation
import Testing

/// No source file of the executable imports swift-corelibs Foundation (issue 13): one import would link
/// CoreFoundation and ICU back in, whose relocations and constructors cost every start about 0.6 ms of CPU
/// (a date search 3.07 → 2.50 ms when they went). FoundationEssentials is what the code uses.
@Suite struct NoFoundationTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    @Test func noSourceImportsFoundation() throws {
        let banned = ["Foundation", "FoundationInternationalization", "FoundationNetworking", "FoundationXML"]
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.sources.path)
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50, "found the sources in \(Self.sources.path)")
        var offenders: [String] = []
        for file in files {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
                guard words.first == "import", words.count >= 2 else { continue }
                let module = words[words.count - 1].split(separator: ".").first.map(String.init) ?? ""
                if banned.contains(module) { offenders.append("\(file): \(line)") }
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }
}
