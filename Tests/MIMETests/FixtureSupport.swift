import Foundation

/// Locates and reads the copied corpora under `Fixtures/` (see each folder's SOURCE.md).
enum FixtureSupport {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func bytes(_ relative: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: url(relative)))) ?? []
    }

    static func text(_ relative: String) -> String {
        String(decoding: bytes(relative), as: UTF8.self)
    }

    static func json(_ relative: String) -> Any? {
        guard let data = try? Data(contentsOf: url(relative)) else { return nil }
        return try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    /// File names in a fixture folder, sorted.
    static func files(_ folder: String, suffix: String = "") -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url(folder).path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted()
    }

    /// Every file below a folder (relative paths), sorted.
    static func allFiles(_ folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: url(folder).path) else { return [] }
        var result = [String]()
        while let next = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(
                atPath: url(folder).appendingPathComponent(next).path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                result.append(next)
            }
        }
        return result.sorted()
    }

    /// Prints a suite's score and failures, and returns the pass rate.
    static func report(_ suite: String, passed: Int, total: Int, failures: [String]) -> Double {
        let rate = total == 0 ? 0 : Double(passed) / Double(total)
        print("[\(suite)] \(passed)/\(total) passed (\(String(format: "%.1f", rate * 100))%)")
        for failure in failures { print("[\(suite)] FAIL \(failure)") }
        return rate
    }
}
