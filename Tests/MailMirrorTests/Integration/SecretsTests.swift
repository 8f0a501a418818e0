import Foundation
import Store
import Testing
@testable import MailMirror

/// The app password never appears in output, errors, verbose traces, files we write, or argv,
/// on the success path and on every failure path we can provoke.
@Suite(.testbed) struct SecretsTests {
    func run(_ binary: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (output: String, status: Int32, cmdline: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let cmdline = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/cmdline", encoding: .utf8)) ?? ""
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), process.terminationStatus, cmdline)
    }

    /// Every byte of every file under `root`, gzip files inflated, searched for `secret`.
    func filesContain(_ secret: String, under root: URL) -> [String] {
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard let data = FileManager.default.contents(atPath: url.path), !url.lastPathComponent.hasPrefix("password-") else { continue }
            if data.range(of: Data(secret.utf8)) != nil { found.append(url.path) }
            // A gzip file (the store's messages) is searched inflated too: compressed, the secret
            // would not show in the raw bytes.
            if data.starts(with: [0x1F, 0x8B]) {
                guard let inflated = try? Gzip.decompress([UInt8](data)) else {
                    found.append(url.path + " (gzip that does not inflate)")
                    continue
                }
                if Data(inflated).range(of: Data(secret.utf8)) != nil { found.append(url.path + " (inflated)") }
            }
        }
        return found
    }

    @Test func passwordNeverLeaksOnSuccessOrFailure() throws {
        let bed = try Testbed.require()
        let binary = try #require(KillResumeTests.binary())
        let mailbox = try bed.makeMailbox("secrets")
        try bed.deliver(Testbed.sampleMessage(1), to: mailbox)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mm-secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let goodFile = root.appendingPathComponent("password-good")
        FileManager.default.createFile(atPath: goodFile.path, contents: Data(bed.password.utf8), attributes: [.posixPermissions: 0o600])
        let wrong = "zyxwvutsrqponmlk"
        let common = ["--email", bed.user, "--host", bed.host, "--port", String(bed.imapsPort), "--ca-file", bed.caFile, "--mailbox", mailbox]
        let mirror = root.appendingPathComponent("mirror").path

        var transcripts: [String] = []
        var commandLines: [String] = []
        func record(_ result: (output: String, status: Int32, cmdline: String)) {
            transcripts.append(result.output)
            commandLines.append(result.cmdline)
        }
        record(try run(binary, ["--root", mirror, "account", "add", "good", "--password-file", goodFile.path] + common))
        record(try run(binary, ["--root", mirror, "account", "add", "env", "--password-env", "MM_SECRET_TEST"] + common,
                       environment: ["MM_SECRET_TEST": wrong]))
        record(try run(binary, ["--root", mirror, "--verbose", "account", "test", "good"]))
        let sync = try run(binary, ["--root", mirror, "--verbose", "sync", "good"])
        record(sync)
        #expect(sync.status == 0, "\(sync.output)")
        #expect(sync.output.contains("LOGIN") || sync.output.contains("AUTHENTICATE"), "verbose shows the conversation")
        let refused = try run(binary, ["--root", mirror, "--verbose", "sync", "env", "--json"], environment: ["MM_SECRET_TEST": wrong])
        record(refused)
        #expect(refused.status != 0)
        record(try run(binary, ["--root", mirror, "--verbose", "account", "test", "env"], environment: ["MM_SECRET_TEST": wrong]))
        record(try run(binary, ["--root", mirror, "account", "list", "--json"]))
        record(try run(binary, ["--root", mirror, "status"]))

        for secret in [bed.password, wrong] {
            for transcript in transcripts { #expect(!transcript.contains(secret)) }
            for line in commandLines { #expect(!line.contains(secret)) }
            #expect(filesContain(secret, under: URL(fileURLWithPath: mirror)).isEmpty)
        }
    }
}
