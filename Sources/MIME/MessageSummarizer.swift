import MailCore

/// Builds the catalog record of one message from its raw bytes and what the server said.
public enum MessageSummarizer {
    /// Most UTF-8 bytes of body text a summary reads from one message; the reply text is cut
    /// to it too. Help-center mail is a few KB; past this it is pasted logs or an attachment
    /// sent as text. Bodies are decoded only this far (HTML four times as far, see
    /// `MIMEMessage.htmlLimit(forText:)`), so a message's cost stays bounded however large it
    /// is (measured: a sync of 24 text/plain bodies of 4 MB took 2.3 GB and 128 s without it).
    /// The message itself is mirrored whole either way, and `show` reads it whole.
    public static let maxTextBytes = 256 * 1024

    /// Most UTF-8 bytes of reply text kept in a summary. The catalog holds every message's
    /// reply text and reports read the whole catalog, so it is kept smaller than the body text
    /// (which only the index sees, one message at a time); a reply is rarely more than a few KB.
    public static let maxReplyTextBytes = 64 * 1024

    public static func summarize(bytes: [UInt8], metadata: FetchedMetadata, team: TeamMatcher) -> SummarizedMessage {
        let message = MIMEParser.parse(bytes)
        let date = message.date
        let seconds = date?.secondsSince1970 ?? metadata.internalDate ?? 0
        let inReplyTo = message.inReplyTo
        let references = message.references
        let subject = message.subject
        let from = message.from
        let isReply = !inReplyTo.isEmpty || !references.isEmpty || SubjectNormalizer.hasReplyPrefix(subject)

        // The readable body, decoded once (and no further than the limit), serves both the full
        // text and the reply text.
        let limit = maxTextBytes
        let plainParts = message.bodyParts(preferHTML: false)
        let bodyText: String
        let replyText: String
        if !plainParts.contains(where: { $0.contentType.subtype != "html" }),
            let html = message.htmlBody(limit: MIMEMessage.htmlLimit(forText: limit))
        {
            bodyText = HTMLText.convert(html, limit: limit)
            replyText = ReplyExtractor.extract(html: html).utf8Prefix(maxReplyTextBytes)
        } else {
            bodyText = message.textBody(limit: limit)
            replyText = ReplyExtractor.extract(plain: bodyText).utf8Prefix(maxReplyTextBytes)
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
