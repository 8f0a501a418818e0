import MailCore

/// One document per conversation: the thread's enquiry (its first customer message with
/// something to say, plus the subject). The thread's other customer messages in the window
/// follow it; a thread whose customer only said thanks has no document.
struct TopicDocuments {
    /// 24 bytes: numbers in 32 bits and a range of the shared table (a slice held in each was 48 bytes, 7 MB
    /// of a report at 1,000,000 messages).
    struct Document {
        /// The members of every document of the window, thread after thread.
        private let table: [Int32]
        private let threadNumber: Int32
        private let enquiryNumber: Int32
        private let start: Int32
        private let end: Int32

        init(thread: Int, enquiry: Int, members: Range<Int>, of table: [Int32]) {
            self.table = table
            threadNumber = Int32(thread)
            enquiryNumber = Int32(enquiry)
            start = Int32(members.lowerBound)
            end = Int32(members.upperBound)
        }

        var thread: Int { Int(threadNumber) }
        /// The message whose text stands for the thread.
        var enquiry: Int { Int(enquiryNumber) }
        /// Customer messages of the window in this thread (the topic's members), ascending: read from one
        /// table of 32-bit numbers shared by every document of the window, not an array each.
        var members: [Int] { table[Int(start)..<Int(end)].map { Int($0) } }
        var memberCount: Int { Int(end - start) }
    }

    var documents: [Document] = []

    /// Threads of the given customer messages (ascending, as `ReportModel` lists them), in order of their
    /// first message. The members of all of them are one table, laid out thread after thread by counting,
    /// not a dictionary of an array per thread.
    init(data: ReportData, messages: some Collection<Int>) {
        var starts = [Int32](repeating: 0, count: data.threads.count + 1)
        for i in messages { starts[data.threadOf[i] + 1] += 1 }
        for t in data.threads.indices { starts[t + 1] += starts[t] }
        var table = [Int32](repeating: 0, count: messages.count)
        do {
            var filled = starts
            for i in messages {
                let t = data.threadOf[i]
                table[Int(filled[t])] = Int32(i)
                filled[t] += 1
            }
        }
        // Every thread's members sorted before any document takes a slice: sorting in place while a slice
        // shares the table would copy the whole table each time.
        for t in data.threads.indices where starts[t + 1] - starts[t] > 1 {
            table[Int(starts[t])..<Int(starts[t + 1])].sort()
        }
        for t in data.threads.indices where starts[t + 1] > starts[t] {
            let thread = data.threads[t]
            // `hasText` is `isBlank` of the reply text, noted as the message was gathered.
            let enquiry =
                thread.members.first { data.messages[$0].direction == .customer && data.messages[$0].hasText }
                ?? thread.members.first { data.messages[$0].direction == .customer }
            guard let enquiry else { continue }
            documents.append(
                Document(thread: t, enquiry: enquiry, members: Int(starts[t])..<Int(starts[t + 1]), of: table))
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
