import Foundation
import MailCore

/// A help-center mailbox planted with the 30 topics of `gen_corpus.py`, built the way that
/// generator builds it (thread sizes, Zipf topic weights, 60 % French customers, weekday and
/// hour patterns, greeting + topic sentences + filler), but straight as `MessageSummary` values.
/// `replyText` is what a correct reply extractor leaves: the author's text without quoted
/// history and signature (the agent's text keeps its help-article link, as real replies do).
struct PlantedCorpus {
    var messages: [MessageSummary] = []
    /// Planted topic index of each customer message, by catalog id.
    var topicOf: [String: Int] = [:]
    var threads = 0

    static let team = TeamMatcher(members: ["@helpcenter.example"])

    init(threads threadCount: Int, seed: UInt64, year: Int = 2024) {
        var rng = SeededRandom(seed: seed)
        var pool = SeededRandom(seed: seed ^ 0xC0FFEE)
        let t = PlantedTopicTables.self
        var customers: [(String, String, Bool)] = []
        for _ in 0..<2500 {
            let fr = pool.unit() < 0.6
            let first = pool.pick(fr ? t.firstFr : t.firstEn)
            let last = pool.pick(fr ? t.lastFr : t.lastEn)
            let domain = pool.pick(fr ? t.domFr : t.domEn)
            let local = Self.slug(first) + "." + Self.slug(last) + (pool.unit() < 0.5 ? "" : String(pool.int(1...99)))
            customers.append(("\(first) \(last)", "\(local)@\(domain)", fr))
        }
        let topicWeights = (0..<t.topics.count).map { 1 / pow(Double($0 + 1), 0.8) }
        let start = Int64(CalendarDayForTests.dayNumber(year, 1, 1)) * 86400
        var msgno = 0
        for tno in 1...threadCount {
            let n = 1 + rng.weighted([30, 25, 16, 11, 8, 5, 3, 2])
            let topicIndex = rng.weighted(topicWeights)
            let topic = t.topics[topicIndex]
            let customer = rng.pick(customers)
            let fr = customer.2
            let agent = rng.pick(t.agents)
            let ticket = 100_000 + rng.int(0...899_999)
            var date = start + Self.pickTime(&rng)
            let startsSupport = rng.unit() < 0.65
            var refs: [String] = []
            for k in 0..<n {
                let fromSupport = (k % 2 == 0) == startsSupport
                if k > 0 { date += Int64(Int(rng.logNormal(6.0, 1.3))) * 60 }
                msgno += 1
                let domain = fromSupport ? "helpcenter.example" : String(customer.1.split(separator: "@")[1])
                let mid = StableHash.hex(StableHash.fnv1a64("\(seed):\(msgno)")) + ".\(msgno)@\(domain)"
                let text =
                    fromSupport
                    ? Self.supportText(topic: topic, index: topicIndex, fr: fr, customer: customer.0, ticket: ticket)
                    : Self.customerText(&rng, topic: topic, fr: fr, name: customer.0)
                let subject = Self.subject(&rng, topic: topic, fr: fr, fromSupport: fromSupport, k: k, ticket: ticket)
                let from =
                    fromSupport
                    ? EmailAddress(name: agent.0, address: agent.1)
                    : EmailAddress(name: customer.0, address: customer.1)
                let to =
                    fromSupport
                    ? EmailAddress(name: customer.0, address: customer.1)
                    : EmailAddress(name: "Support", address: "support@helpcenter.example")
                let key = MessageKey(
                    account: "demo", mailbox: "[Gmail]/All Mail", uidValidity: UIDValidity(1), uid: UID(UInt32(msgno)))
                let message = MessageSummary(
                    key: key, messageId: mid, inReplyTo: refs.suffix(1), references: refs, date: date,
                    utcOffsetSeconds: fr ? 3600 : -18000, from: from, to: [to], subject: subject,
                    labels: fromSupport ? ["Sent"] : ["Inbox"], isReply: k > 0,
                    direction: Self.team.direction(of: from), threadId: "thread-\(tno)", size: text.utf8.count + 2000,
                    replyText: text)
                messages.append(message)
                if !fromSupport { topicOf[message.id] = topicIndex }
                refs.append(mid)
            }
        }
        threads = threadCount
    }

