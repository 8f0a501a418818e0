import Foundation
import TestSupport
import Testing

/// What scripts/install puts beside the binary, checked on the real `mailmirror`: bash completes
/// its subcommands, flags and option values; the man page renders without a warning; the systemd
/// units are accepted by systemd.
@Suite struct InstallFilesTests {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func generated(_ arguments: [String]) throws -> String {
        let binary = try #require(KillResumeTests.binary(), "build mailmirror first (swift build)")
        let run = try ProcessRun.run(binary, arguments)
        try #require(run.status == 0, "mailmirror \(arguments.joined(separator: " ")): \(run.errors)")
        return run.output
    }

    /// What bash offers after `words` (the last one being completed), through the real script.
    static func bashCompletions(_ script: URL, _ words: [String]) throws -> [String] {
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let program = """
            source '\(script.path)'
            COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1)
            _mailmirror
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let run = try ProcessRun.run("/bin/bash", ["--norc", "-c", program])
        try #require(run.status == 0, "bash: \(run.errors)")
        return run.output.split(separator: "\n").map(String.init).sorted()
    }

    @Test func bashCompletesSubcommandsFlagsAndValues() throws {
        let script = ScratchFolder.root.appendingPathComponent("mm-completion-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: script) }
        try Self.generated(["--generate-completion-script", "bash"]).write(
            to: script, atomically: true, encoding: .utf8)
        #expect(try ProcessRun.run("/bin/bash", ["-n", script.path]).status == 0)
        #expect(try Self.bashCompletions(script, ["mailmirror", "se"]) == ["search"])
        #expect(
            try Self.bashCompletions(script, ["mailmirror", "account", ""]) == [
                "--help", "--root", "--verbose", "--version", "-h",
                "-v", "add", "authorize", "list", "remove", "test",
            ])
        #expect(
            try Self.bashCompletions(script, ["mailmirror", "--root", "/tmp/x", "account", "a"]) == [
                "add", "authorize",
            ])
        #expect(try Self.bashCompletions(script, ["mailmirror", "search", "--so"]) == ["--sort"])
        #expect(try Self.bashCompletions(script, ["mailmirror", "search", "--sort", ""]) == ["date", "relevance"])
        #expect(try Self.bashCompletions(script, ["mailmirror", "account", "add", "--gm"]) == ["--gmail"])
        #expect(try Self.bashCompletions(script, ["mailmirror", "sync", "--q"]) == ["--quiet"])
    }

    static let groff = ["/usr/bin/groff", "/bin/groff"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: groff != nil, "groff is not installed (scripts/setup installs groff-base)"))
    func theManPageRendersWithoutWarnings() throws {
        let page = ScratchFolder.root.appendingPathComponent("mailmirror-\(UUID().uuidString).1")
        defer { try? FileManager.default.removeItem(at: page) }
        try Self.generated(["--generate-manual"]).write(to: page, atomically: true, encoding: .utf8)
        let run = try ProcessRun.run(Self.groff!, ["-man", "-Tutf8", "-ww", "-z", page.path])
        #expect(run.status == 0)
        #expect(run.errors.isEmpty, "groff: \(run.errors)")
        let text = try ProcessRun.run(Self.groff!, ["-man", "-Tascii", "-P", "-cbou", page.path]).output
        for heading in ["NAME", "SYNOPSIS", "COMMANDS", "EXIT STATUS", "account add", "--password-file", "75"] {
            #expect(text.contains(heading), "the rendered page lacks \(heading)")
        }
    }

    static let systemdAnalyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: systemdAnalyze != nil, "systemd is not installed: the units are not verified"))
    func theSystemdUnitsVerify() throws {
        let binary = try #require(KillResumeTests.binary(), "build mailmirror first (swift build)")
        let folder = ScratchFolder.root.appendingPathComponent("mm-units-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var units: [String] = []
        for unit in ["mailmirror-sync.service", "mailmirror-sync.timer"] {
            // As scripts/install writes them: @BIN@ becomes the installed binary.
            let template = try String(
                contentsOf: Self.package.appendingPathComponent("scripts/systemd/\(unit)"), encoding: .utf8)
            let path = folder.appendingPathComponent(unit).path
            try template.replacingOccurrences(of: "@BIN@", with: binary).write(
                toFile: path, atomically: true, encoding: .utf8)
            units.append(path)
        }
        let run = try ProcessRun.run(Self.systemdAnalyze!, ["verify", "--man=no"] + units)
        #expect(run.status == 0, "systemd-analyze verify: \(run.errors)")
        #expect(run.errors.isEmpty, "systemd-analyze verify: \(run.errors)")
        let service = try String(contentsOfFile: units[0], encoding: .utf8)
        #expect(service.contains("ExecStart=\(binary) sync --quiet"))
        #expect(
            service.contains("Restart=on-failure") && service.contains("RestartPreventExitStatus=1 64"),
            "exit 75 (and only temporary failures) must be retried")
    }
}
