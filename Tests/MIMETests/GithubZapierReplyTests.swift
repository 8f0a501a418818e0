import Foundation
import Testing

@testable import MIME

/// github/email_reply_parser and zapier/email-reply-parser bodies. Their expected outputs live in
/// Ruby/Python tests that were not copied, so each case here states, from reading the fixture,
/// text the reply must keep and quoted history or signature it must drop.
@Suite struct GithubZapierReplyTests {
    struct Case: Sendable, CustomStringConvertible {
        var path: String
        var keeps: [String]
        var drops: [String]
        var description: String { path }
    }

    static let cases: [Case] = [
        Case(path: "github/emails/email_1_1.txt", keeps: ["Hi folks", "Java HTTP API", "-Abhishek Kona"], drops: []),
        Case(
            path: "github/emails/email_1_2.txt", keeps: ["Hi,", "You can list the keys", "would do it.", "which says"],
            drops: ["What is the best way", "> -Abhishek"]),
        Case(
            path: "github/emails/email_1_3.txt", keeps: ["Oh thanks.", "Having the function would be great."],
            drops: ["Russell Brown wrote", "You can list the keys"]),
        Case(
            path: "github/emails/email_1_4.txt", keeps: ["Awesome! I haven't had another problem with it."],
            drops: ["Loader seems", "defunkt"]),
        Case(
            path: "github/emails/email_1_5.txt",
            keeps: ["One: Here's what I've got.", "- This is the fourth bullet point", "Two:"], drops: []),
        Case(
            path: "github/emails/email_1_6.txt", keeps: ["I get proper rendering as well."],
            drops: ["Corey Donohoe", "caching related"]),
        Case(path: "github/emails/email_1_7.txt", keeps: [":+1:"], drops: ["Chris Wanstrath", "Steps 0-2"]),
        Case(
            path: "github/emails/email_1_8.txt", keeps: ["I will reply under this one", "and under this."],
            drops: ["Example Dev", "okay.  Well", "-- Tim"]),
        Case(
            path: "github/emails/email_2_1.txt", keeps: ["Outlook with a reply"],
            drops: ["Google Apps Sync", "Dear Google"]),
        Case(
            path: "github/emails/email_2_2.txt", keeps: ["Outlook with a reply directly above line"],
            drops: ["CRM Comments", "new comment"]),
        Case(
            path: "github/emails/email_2_3.txt", keeps: ["Outlook with a reply directly above line"],
            drops: ["CRM Comments", "new comment"]),
        Case(
            path: "github/emails/email_BlackBerry.txt", keeps: ["Here is another email"],
            drops: ["Sent from my BlackBerry"]),
        Case(path: "github/emails/email_iPhone.txt", keeps: ["Here is another email"], drops: ["Sent from my iPhone"]),
        Case(
            path: "github/emails/email_multi_word_sent_from_my_mobile_device.txt", keeps: ["Here is another email"],
            drops: ["Sent from my Verizon"]),
        Case(
            path: "github/emails/email_bullets.txt", keeps: ["test 2 this should list second", "- and another"],
            drops: ["Give us an example", "Joe Smith"]),
        Case(
            path: "github/emails/email_one_is_not_on.txt", keeps: ["One outstanding question I had:", "when I run..."],
            drops: ["Dave Tapley", "lastLocation"]),
        Case(
            path: "github/emails/email_sent_from_my_not_signature.txt",
            keeps: ["Sent from my desk, is much easier then my mobile phone."], drops: []),
        Case(
            path: "github/emails/email_sig_delimiter_in_middle_of_line.txt",
            keeps: ["this is not a signature.", "kthxbai"], drops: []),
        Case(
            path: "github/emails/greedy_on.txt",
            keeps: ["On your remote host you can run:", "the tunnel is not working."],
            drops: ["George Plymale", "odd issue"]),
        Case(
            path: "github/emails/correct_sig.txt", keeps: ["this is an email with a correct -- signature."],
            drops: ["rick"]),
        Case(
            path: "github/emails/email_long_quote.txt",
            keeps: ["Hi folks", "asdf", "I am currently using the Java HTTP API."], drops: []),
        Case(
            path: "github/emails/pathological.txt",
            keeps: ["I think you're onto something.", "get back to a computer."],
            drops: ["John Sullivan", "organism.sequence"]),
        Case(
            path: "zapier/emails/email_2_3.txt", keeps: ["Outlook with a reply above headers using unusual format"],
            drops: ["Kim via Site", "Respond to Kim"]),
        Case(
            path: "zapier/emails/email_gmail.txt", keeps: ["This is a test for inbox replying to a github message."],
            drops: ["Steven Scott", "too lazy"]),
        Case(
            path: "zapier/emails/email_headers_no_delimiter.txt", keeps: ["And another reply!"],
            drops: ["Dan Watson", "A reply", "This is a message."]),
        Case(
            path: "zapier/emails/email_partial_quote_header.txt",
            keeps: ["On your remote host you can run:", "the tunnel is not working."],
            drops: ["George Plymale", "odd issue"]),
    ]

    @Test func keepsTheReplyAndDropsTheRest() {
        var passed = 0
        var failures = [String]()
        for item in Self.cases {
            let got = ReplyExtractor.extract(plain: FixtureSupport.text(item.path))
            let squashed = ReplySuiteTests.squash(got)
            let missing = item.keeps.filter { !squashed.contains(ReplySuiteTests.squash($0)) }
            let leaked = item.drops.filter { squashed.contains(ReplySuiteTests.squash($0)) }
            if missing.isEmpty && leaked.isEmpty {
                passed += 1
            } else {
                failures.append(
                    "\(item.path): missing \(missing), leaked \(leaked); got \(got.prefix(160).debugDescription)")
            }
        }
        let rate = FixtureSupport.report("github+zapier", passed: passed, total: Self.cases.count, failures: failures)
        #expect(Self.cases.count == 26)
        #expect(rate >= 0.95)
    }
}
