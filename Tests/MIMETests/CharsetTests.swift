import Foundation
import Testing

@testable import MIME

/// Charsets Foundation on Linux does not know, decoded through glibc's iconv, one family at a
/// time, in headers (RFC 2047 encoded words) and bodies. The bytes are what real mailers send
/// (checked against Python's codecs); malformed input gives replacement characters, never a trap.
@Suite struct CharsetTests {
    /// (charset label as mailers write it, bytes, text).
    static let samples: [(String, [UInt8], String)] = [
        // Chinese: the issue's subject ("»Ø¸´" was the mojibake), GBK beyond GB2312, GB18030, Big5.
        ("gb2312", [0xBB, 0xD8, 0xB8, 0xB4, 0x3A, 0x20, 0x4D, 0x69, 0x70, 0x73], "回复: Mips"),
        ("GBK", [0xE9, 0x46, 0xBB, 0xF9], "镕基"),
        ("gb2312", [0xE9, 0x46, 0xBB, 0xF9], "镕基"),  // GBK characters in mail labelled GB2312
        ("GB18030", [0x95, 0x32, 0x82, 0x36, 0xD6, 0xD0, 0xCE, 0xC4], "𠀀中文"),
        ("big5", [0xA4, 0xA4, 0xA4, 0xE5, 0xB4, 0xFA, 0xB8, 0xD5], "中文測試"),
        // Japanese: the three encodings Japanese mail uses.
        (
            "ISO-2022-JP",
            [
                0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x38, 0x6C, 0x24, 0x4E, 0x25, 0x46, 0x25, 0x39, 0x25, 0x48,
                0x1B, 0x28, 0x42,
            ],
            "日本語のテスト"
        ),
        ("shift_jis", [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA, 0x82, 0xCC, 0x83, 0x65, 0x83, 0x58, 0x83, 0x67], "日本語のテスト"),
        ("EUC-JP", [0xC6, 0xFC, 0xCB, 0xDC, 0xB8, 0xEC, 0xA4, 0xCE, 0xA5, 0xC6, 0xA5, 0xB9, 0xA5, 0xC8], "日本語のテスト"),
        // Korean: EUC-KR and Outlook's label for its superset.
        ("euc-kr", [0xBE, 0xC8, 0xB3, 0xE7, 0xC7, 0xCF, 0xBC, 0xBC, 0xBF, 0xE4], "안녕하세요"),
        ("ks_c_5601-1987", [0x8C, 0x63, 0xB9, 0xE6, 0xB0, 0xA2, 0xC7, 0xCF], "똠방각하"),
        // Cyrillic: KOI8-R, KOI8-U (iconv), Windows-1251, ISO-8859-5.
        ("koi8-r", [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4, 0x2C, 0x20, 0xCD, 0xC9, 0xD2], "Привет, мир"),
        ("KOI8-U", [0xF5, 0xCB, 0xD2, 0xC1, 0xA7, 0xCE, 0xC1], "Україна"),
        ("windows-1251", [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], "Привет"),
        ("iso-8859-5", [0xBF, 0xE0, 0xD8, 0xD2, 0xD5, 0xE2], "Привет"),
    ]

    @Test(arguments: samples.indices)
    func bodies(_ i: Int) {
        let (charset, bytes, text) = Self.samples[i]
        #expect(Charset.decode(bytes, charset: charset) == text)
        var message = Array(
            "Content-Type: text/plain; charset=\"\(charset)\"\nContent-Transfer-Encoding: 8bit\n\n".utf8)
        message += bytes + [0x0A]
        #expect(MIMEParser.parse(message).textBody(limit: 1000).trimmingCharacters(in: .whitespacesAndNewlines) == text)
    }

    @Test(arguments: samples.indices)
    func encodedWords(_ i: Int) {
        let (charset, bytes, text) = Self.samples[i]
        let word = "=?\(charset)?B?\(Data(bytes).base64EncodedString())?="
        #expect(EncodedWords.decode(Array(word.utf8)) == text)
        let subject = MIMEParser.parse(Array("Subject: \(word)\n\nbody\n".utf8)).subject
        #expect(subject == text)
    }

    /// The issue's GB2312 subject, as its sender wrote it.
    @Test func gb2312SubjectFromTheIssue() {
        let raw = "Subject: =?gb2312?B?u9i4tDogTWlwcyBTT0MsIExpbnV4?=\n\nx\n"
        #expect(MIMEParser.parse(Array(raw.utf8)).subject == "回复: Mips SOC, Linux")
    }

    /// Invalid and truncated sequences become U+FFFD and the rest still decodes.
    @Test(
        arguments: [
            ("gb2312", [0xBB, 0xD8, 0xFF, 0xB8, 0xB4], "回\u{FFFD}复"),
            ("shift_jis", [0x93, 0xFA, 0x96], "日\u{FFFD}"),
            ("euc-kr", [0xBE, 0xC8, 0xB3], "안\u{FFFD}"),
            ("ISO-2022-JP", [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B], "日\u{FFFD}"),
        ] as [(String, [UInt8], String)])
    func malformedInputIsReplaced(_ charset: String, _ bytes: [UInt8], _ expected: String) {
        #expect(Charset.decode(bytes, charset: charset) == expected)
    }

    @Test func garbageInEveryFamilyNeverTraps() {
        var generator = SystemRandomNumberGenerator()
        for charset in ["gb2312", "gb18030", "big5", "iso-2022-jp", "shift_jis", "euc-jp", "euc-kr", "koi8-u", "utf-7"]
        {
            for length in [1, 2, 3, 7, 64, 5000] {
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                _ = Charset.decode(bytes, charset: charset)
            }
        }
    }

    /// A charset neither Foundation nor iconv knows still gives readable text.
    @Test func unknownCharsetFallsBack() {
        #expect(Charset.decode(Array("café".utf8), charset: "x-no-such-charset") == "café")
        #expect(Charset.decode([0x63, 0x61, 0x66, 0xE9], charset: "x-no-such-charset") == "café")
    }
}
