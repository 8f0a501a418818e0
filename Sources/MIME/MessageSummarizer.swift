import MailCore

/// Builds the catalog record of one message from its raw bytes and what the server said.
public enum MessageSummarizer {
    public static func summarize(bytes: [UInt8], metadata: FetchedMetadata, team: TeamMatcher) -> SummarizedMessage {
        let message = MIMEParser.parse(bytes)
        let date = message.date
        let seconds = date?.secondsSince1970 ?? metadata.internalDate ?? 0
        let inReplyTo = message.inReplyTo
        let references = message.references
        let subject = message.subject
        let from = message.from
        let isReply = !inReplyTo.isEmpty || !references.isEmpty || SubjectNormalizer.hasReplyPrefix(subject)

        // The readable body, decoded once, serves both the full text and the reply text.
        let plainParts = message.bodyParts(preferHTML: false)
        let bodyText: String
        let replyText: String
        if plainParts.contains(where: { $0.contentType.subtype != "html" }) {
            bodyText = plainParts.map { $0.contentType.subtype == "html" ? HTMLText.convert($0.text) : $0.text }.joined(separator: "\n")
            replyText = ReplyExtractor.extract(plain: bodyText)
        } else if let html = message.htmlBody {
            bodyText = HTMLText.convert(html)
            replyText = ReplyExtractor.extract(html: html)
        } else {
            bodyText = message.textBody
            replyText = ReplyExtractor.extract(plain: bodyText)
        }
        let summary = MessageSummary(
            key: metadata.key,
            messageId: message.messageId,
            inReplyTo: inReplyTo,
            references: references,
            gmailMessageId: metadata.gmailMessageId,
            gmailThreadId: metadata.gmailThreadId,
            date: seconds,
            utcOffsetSeconds: date?.utcOffsetSeconds ?? 0,
            from: from,
            to: message.to,
            cc: message.cc,
            subject: subject,
            labels: metadata.labels,
            flags: metadata.flags,
            isReply: isReply,
            direction: team.direction(of: from),
            threadId: "",
            size: metadata.size,
            attachments: message.attachments,
            replyText: replyText
        )
        return SummarizedMessage(summary: summary, bodyText: bodyText)
    }
}
