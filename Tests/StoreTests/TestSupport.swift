import Foundation
import MailCore

@testable import Store

/// A fresh folder under /tmp, removed when the value goes away.
final class TemporaryDirectory {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("storetests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A plausible raw message with CRLF line ends, as a server would send it.
func sampleMessage(_ number: Int, bodyLines: Int = 20) -> [UInt8] {
    var text = "Return-Path: <client\(number)@example.org>\r\nFrom: Client \(number) <client\(number)@example.org>\r\n"
    text += "To: support@example.com\r\nSubject: Mot de passe d'application n\u{B0}\(number)\r\n"
    text +=
        "Message-ID: <\(number).\(number * 7)@example.org>\r\nDate: Tue, 3 Mar 2026 10:\(String(format: "%02d", number % 60)):00 +0100\r\n"
    text += "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    for line in 0..<bodyLines {
        text += "Bonjour, ligne \(line) du message \(number) : je n'arrive pas à me connecter.\r\n"
    }
    return Array(text.utf8)
}

func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var state = seed | 1
    return (0..<count).map { _ in
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return UInt8(truncatingIfNeeded: state)
    }
}

func fileMode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

func run(_ executable: String, _ arguments: [String], input: [UInt8]? = nil) throws -> (status: Int32, output: [UInt8])
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, [UInt8](data))
}

let uv1 = UIDValidity(1_700_000_000)
let uv2 = UIDValidity(1_800_000_000)

/// CPU time of this thread (or the whole process) in milliseconds: wall time is noisy on a shared machine.
func cpuMilliseconds(process: Bool = false) -> Double {
    var spec = timespec()
    clock_gettime(process ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1e6
}
