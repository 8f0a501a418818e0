import MailCore

/// One document per conversation: the thread's enquiry (its first customer message with
/// something to say, plus the subject). The thread's other customer messages in the window
/// follow it; a thread whose customer only said thanks has no document.
struct TopicDocuments {
    struct Document {
        var thread: Int
        /// The message whose text stands for the thread.
        var enquiry: Int
        /// Customer messages of the window in this thread (the topic's members), ascending.
        var members: [Int]
    }

    var documents: [Document] = []

    /// Threads of the given customer messages, in order of their first message.
    init(data: ReportData, messages: [Int]) {
        var membersOf: [Int: [Int]] = [:]
        var order: [Int] = []
        for i in messages {
            let t = data.threadOf[i]
            if membersOf[t] == nil { order.append(t) }
            membersOf[t, default: []].append(i)
        }
        order.sort()
        for t in order {
            let customer = data.threads[t].members.filter { data.messages[$0].direction == .customer }
            // `hasText` is `isBlank` of the reply text, noted as the message was gathered.
            guard let enquiry = customer.first(where: { data.messages[$0].hasText }) ?? customer.first
            else { continue }
            documents.append(Document(thread: t, enquiry: enquiry, members: membersOf[t]!.sorted()))
        }
    }

    static func isBlank(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.properties.isAlphabetic }
    }

    /// The text analysed for a document: its enquiry's reply text (people taken out) and subject.
    static func text(of message: MessageSummary, personal: PersonalText) -> (body: String, subject: String) {
        (personal.strip(message.replyText), personal.maskCodes(cleanSubject(message.subject)))
    }

    /// The same for a message of a report, read back from its source.
    static func text(of message: ReportMessage, personal: PersonalText) -> (body: String, subject: String) {
        let summary = message.summary
        return (
            personal.strip(summary?.replyText ?? ""), personal.maskCodes(cleanSubject(summary?.subject ?? ""))
        )
    }

    /// Drops reply prefixes ("Re:", "TR :", "Fwd:") and bracketed tags ("[Help Center]").
    static func cleanSubject(_ subject: String) -> String {
        var text = subject
        while let open = text.firstIndex(of: "["), let close = text[open...].firstIndex(of: "]") {
            text.removeSubrange(open...close)
        }
        text = String(text.drop(while: { $0 == " " }))
        var changed = true
        while changed {
            changed = false
            let trimmed = text.drop(while: { $0 == " " })
            for prefix in ["re:", "re :", "fwd:", "fw:", "tr:", "tr :", "réf:", "aw:", "rép:", "rép :"]
            where trimmed.lowercased().hasPrefix(prefix) {
                text = String(trimmed.dropFirst(prefix.count))
                changed = true
                break
            }
        }
        return String(text.drop(while: { $0 == " " }))
    }
}
