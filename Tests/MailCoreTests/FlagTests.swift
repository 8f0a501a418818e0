import Foundation
import Testing

@testable import MailCore

@Suite struct FlagTests {
    @Test(arguments: [
        ("\\SEEN", "\\Seen"), ("\\seen", "\\Seen"), ("\\Seen", "\\Seen"), ("\\fLaGgEd", "\\Flagged"),
        ("\\recent", "\\Recent"), ("$Forwarded", "$Forwarded"), ("$forwarded", "$forwarded"),
        ("NonJunk", "NonJunk"), ("\\Junk", "\\Junk"), ("Étiquette", "Étiquette"),
    ])
    func systemFlagsTakeTheirCanonicalCaseKeywordsKeepTheirs(given: String, name: String) {
        #expect(Flag(given).name == name)
    }

    @Test func mirroredDropsRecentAndUnknownSystemFlagsAndIgnoresOrder() {
        #expect(
            Flag.mirrored(["\\SEEN", "\\Recent", "$Label1", "\\Answered"])
                == Flag.mirrored(["\\Answered", "$Label1", "\\seen"]))
        #expect(Flag.mirrored(["\\Seen", "\\Junk"]) == [.seen])
        #expect(Flag.mirrored(["$label1"]) != Flag.mirrored(["$Label1"]), "keywords compare as sent")
        #expect(Flag.mirrored(["\\Seen"]) != Flag.mirrored(["\\Seen", "\\Flagged"]))
    }

    @Test func encodesAsItsName() throws {
        let flags: [Flag] = [.seen, "$Later"]
        let json = try JSONEncoder().encode(flags)
        #expect(String(decoding: json, as: UTF8.self) == #"["\\Seen","$Later"]"#)
        #expect(try JSONDecoder().decode([Flag].self, from: Data(#"["\\SEEN","$Later"]"#.utf8)) == flags)
    }
}
