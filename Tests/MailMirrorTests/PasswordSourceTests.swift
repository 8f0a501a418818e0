import Foundation
import TestSupport
import Testing

@testable import MailMirror

struct PasswordSourceTests {
    let directory: URL = {
        let url = ScratchFolder.root.appendingPathComponent("mm-pw-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    func file(_ text: String, mode: Int) -> String {
        let url = directory.appendingPathComponent("password-\(mode)")
        FileManager.default.createFile(
            atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
        return url.path
    }

    @Test func pastedSpacesAreRemoved() throws {
        let secret = try PasswordSource.file(file("abcd efgh ijkl mnop\n", mode: 0o600)).resolve()
        #expect(secret.value == "abcdefghijklmnop")
        #expect(secret.looksLikeGmailAppPassword)
    }

    @Test func fileOthersCanReadIsRefusedWithoutShowingIt() throws {
        let path = file("hunter2hunter2ab", mode: 0o644)
        #expect {
            try PasswordSource.file(path).resolve()
        } throws: { error in
            let message = (error as? MailMirrorError)?.message ?? ""
            return message.contains("chmod 600") && !message.contains("hunter2")
        }
    }

    @Test func environmentAndCommand() throws {
        #expect(
            try PasswordSource.environment("MM_TEST_PW").resolve(environment: ["MM_TEST_PW": "abcd"]).value == "abcd")
        #expect(throws: MailMirrorError.self) { try PasswordSource.environment("MM_MISSING").resolve(environment: [:]) }
        #expect(try PasswordSource.command("printf 'wxyz wxyz\\nsecond'").resolve().value == "wxyzwxyz")
        #expect(throws: MailMirrorError.self) { try PasswordSource.command("exit 3").resolve() }
    }

    @Test func secretNeverPrints() {
        let secret = Secret(pasted: "abcdefghijklmnop")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("abcdefghijklmnop"))
    }
}

struct AccountRequestTests {
    @Test func gmailAddressGetsThePreset() throws {
        let account = try AccountRequest(name: "support", email: "help@gmail.com", password: .environment("X"))
            .resolved()
        #expect(account.host == "imap.gmail.com")
        #expect(account.port == 993)
        #expect(account.gmail)
        #expect(account.effectiveBudgetBytes == 2_000_000_000)
    }

    @Test func otherServersNeedAHostAndGetPortDefaults() throws {
        #expect(throws: MailMirrorError.self) {
            try AccountRequest(name: "a", email: "a@example.com", password: .environment("X")).resolved()
        }
        var request = AccountRequest(name: "a", email: "a@example.com", password: .environment("X"))
        request.host = "mail.example.com"
        request.security = .starttls
        let account = try request.resolved()
        #expect(account.port == 143)
        #expect(!account.gmail)
        #expect(account.effectiveBudgetBytes == nil)
    }

    @Test(arguments: ["", "../x", ".hidden", "a/b", "with space", String(repeating: "a", count: 65)])
    func badAccountNamesAreRefused(name: String) {
        #expect(throws: MailMirrorError.self) {
            try AccountRequest(name: name, email: "a@gmail.com", password: .environment("X")).resolved()
        }
    }

    @Test func configurationNeverHoldsTheSecret() throws {
        let root = ScratchFolder.root.appendingPathComponent("mm-cfg-\(UUID().uuidString)")
        setenv("MM_TEST_SECRET_PW", "qwertyuiopasdfgh", 1)
        let mirror = LocalMirror(root: root)
        let (_, warnings) = try mirror.addAccount(
            AccountRequest(name: "support", email: "help@gmail.com", password: .environment("MM_TEST_SECRET_PW")))
        #expect(warnings.isEmpty)
        let text = try String(contentsOf: mirror.paths.configuration, encoding: .utf8)
        #expect(text.contains("MM_TEST_SECRET_PW"))
        #expect(!text.contains("qwertyuiopasdfgh"))
        let attributes = try FileManager.default.attributesOfItem(atPath: mirror.paths.configuration.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(throws: MailMirrorError.accountExists("support")) {
            try mirror.addAccount(
                AccountRequest(name: "support", email: "help@gmail.com", password: .environment("MM_TEST_SECRET_PW")))
        }
    }

    @Test func shortGmailPasswordDrawsTheAppPasswordAdvice() throws {
        let root = ScratchFolder.root.appendingPathComponent("mm-cfg-\(UUID().uuidString)")
        setenv("MM_TEST_SHORT_PW", "MyGooglePassword1", 1)
        let (_, warnings) = try LocalMirror(root: root).addAccount(
            AccountRequest(name: "support", email: "help@gmail.com", password: .environment("MM_TEST_SHORT_PW")))
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("apppasswords") == true)
        #expect(warnings.first?.contains("MyGooglePassword1") == false)
    }
}
