import FoundationEssentials
import Index
import MailMirror
import Synchronization
import Terminal
import TextBasics
import Zones

/// `mailmirror search QUERY`: offline, Gmail-style.
enum SearchCommand {
    static let spec = CommandSpec(
        "search", abstract: "Search the mirror offline with Gmail's operators.",
        discussion: """
            Words must all match; "exact phrases", OR, -word, (groups), from:, to:, cc:, subject:, body:, \
            after:/before: (YYYY-MM-DD, days in your TZ; before: is exclusive), older_than:/newer_than: (7d, 2m, 1y), \
            has:attachment, filename:, label:, in:<mailbox>, is:reply, is:inbound, is:outbound, thread:, rfc822msgid:. \
            Accents and case do not matter (etudes finds études).
            """,
        arguments: [ArgumentSpec("query", help: "The query (quote it for the shell).", arity: .oneOrMore)],
        options: [
            .option("limit", value: "n", help: "At most this many hits (0 for all).", defaultValue: "50"),
            .flag("json", help: "Print the hits as JSON (see README)."),
            .flag("threads", help: "Group the hits by thread."),
            .option(
                "output", value: "what",
                help:
                    "summary (the hits), messages (their Message-IDs, one a line) or threads (their thread ids, once each).",
                defaultValue: "summary", allowedValues: ["summary", "messages", "threads"]),
            .option(
                "sort", value: "order", help: "relevance or date (newest first).", defaultValue: "relevance",
                allowedValues: ["relevance", "date"]),
        ]
    ) { invocation in
        let values = invocation.values
        // Nil in UTC (`TZ` unset): a search that prints only ids then builds no `TimeZone` at all.
        let setZone = HumanFormat.userTimeZoneIfSet(environment: invocation.environment)
        var options = SearchOptions(
            limit: try values.declaredInt("limit", in: 0...1_000_000),
            sort: values.string("sort") == "date" ? .date : .relevance, timeZone: setZone)
        let what = values.string("output") ?? "summary"
        options.snippets = what == "summary"
        // Ids only: the hits' keys, senders and subjects are not decoded either.
        options.summaries = what == "summary"
        // By hand: the generic `joined(separator:)` instantiated its types at run time, a per cent of a search.
        var query = ""
        for (k, word) in values.strings("query").enumerated() { query += k == 0 ? word : " " + word }
        let hits: [SearchHit]
        do {
            let index = try MailmirrorCommand.mirror(invocation).checkedIndex { invocation.output.warning($0) }
            hits = try index.search(query, options: options)
            keptIndex.withLock { $0 = index }
        } catch let error as QueryError {
            throw UsageError("\(error)\n  \(query)\n  \(String(repeating: " ", count: max(0, error.column - 1)))^")
        }
        let output = invocation.output
        if what != "summary" {
            let ids = what == "messages" ? hits.map { $0.messageId ?? $0.id } : threadIds(hits)
            if values.flag("json") {
                JSONOutput.write(.array(ids.map { .string($0) }), to: output)
            } else if !ids.isEmpty {
                // One write, not one a line; built by hand like the query above.
                var text = ""
                var length = 0
                for id in ids { length += id.utf8.count + 1 }
                text.reserveCapacity(length)
                for id in ids {
                    text += id
                    text += "\n"
                }
                output.write(text, to: .output)
            }
            return .success
        }
        let timeZone = setZone ?? Zone.utc
        if values.flag("json") {
            JSONOutput.write(.array(hits.map { json($0, timeZone: timeZone) }), to: output)
            return .success
        }
        guard !hits.isEmpty else {
            output.line("No messages match.")
            return .success
        }
        let groups = values.flag("threads") ? SearchHit.groupedByThread(hits).map(\.hits) : [hits]
        let style = output.style
        for (index, group) in groups.enumerated() {
            if values.flag("threads") {
                if index > 0 { output.line() }
                output.line(
                    style.apply(
                        .bold, to: "Thread \(group[0].threadId) (\(group.count) hit\(group.count == 1 ? "" : "s"))"))
            }
            var table = Table(columns: [
                .init("DATE"), .init("FROM"), .init("SUBJECT", flexible: true), .init("SNIPPET", flexible: true),
                .init("ID"),
            ])
            for hit in group {
                table.append([
                    HumanFormat.date(Date(timeIntervalSince1970: TimeInterval(hit.date)), timeZone: timeZone),
                    hit.from.map { $0.name ?? $0.address } ?? "", hit.subject, marked(hit, style: style), hit.id,
                ])
            }
            output.write(table.render(for: output.capabilities), to: .output)
        }
        return .success
    }

    /// The index the last search read, kept until the process exits: the exit then takes its segments'
    /// mappings down with the rest, instead of one `munmap` each when the search returns (about 4% of a
    /// search's CPU time on a 10,000-message mirror, by perf). A command runs once per process; a process
    /// that ran several would keep only the last one open.
    static let keptIndex = Mutex<SearchIndex?>(nil)

    /// Each hit's thread id, once, in the order of the hits.
    static func threadIds(_ hits: [SearchHit]) -> [String] {
        var seen: Set<String> = []
        return hits.map(\.threadId).filter { seen.insert($0).inserted }
    }

    /// The snippet with the hits in bold on a terminal, between «» otherwise.
    static func marked(_ hit: SearchHit, style: Style) -> String {
        let characters = Array(hit.snippet.replacingAll("\n", with: " "))
        var result = ""
        var position = 0
        for highlight in hit.highlights.sorted(by: { $0.offset < $1.offset }) where highlight.offset >= position {
            let end = min(characters.count, highlight.offset + highlight.length)
            guard highlight.offset < end else { continue }
            result += String(characters[position..<highlight.offset])
            let word = String(characters[highlight.offset..<end])
            result += style.bold.isEmpty ? "«\(word)»" : style.apply(.bold, .yellow, to: word)
            position = end
        }
        result += String(characters[min(position, characters.count)...])
        return result
    }

    /// `search --json`: id, account, mailbox, uidvalidity, uid, messageId, threadId, date, from, subject, snippet, score.
    static func json(_ hit: SearchHit, timeZone: Zone) -> JSONValue {
        .object([
            ("id", .string(hit.id)), ("account", .string(hit.account)), ("mailbox", .string(hit.mailbox)),
            ("uidvalidity", .int(Int(hit.uidValidity.rawValue))), ("uid", .int(Int(hit.uid.rawValue))),
            ("messageId", hit.messageId.map { .string($0) } ?? .null), ("threadId", .string(hit.threadId)),
            ("date", MessageJSON.date(hit.date, timeZone: timeZone)), ("from", MessageJSON.address(hit.from)),
            ("subject", .string(hit.subject)), ("snippet", .string(hit.snippet)),
            ("score", .double((hit.score * 10_000).rounded() / 10_000)),
        ])
    }
}
