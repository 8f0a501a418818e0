import Foundation
import MailCore
import Testing

@testable import MIME

/// Huge bodies (pasted logs, an attachment sent as text, hostile servers) are summarised in
/// bounded time and with a bounded result: only `MessageSummarizer.maxTextBytes` of text is
/// decoded, whatever the transfer encoding, the charset or the shape of the lines.
@Suite(.timeLimit(.minutes(1))) struct HugeBodyTests {
    static let limit = MessageSummarizer.maxTextBytes
    static let size = 8 << 20

    /// Lines of 76 letters, like base64 sent as text/plain (the hostile "big-text" server).
    static func lines(_ bytes: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var line = [UInt8]()
        var text = [UInt8]()
        text.reserveCapacity(bytes + 80)
        var state: UInt64 = 7
        while text.count < bytes {
            line.removeAll(keepingCapacity: true)
            for _ in 0..<76 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                line.append(alphabet[Int(state >> 58)])
            }
            text.append(contentsOf: line)
            text.append(contentsOf: [0x0D, 0x0A])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func message(_ headers: String, _ body: String) -> [UInt8] {
        Array(("From: a@example.com\r\nSubject: big\r\nMIME-Version: 1.0\r\n" + headers + "\r\n\r\n" + body).utf8)
    }

    static let cases: [(String, [UInt8])] = [
        ("text/plain lines", message("Content-Type: text/plain; charset=utf-8", lines(size))),
        ("text/plain one line", message("Content-Type: text/plain", String(repeating: "word ", count: size / 5))),
        ("text/plain one word", message("Content-Type: text/plain", String(repeating: "é", count: size / 2))),
        (
            "text/plain latin-1",
            message("Content-Type: text/plain; charset=iso-8859-1", String(repeating: "caf\u{E9} ", count: size / 5))
        ),
        (
            "base64",
            message(
                "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64",
                Data(String(repeating: "déjà vu ", count: size / 12).utf8).base64EncodedString(options: [
                    .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
                ]))
        ),
        (
            "quoted-printable",
            message(
                "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable",
                String(
                    repeating:
                        "d=C3=A9j=C3=A0 vu, encore d=C3=A9j=C3=A0 vu, et encore une fois d=C3=A9j=C3=A0=\r\n vu\r\n",
                    count: size / 80))
        ),
        (
            "html lines",
            message(
                "Content-Type: text/html",
                "<html><body>"
                    + String(repeating: "<p>Bonjour <b>le</b> monde &amp; les autres</p>\r\n", count: size / 50))
        ),
        ("html one line", message("Content-Type: text/html", String(repeating: "<td>x</td>&nbsp;", count: size / 16))),
        (
            "html quoted reply",
            message(
                "Content-Type: text/html",
                "<div>Merci !</div><div class=\"gmail_quote\">" + String(repeating: "<p>old</p>", count: size / 10))
        ),
        (
            "quoted lines",
            message(
                "Content-Type: text/plain", String(repeating: "> quoted line of an old message\r\n", count: size / 33))
        ),
        // Shapes that make the line classifiers work hardest.
        ("spaces", message("Content-Type: text/plain", String(repeating: " \t", count: size / 2) + "x")),
        (
            "no-break spaces",
            message(
                "Content-Type: text/plain; charset=utf-8", "x" + String(repeating: "\u{A0}", count: size / 2) + "\r\nx")
        ),
        (
            "spaced header",
            message("Content-Type: text/plain", "From: Anna\r\nTo" + String(repeating: " ", count: size) + ": x\r\n")
        ),
        (
            "quote headers",
            message(
                "Content-Type: text/plain",
                String(repeating: "On Mon, 3 Mar 2025 at 10:00, Anna <a@b.c> wrote:\r\nok\r\n", count: size / 56))
        ),
        (
            "header blocks",
            message(
                "Content-Type: text/plain",
                String(repeating: "From: Anna\r\n\r\nSent: x\r\nLe 3 mars\r\n\r\n", count: size / 40))
        ),
        (
            "html markup",
            message(
                "Content-Type: text/html",
                String(repeating: "a < b &amp; &#233;&nbsp;<hr>From: x<br><li>", count: size / 44))
        ),
        (
            "html open quote",
            message("Content-Type: text/html", "<p>hello</p>" + String(repeating: "<a href=\"x", count: size / 10))
        ),
    ]

    /// Summarises `bytes`, printing how long it took (speed itself is the benchmark's business; the
    /// suite's time limit only catches the minutes these bodies took before the caps).
    static func summarize(_ bytes: [UInt8], _ name: String) -> SummarizedMessage {
        let key = MessageKey(account: "a", mailbox: "m", uidValidity: UIDValidity(1), uid: UID(1))
        let start = ContinuousClock.now
        let result = MessageSummarizer.summarize(
            bytes: bytes, metadata: FetchedMetadata(key: key, size: bytes.count),
            team: TeamMatcher(members: []))
        print(
            "[huge] \(name): \(bytes.count) bytes in \(ContinuousClock.now - start), text \(result.bodyText.utf8.count), "
                + "reply \(result.summary.replyText.utf8.count)")
        return result
    }

    @Test(arguments: cases.map(\.0))
    func aHugeBodyIsSummarisedWithinTheCaps(_ name: String) throws {
        let bytes = try #require(Self.cases.first { $0.0 == name }?.1)
        let result = Self.summarize(bytes, name)
        #expect(result.bodyText.utf8.count <= Self.limit)
        #expect(result.summary.replyText.utf8.count <= MessageSummarizer.maxReplyTextBytes)
        // Cut on a character boundary: no replacement character where the text was cut.
        #expect(!result.bodyText.unicodeScalars.contains("\u{FFFD}"))
        if !["quoted lines", "html quoted reply", "spaces", "spaced header", "html open quote"].contains(name) {
            #expect(result.bodyText.utf8.count > Self.limit / 8, "\(name): \(result.bodyText.utf8.count)")
        }
    }

    /// The text kept is the start of the text the whole body gives.
    @Test(arguments: ["text/plain lines", "base64", "quoted-printable", "text/plain latin-1", "html lines"])
    func theTextKeptIsTheStartOfTheWholeText(_ name: String) throws {
        let bytes = try #require(Self.cases.first { $0.0 == name }?.1)
        let message = MIMEParser.parse(bytes)
        let whole = message.textBody
        let kept = message.textBody(limit: Self.limit)
        #expect(kept.utf8.count <= Self.limit && kept.utf8.count > Self.limit - 4)
        #expect(whole.utf8.starts(with: kept.utf8))
    }

    @Test func thousandsOfPartsStayBoundedAndFast() {
        var body = ""
        for index in 0..<5_000 {
            body += "--b\r\nContent-Type: text/plain\r\n\r\n" + String(repeating: "part \(index) ", count: 20) + "\r\n"
            body +=
                "--b\r\nContent-Type: application/pdf; name=\"f\(index).pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n"
            body +=
                "--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Disposition: attachment; filename=\"q\(index).txt\"\r\n\r\nd=C3=A9j=C3=A0\r\n"
        }
        let bytes = Self.message("Content-Type: multipart/mixed; boundary=b", body + "--b--\r\n")
        let result = Self.summarize(bytes, "15 000 parts")
        #expect(result.bodyText.utf8.count <= Self.limit)
        #expect(result.bodyText.hasPrefix(String(repeating: "part 0 ", count: 20).trimmingCharacters(in: .whitespaces)))
        #expect(result.summary.attachments.count == 10_000)
        #expect(
            result.summary.attachments.last == AttachmentInfo(filename: "q4999.txt", contentType: "text/plain", size: 6)
        )
    }

    @Test func transferDecodersStopAtTheirLimitWithAPrefix() {
        let text = Array(String(repeating: "déjà vu, ", count: 10_000).utf8)
        let base64 = Array(Data(text).base64EncodedString(options: .lineLength76Characters).utf8)
        #expect(TransferDecoding.base64(base64, limit: 1_000) == Array(text.prefix(1_000)))
        #expect(TransferDecoding.base64(base64) == text)
        let qp = Array(String(repeating: "d=C3=A9j=C3=A0 vu, =\r\n", count: 10_000).utf8)
        let whole = TransferDecoding.quotedPrintable(qp)
        let prefix = TransferDecoding.quotedPrintable(qp, limit: 1_000)
        #expect(prefix.count >= 1_000 && prefix.count < 1_010 && whole.starts(with: prefix))
        #expect(TransferDecoding.quotedPrintableDecodedCount(qp[...]) == whole.count)
        let trailing = Array(String(repeating: "a  \r\nb=\r\n=41 \t\n", count: 20_000).utf8)
        #expect(
            TransferDecoding.quotedPrintableDecodedCount(trailing[...])
                == TransferDecoding.quotedPrintable(trailing).count)
    }

    @Test func prefixesNeverCutACharacter() {
        let text = "aé€😀"
        #expect(
            (0...10).map { text.utf8Prefix($0) } == [
                "", "a", "a", "aé", "aé", "aé", "aé€", "aé€", "aé€", "aé€", "aé€😀",
            ])
        let bytes = Array(text.utf8)
        #expect(Charset.prefixForDecoding(bytes, count: 2, charset: "utf-8") == Array("a".utf8))
        #expect(Charset.prefixForDecoding(bytes, count: 6, charset: nil) == Array("aé€".utf8))
        #expect(Charset.prefixForDecoding(bytes, count: 9, charset: "utf-8") == Array("aé€".utf8))
        #expect(Charset.prefixForDecoding([0x61, 0x00, 0xE9, 0x00], count: 3, charset: "utf-16le") == [0x61, 0x00])
        #expect(
            Charset.prefixForDecoding([0x82, 0xA0, 0x0A, 0x82, 0xA2], count: 4, charset: "shift_jis") == [
                0x82, 0xA0, 0x0A,
            ])
    }
}
