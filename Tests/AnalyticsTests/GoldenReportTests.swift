import Foundation
import MailCore
import Testing

@testable import Analytics

/// Golden files for every report file on a small planted mailbox; `UPDATE_GOLDEN=1` rewrites them.
@Suite struct GoldenReportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let articles = [
        Article(
            name: "Reset your password", path: "reset-password.md",
            text:
                "# Reset your password\n\nIf the password reset link has expired or the reset email never arrived, request a new "
                + "password reset link from the sign-in page. Check the spam folder. Links expire after 24 hours."),
        Article(
            name: "Réinitialiser son mot de passe", path: "fr/mot-de-passe.html",
            text: "<h1>Réinitialiser son mot de passe</h1><p>Le lien de réinitialisation du mot de passe est expiré ? "
                + "Demandez un nouveau lien de réinitialisation depuis la page de connexion.</p>"),
        Article(
            name: "Cancel a subscription", path: "cancel.txt",
            text: "To cancel your subscription before the renewal date, open Billing > Subscription."),
    ]

    static func options(_ language: ReportLanguage) -> ReportOptions {
        ReportOptions(
            since: CalendarDay(year: 2024, month: 4, day: 1), until: CalendarDay(year: 2024, month: 9, day: 30),
            granularity: .month, anonymize: true, language: language, articles: articles)
    }

    static var corpus: PlantedCorpus { PlantedCorpus(threads: 400, seed: 3) }

    @Test(arguments: [ReportLanguage.english, .french])
    func reportMatchesGoldenFiles(language: ReportLanguage) throws {
        let files = ReportGenerator().generate(messages: Self.corpus.messages, options: Self.options(language))
        let folder = Self.fixtures.appendingPathComponent("golden-\(language.rawValue)")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in files { try Data(file.contents.utf8).write(to: folder.appendingPathComponent(file.name)) }
        }
        let stored = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
            .sorted()
        #expect(stored == files.map(\.name))
        for file in files {
            let golden = try String(contentsOf: folder.appendingPathComponent(file.name), encoding: .utf8)
            #expect(
                golden == file.contents,
                "\(file.name) differs from its golden file; run with UPDATE_GOLDEN=1 after checking the change")
        }
    }
}
