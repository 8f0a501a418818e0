import Foundation
import Testing

@testable import MIME

/// enmime's malformed and odd inputs: every one must parse without crashing and still yield
/// headers or some text (a malformed message is catalogued with what could be read).
@Suite struct EnmimeSuiteTests {
    @Test func everyInputParsesAndKeepsSomething() {
        var passed = 0
        var total = 0
        var failures = [String]()
        for file in FixtureSupport.allFiles("enmime") where file.hasSuffix(".raw") {
            total += 1
            let bytes = FixtureSupport.bytes("enmime/\(file)")
            let message = MIMEParser.parse(bytes)
            // Touch everything a summary reads.
            _ = (message.subject, message.from, message.to, message.date, message.messageId, message.references)
            let text = message.textBody
            let attachments = message.attachments
            let keptSomething = !message.headers.isEmpty || !text.isEmpty || !attachments.isEmpty
            if keptSomething { passed += 1 } else { failures.append("\(file): nothing recovered") }
        }
        let rate = FixtureSupport.report("enmime", passed: passed, total: total, failures: failures)
        #expect(total >= 80)
        #expect(rate >= 0.99)
    }
}
