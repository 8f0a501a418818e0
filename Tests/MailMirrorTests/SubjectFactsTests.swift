import MIME
import MailCore
import Testing

@testable import MailMirror

/// `SubjectFacts` answers as `SubjectNormalizer` and `ThreadTable.mayJoinBySubject` do, for every spelling.
struct SubjectFactsTests {
    private static func record(_ subject: String, references: [String] = []) -> MessageSummary {
        MessageSummary(
            key: MessageKey(account: "a", mailbox: "INBOX", uidValidity: UIDValidity(1), uid: UID(1)),
            messageId: "m@x", references: references, date: 0, from: nil, subject: subject, isReply: false,
            direction: .customer, size: 1, replyText: "")
    }

    @Test func answersAsTheNormalizerForEverySpellingAndEveryAsking() {
        // The same text composed and decomposed: `String` takes them for one, their keys must stay two.
        let subjects = [
            "Re: Réinitialisation du mot de passe", "Re: Re\u{301}initialisation du mot de passe",
            "Réinitialisation du mot de passe", "Fwd: Réinitialisation du mot de passe", "RE : Export vide", "",
        ]
        var facts = SubjectFacts()
        for _ in 0..<2 {
            for subject in subjects {
                let alone = Self.record(subject)
                let referring = Self.record(subject, references: ["p@x"])
                let normalized = SubjectNormalizer.normalize(subject)
                #expect(Array(facts.normalized(subject).utf8) == Array(normalized.utf8), "\(subject)")
                #expect(facts.mayJoinBySubject(alone) == ThreadTable.mayJoinBySubject(alone), "\(subject)")
                #expect(facts.mayJoinBySubject(referring) == ThreadTable.mayJoinBySubject(referring))
                let both = facts.threading(alone)
                #expect(Array(both.normalized.utf8) == Array(normalized.utf8))
                #expect(both.mayJoinBySubject == ThreadTable.mayJoinBySubject(alone))
                #expect(facts.threading(referring).mayJoinBySubject == false)
            }
        }
        // Not vacuous: the two spellings normalize to different bytes, and one subject may join by subject.
        #expect(
            Array(SubjectNormalizer.normalize(subjects[0]).utf8) != Array(SubjectNormalizer.normalize(subjects[1]).utf8))
        #expect(ThreadTable.mayJoinBySubject(Self.record(subjects[0])))
    }
}
