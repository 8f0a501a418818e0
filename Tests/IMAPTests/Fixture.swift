import Foundation

@testable import IMAP

/// Reads fixtures beside this file and replays server transcripts through the framer and parser.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// Frames `bytes`, feeding them `chunk` bytes at a time the way a socket delivers them.
    static func frames(_ bytes: [UInt8], chunk: Int = 7, limits: FramingLimits = FramingLimits()) throws
        -> [ResponseFrame]
    {
        var framer = ResponseFramer(limits: limits)
        var out: [ResponseFrame] = []
        var i = 0
        while i < bytes.count {
            framer.append(bytes[i..<min(bytes.count, i + chunk)])
            i += chunk
            while let frame = try framer.nextFrame() { out.append(frame) }
        }
        return out
    }

    static func responses(_ name: String, chunk: Int = 7) throws -> [Response] {
        try frames(try bytes(name), chunk: chunk).map { try ResponseParser.parse($0) }
    }

    static func parse(_ text: String) throws -> Response {
        try ResponseParser.parse(Array(text.utf8))
    }
}