    static func pickTime(_ rng: inout SeededRandom) -> Int64 {
        var day = 0
        while true {
            day = rng.int(0...364)
            let weekday = ((day + CalendarDayForTests.dayNumber(2024, 1, 1)) % 7 + 3) % 7
            if rng.unit() < [1.0, 0.95, 0.9, 0.9, 0.8, 0.25, 0.15][weekday] { break }
        }
        let hour = rng.weighted([1, 1, 1, 1, 1, 2, 4, 8, 14, 18, 17, 14, 9, 11, 15, 15, 13, 10, 7, 5, 4, 3, 2, 1])
        return Int64(day) * 86400 + Int64(hour) * 3600 + Int64(rng.int(0...59)) * 60 + Int64(rng.int(0...59))
    }

    static func customerText(_ rng: inout SeededRandom, topic: PlantedTopic, fr: Bool, name: String) -> String {
        let t = PlantedTopicTables.self
        let greeting = rng.pick(fr ? t.greetingsFR : t.greetingsEN)
        let sentences = rng.shuffled(fr ? topic.customerFR : topic.customerEN)
        let filler = fr ? t.frFiller : t.enFiller
        var paragraphs = [
            greeting, (sentences.prefix(rng.int(1...2)) + rng.sample(filler, rng.int(1...3))).joined(separator: " "),
        ]
        for _ in 0..<rng.weighted([15, 35, 25, 15, 10]) {
            paragraphs.append(rng.sample(filler, rng.int(2...4)).joined(separator: " "))
        }
        if rng.unit() < 0.3 {
            paragraphs.append((fr ? "Mon identifiant : " : "My user ID: ") + slug(name) + String(rng.int(10...9999)))
        }
        return paragraphs.joined(separator: "\n\n")
    }

    static func supportText(topic: PlantedTopic, index: Int, fr: Bool, customer: String, ticket: Int) -> String {
        let first = customer.split(separator: " ")[0]
        let slug = topic.key.replacingOccurrences(of: "_", with: "-")
        if fr {
            return
                "Bonjour \(first),\n\nMerci d'avoir contacté le support. Concernant votre demande n°\(ticket), nous vous invitons à \(topic.agentFR).\n\n"
                + "Vous pouvez consulter notre article d'aide : https://helpcenter.example/fr/articles/\(index + 1000)-\(slug)\n\n"
                + "Si le problème persiste, répondez simplement à cet e-mail en précisant votre navigateur et votre système."
        }
        return
            "Hi \(first),\n\nThanks for reaching out to the Help Center. About your request #\(ticket), please \(topic.agentEN).\n\n"
            + "You can also read our help article: https://helpcenter.example/en/articles/\(index + 1000)-\(slug)\n\n"
            + "If the problem persists, simply reply to this email with your browser and operating system."
    }

    static func subject(
        _ rng: inout SeededRandom, topic: PlantedTopic, fr: Bool, fromSupport: Bool, k: Int, ticket: Int
    ) -> String {
        let base = fr ? topic.subjectFR : topic.subjectEN
        if !fromSupport && k == 0 { return base }
        let tagged = fr ? "[Centre d'aide] \(base) (demande n°\(ticket))" : "[Help Center] \(base) (request #\(ticket))"
        if k == 0 { return tagged }
        if fromSupport { return (rng.unit() < 0.8 ? "Re: " : "RE: ") + tagged }
        let r = rng.unit()
        let prefix =
            fr
            ? (r < 0.45 ? "Re: " : r < 0.8 ? "RE : " : r < 0.9 ? "RE: " : r < 0.96 ? "TR: " : "Réf. : ")
            : (r < 0.7 ? "Re: " : r < 0.9 ? "RE: " : r < 0.96 ? "Fwd: " : "FW: ")
        return prefix + tagged
    }

    /// The planted topic key whose English or French subject a subject line carries.
    static func slugTopic(_ subject: String) -> String? {
        PlantedTopicTables.topics.first { subject.contains($0.subjectEN) || subject.contains($0.subjectFR) }?.key
    }

    static func slug(_ s: String) -> String {
        String(
            s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased().filter {
                $0.isLetter || $0.isNumber
            })
    }
}

/// Day numbers for fixtures without going through the code under test.
enum CalendarDayForTests {
    static func dayNumber(_ y: Int, _ m: Int, _ d: Int) -> Int {
        var components = DateComponents()
        components.year = y
        components.month = m
        components.day = d
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return Int(calendar.date(from: components)!.timeIntervalSince1970 / 86400)
    }
}
