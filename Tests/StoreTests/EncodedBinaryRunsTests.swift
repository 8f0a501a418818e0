import Foundation
import Testing

@testable import Store

/// A message with a text body and one attachment of `attachment` bytes, base64 in MIME's 76-letter lines.
func messageWithAttachment(_ attachment: [UInt8], type: String = "image/png") -> [UInt8] {
    let encoded = Data(attachment).base64EncodedString(options: [
        .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
    ])
    var text = "From: Client <client@example.org>\r\nSubject: capture\r\nMIME-Version: 1.0\r\n"
    text +=
        "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    text += String(repeating: "Bonjour, voici la capture d'écran de l'erreur.\r\n", count: 40)
    text += "--b\r\nContent-Type: \(type); name=\"a\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    text += encoded + "\r\n--b--\r\n"
    return Array(text.utf8)
}

@Suite struct EncodedBinaryRunsTests {
    @Test func findsTheBase64OfRandomDataAsWholeLines() {
        let message = messageWithAttachment(randomBytes(30_000, seed: 3))
        let runs = message.withUnsafeBytes { EncodedBinaryRuns.find(in: $0) }
        #expect(runs.count == 1)
        guard let run = runs.first else { return }
        #expect(run.count >= 40_000)
        #expect(message[run.lowerBound - 1] == 0x0A)
        #expect(message[run.upperBound - 1] == 0x0A)
        let header = String(decoding: message[..<run.lowerBound], as: UTF8.self)
        #expect(header.hasSuffix("Content-Transfer-Encoding: base64\r\n\r\n"))
    }

    @Test func leavesTheBase64OfTextToTheMatcher() {
        let csv = Array(String(repeating: "2026-03-03;ticket;mot de passe;résolu\n", count: 1_000).utf8)
        let message = messageWithAttachment(csv, type: "text/csv")
        #expect(message.withUnsafeBytes { EncodedBinaryRuns.find(in: $0) }.isEmpty)
    }

    @Test func ignoresShortRunsAndPlainText() {
        #expect(
            messageWithAttachment(randomBytes(2_000, seed: 4)).withUnsafeBytes { EncodedBinaryRuns.find(in: $0) }
                .isEmpty)
        #expect(sampleMessage(1, bodyLines: 500).withUnsafeBytes { EncodedBinaryRuns.find(in: $0) }.isEmpty)
    }

    @Test func findsEveryAttachmentOfAMessage() {
        let first = messageWithAttachment(randomBytes(10_000, seed: 5))
        let second = messageWithAttachment(randomBytes(20_000, seed: 6))
        let runs = (first + second).withUnsafeBytes { EncodedBinaryRuns.find(in: $0) }
        #expect(runs.count == 2)
    }
}
