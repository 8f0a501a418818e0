/// Line classifiers for reply extraction: quoted lines, quote headers in several languages,
/// Outlook header blocks, separators and signatures.
enum QuoteLines {
    static func isBlank(_ line: Substring) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }
    }

    /// "> text", " > text" (but not ">>> >>> link <<<" banners that close their arrows).
    static func isQuoted(_ line: Substring) -> Bool {
        let utf8 = line.utf8
        guard let first = utf8.first(where: { $0 != 0x20 && $0 != 0x09 }), first == UInt8(ascii: ">") else {
            return false
        }
        // ">>> link <<<" banners close their arrows.
        var run = 0
        for byte in utf8 {
            if byte == UInt8(ascii: "<") {
                run += 1
                if run == 3 { return false }
            } else {
                run = 0
            }
        }
        return true
    }

    /// Lower-cased, trimmed, with surrounding "-", "*" and spaces removed.
    static func normalized(_ line: Substring) -> String {
        let junk: (Character) -> Bool = {
            $0 == " " || $0 == "\t" || $0 == "-" || $0 == "*" || $0 == "_" || $0 == "\u{A0}" || $0 == "\u{200B}"
        }
        var value = String(line.lowercased().drop(while: junk))
        // removeLast on a String: dropLast on a Substring in a loop is quadratic.
        while let last = value.last, junk(last) { value.removeLast() }
        return value
    }

    /// Verbs that end a quote header, language by language.
    static let headerEndings: [String] = [
        "wrote:", "wrote :", "writes:", "sent:", "wrote", "a écrit :", "a écrit:", "a écrit", "a ecrit :", "a ecrit:",
        "schrieb:", "schrieb :", "schreef:", "het volgende geschreven:", "geschreven:", "escribió:", "escribio:",
        "ha scritto:", "escreveu:", "skrev:", "skrev følgende:", "napisał:", "napisal:", "kirjoitti:",
        "написал:", "написала:", "написал(а):", "napisał(a):", "napisal(a):", "đã viết:", "yazdı:", "írta:",
        "wrote ----",
        "napsal(a):", "napsal:", "napsala:", "pisze:", "пишет:",
    ]
    /// Words that start a quote header.
    static let headerStarts: [String] = [
        "on ", "le ", "am ", "el ", "il ", "op ", "em ", "w dniu", "den ", "på ", "vào ", "the ", "quoting ",
        "citando ",
        "zitat von", "lähettäjä", "dne ", "dnia ",
    ]

    /// The number of lines (1-3, or up to 6 with blank lines for "On <date>") of a quote header
    /// starting at `index`, or nil.
    static func quoteHeaderSpan(_ lines: [Substring], at index: Int) -> Int? {
        let first = lines[index]
        if first.utf8.count > 400 || isBlank(first) { return nil }
        // The header's lines so far, joined with spaces only when one could end a header.
        var parts: [Substring] = []
        var joinedCount = -1
        // "On <date> Name" may be followed by blank lines before "<address> wrote:" (Polymail).
        let leading = first.utf8.drop { $0 == 0x20 || $0 == 0x09 }.prefix(3).map { $0 | 0x20 }
        let allowsBlanks = leading == [0x6F, 0x6E, 0x20] && hasDateLikeNumber(String(first))
        var startsLikeHeader: Bool?
        for span in 1...(allowsBlanks ? 6 : 3) {
            let position = index + span - 1
            guard position < lines.count else { return nil }
            let line = lines[position]
            if span > 1 && isBlank(line) && allowsBlanks { continue }
            if span > 1 && (isBlank(line) || (isQuoted(line) && !line.hasPrefix(">:") && !line.hasPrefix("> wrote"))) {
                return nil
            }
            parts.append(line)
            joinedCount += 1 + line.utf8.count
            if joinedCount > 600 { return nil }
            // Every header ends with ":", ">", "wrote", "a écrit" or a dash rule: skip the rest cheaply.
            if !mayEndQuoteHeader(line) { continue }
            if span > 1 {
                // A header broken over lines starts like one: "On …", "Le …", a date, an address.
                if startsLikeHeader == nil {
                    let head = normalized(first)
                    startsLikeHeader =
                        headerStarts.contains { head.hasPrefix($0) } || head.first?.isNumber == true
                        || head.contains(Character("@")) || head.hasSuffix("<") || hasDateLikeNumber(head)
                }
                if startsLikeHeader == false { return nil }
            }
            let dashed = first.drop { $0 == " " || $0 == "\t" }.hasPrefix("-")
            if isQuoteHeader(normalized(parts.joined(separator: " ")[...]), dashed: dashed) { return span }
        }
        return nil
    }

    /// The author's words when the header found at `index` starts inside its first line, after a
    /// sentence ("Thanks! On Wed, Nov 16, 2016 at 2:22 AM, X <x@y> wrote:"); nil when the line
    /// starts with the header.
    static func textBeforeHeader(_ lines: [Substring], at index: Int, span: Int) -> Substring? {
        let line = lines[index]
        let head = normalized(line)
        if headerStarts.contains(where: { head.hasPrefix($0) }) || head.first?.isNumber == true { return nil }
        let rest = lines[(index + 1)..<(index + span)]
        var position = line.startIndex
        while let mark = line[position...].firstIndex(where: { $0 == "." || $0 == "!" || $0 == "?" }) {
            // A sentence's end: a word before the mark ("message.", not "20." or "17.50").
            let before = mark > line.startIndex ? line[line.index(before: mark)] : " "
            position = line.index(after: mark)
            guard before.isLetter else { continue }
            let tail = line[position...].drop { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }
            // After "." a capital ("Thanks. On …"); a digit only after "!" or "?" ("tir. 18. apr. 2017 kl. 13:09
            // skrev …" is one header, its weekday abbreviated).
            guard let first = tail.first,
                first.isUppercase || (first.isNumber && tail.startIndex > position && line[mark] != ".")
            else { continue }
            let candidate = normalized(([tail] + rest).joined(separator: " ")[...])
            if headerStarts.contains(where: { candidate.hasPrefix($0) }) || first.isNumber, isQuoteHeader(candidate) {
                return line[..<position]
            }
        }
        return nil
    }

    /// Whether a line ends the way a quote header does: ":", ">", "-", "*", "wrote", "écrit"/"ecrit",
    /// or a non-ASCII character (other scripts). Byte-level, so most lines are ruled out cheaply.
    static func mayEndQuoteHeader(_ line: Substring) -> Bool {
        var tail = [UInt8]()
        for byte in line.utf8.reversed() {
            if tail.isEmpty && (byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0xA0 || byte == 0xC2) {
                continue
            }
            tail.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            if tail.count == 5 { break }
        }
        guard let last = tail.first else { return false }
        if last == UInt8(ascii: ":") || last == UInt8(ascii: ">") || last == UInt8(ascii: "-")
            || last == UInt8(ascii: "*") || last >= 0x80
        {
            return true
        }
        // Reversed "wrote" is "etorw"; reversed "crit" (écrit/ecrit) is "tirc".
        if tail.starts(with: Array("etorw".utf8)) { return true }
        if tail.starts(with: Array("tirc".utf8)) { return true }
        return false
    }

    static func isQuoteHeader(_ text: String, dashed: Bool = false) -> Bool {
        guard text.count >= 6 else { return false }
        var ending = false
        for candidate in headerEndings where text.hasSuffix(candidate) {
            ending = true
            break
        }
        if ending {
            if headerStarts.contains(where: { text.hasPrefix($0) }) { return true }
            // "John Smith wrote:", "Sent from Samsung MobileName <a@b> wrote:", "2011/4/7 Nathan <a@b>"…
            if text.contains(Character("@")) || hasDateLikeNumber(text) { return true }
            // A short "Name wrote:" line.
            return text.count < 80 && !text.contains(Character(".")) && text.split(separator: " ").count <= 8
                && (text.hasSuffix(":") || dashed)
        }
        // "2011/4/7 Nathan <support@example.com>" (Gmail's old numeric form, no verb).
        if text.hasSuffix(">"), let first = text.first, first.isNumber, text.contains(Character("@")), text.count < 200
        {
            let head = text.prefix { $0 != " " }
            if head.contains(Character("/")) || head.contains(Character("-")) || head.contains(Character(".")) {
                return true
            }
        }
        // "Am 16.11.2016 um 02:22 schrieb Name:", "Op 16-11-2016 om 02:22 schreef Name:", "Den 2016-11-16 kl.
        // 02:22, skrev Name:", "Name <a@b> wrote on 16/11/2016 02:22:30:" (Lotus): the verb before the name, so no
        // ending above matches; a date and a time are required, as every client writes both.
        if text.hasSuffix(":"), text.count < 200, hasClockTime(text), hasDateLikeNumber(text),
            headerStarts.contains(where: { text.hasPrefix($0) }) || text.first?.isNumber == true
                || text.contains(" wrote on "),
            middleVerbs.contains(where: { text.contains($0) })
        {
            return true
        }
        // "2016-03-03 17:21 GMT+01:00 Name:" (Gmail's numeric form, the address left out or on the next line).
        if text.hasSuffix(":"), text.count < 120, text.split(separator: " ").count <= 9,
            startsWithNumericDateAndTime(text)
        {
            return true
        }
        // "2014-10-17 11:28 GMT+03:00 Postmaster <postmaster@x.org>:" and "Am 24.02.2015 um 22:48 schrieb X <x@y>:"
        // "ср, 30 апр. 2025 г. в 15:19, John Doe <doe@example.com>:", "Wednesday, 17 November 2021, 3:32 PM +0300 from a@b <a@b>:"
        if text.hasSuffix(">:") || text.hasSuffix("> :") {
            if text.contains(Character("@")), hasDateLikeNumber(text) { return true }
        }
        return false
    }

    /// Verbs that some clients put between the date and the name ("… um 02:22 schrieb Jean Dupont:").
    static let middleVerbs: [String] = [
        " schrieb ", " schreef ", " skrev ", " wrote on ", " escribió ", " ha scritto ", " escreveu ", " a écrit ",
        " napisał ", " kirjoitti ", " написал ", " пишет ",
    ]

    /// A clock time somewhere: "02:22", "2:22", "02.22" after "kl.", "14h05".
    static func hasClockTime(_ text: String) -> Bool {
        let chars = Array(text.utf8)
        guard chars.count >= 4 else { return false }
        for i in 1..<(chars.count - 2)
        where chars[i] == UInt8(ascii: ":") || chars[i] == UInt8(ascii: "h") || chars[i] == UInt8(ascii: ".") {
            let before = chars[i - 1]
            let after = chars[i + 1]
            let after2 = chars[i + 2]
            let isDigit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
            guard isDigit(before), isDigit(after), isDigit(after2) else { continue }
            // Not a date's "16.11.2016": the two digits after the mark are not followed by another mark and digits.
            if chars[i] == UInt8(ascii: "."), i + 4 < chars.count, chars[i + 3] == UInt8(ascii: "."),
                isDigit(chars[i + 4])
            {
                continue
            }
            if i + 3 < chars.count, isDigit(chars[i + 3]) { continue }
            return true
        }
        return false
    }

    /// "2016-03-03 17:21 …", "03/03/2016 17:21 …", "2016.03.03 17.21 …": a numeric date, then a time.
    static func startsWithNumericDateAndTime(_ text: String) -> Bool {
        let words = text.split(separator: " ", maxSplits: 2)
        guard words.count >= 2 else { return false }
        let date = words[0].split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        guard date.count == 3, date.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isNumber) }),
            date.contains(where: { $0.count == 4 }) || date[2].count == 2
        else { return false }
        let time = words[1].trimmingCharacters(in: ",")
        let parts = time.split(whereSeparator: { $0 == ":" || $0 == "." || $0 == "h" })
        return parts.count >= 2 && parts.count <= 3 && parts.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isNumber) }
    }

    static func hasDateLikeNumber(_ text: String) -> Bool {
        var digits = 0
        for character in text {
            if character.isNumber {
                digits += 1
                if digits >= 2 { return true }
            } else {
                digits = 0
            }
        }
        return false
    }

    /// "-----Original Message-----", forwarded banners, "Begin forwarded message:".
    static let separatorPhrases: [String] = [
        "original message", "message d'origine", "message d’origine", "ursprüngliche nachricht",
        "ursprungliche nachricht",
        "mensaje original", "messaggio originale", "oorspronkelijk bericht", "oprindelig besked",
        "oprindelig meddelelse",
        "opprinnelig melding", "ursprungligt meddelande", "alkuperäinen viesti", "mensagem original",
        "originalnachricht",
        "forwarded message", "message transféré", "message transfere", "weitergeleitete nachricht", "mensaje reenviado",
        "messaggio inoltrato", "doorgestuurd bericht", "mensagem encaminhada", "videresendt meddelelse",
        "исходное сообщение",
        "пересылаемое сообщение", "original message follows", "reply message", "forwarded by",
        "vidarebefordrat meddelande",
        "videresendt melding", "välitetty viesti", "message transféré",
    ]

    /// Lower-case starts of the separator lines that begin with a letter.
    static let separatorWordStarts: [[UInt8]] = ["begin", "forwa", "origi", "début", "debut", "messa"].map {
        Array($0.utf8)
    }

    static func isSeparator(_ lines: [Substring], at index: Int) -> Bool {
        let line = lines[index]
        guard line.utf8.count < 120 else { return false }
        let head = line.utf8.drop { $0 == 0x20 || $0 == 0x09 }.prefix(6).map {
            $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0
        }
        if let first = head.first, (first >= 0x61 && first <= 0x7A) || first >= 0x80 {
            guard separatorWordStarts.contains(where: { head.starts(with: $0) }) else { return false }
        }
        let raw = line.trimmingCharacters(in: " \t\u{A0}")
        let text = normalized(line)
        if raw.hasPrefix("--") || raw.hasPrefix("__") || raw.hasPrefix("=") || raw.hasPrefix("***") {
            for phrase in separatorPhrases
            where text.hasPrefix(phrase) || text.hasSuffix(phrase) || text == phrase + ":" { return true }
        }
        if text == "begin forwarded message:" || text == "forwarded message:" || text == "message transféré :"
            || text == "forwarded message" || text == "début du message réexpédié :"
            || text == "début du message réexpédié:"
            || text == "original message" || text.hasPrefix("-----original message") || text == "original message:"
        {
            return true
        }
        // A rule of underscores or dashes directly above an Outlook header block.
        if raw.count >= 3, raw.allSatisfy({ $0 == "_" || $0 == "-" || $0 == "=" || $0 == "*" }) {
            var next = index + 1
            while next < lines.count, isBlank(lines[next]) { next += 1 }
            if next < lines.count, headerField(lines[next]) != nil, raw.count >= 10 || isHeaderBlock(lines, at: next) {
                return true
            }
        }
        return false
    }

    /// Header-block field names: From/Sent/To/Subject/Date in the languages Outlook speaks.
    static let fromNames: Set<String> = [
        "from", "message du", "de", "von", "van", "da", "fra", "från", "od", "feladó", "lähettäjä", "от", "enviado por",
        "remitente",
    ]
    static let otherNames: Set<String> = [
        "sent", "date", "to", "subject", "cc", "envoyé", "envoye", "date d'envoi", "à", "a", "objet", "gesendet",
        "datum", "an", "betreff", "enviado", "fecha", "para", "asunto", "inviato", "data", "oggetto",
        "verzonden", "aan", "onderwerp", "sendt", "til", "emne", "dato", "skickat", "till", "ämne",
        "wysłane", "do", "temat", "lähetetty", "vastaanottaja", "aihe", "отправлено", "кому", "тема",
        "reply-to", "répondre à", "copie à", "cci", "kopie", "assunto", "enviada", "sent by",
    ]

    /// The lower-cased field name when `line` looks like "Name: value" or "*Name:* value".
    static func headerField(_ line: Substring) -> String? {
        var text = line.drop { $0 == " " || $0 == "\t" || $0 == "*" || $0 == ">" }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = text[..<colon].trimmingCharacters(in: " \t*\u{A0}").lowercased()
        guard !name.isEmpty, name.count <= 20 else { return nil }
        text = text[text.index(after: colon)...]
        if fromNames.contains(name) || otherNames.contains(name) { return name }
        return nil
    }

    /// "From: … / Sent: … / To: … / Subject: …" (two or more fields within a few lines, the
    /// first being From or Date or Sent).
    static func isHeaderBlock(_ lines: [Substring], at index: Int) -> Bool {
        guard let first = headerField(lines[index]) else { return false }
        guard fromNames.contains(first) || first == "date" || first == "sent" || first == "envoyé" || first == "datum"
        else { return false }
        var fields: Set<String> = [first]
        var position = index + 1
        var scanned = 0
        while position < lines.count, scanned < 6 {
            let line = lines[position]
            if let name = headerField(line) {
                fields.insert(name)
                if fields.count >= 2 { return true }
            } else if isBlank(line) && scanned > 0 {
                break
            }
            position += 1
            scanned += 1
        }
        return false
    }

    /// Mobile and client signatures that end the new text.
    static let signaturePrefixes: [String] = [
        "sent from my ", "sent from samsung", "sent from yahoo mail", "sent from mail for windows", "sent from outlook",
        "sent from gmail", "sent with ", "sent via ", "get outlook for ", "envoyé de mon ", "envoyé depuis mon ",
        "envoyé depuis ",
        "envoyé à partir de ", "envoye de mon ", "télécharger outlook pour ", "obtenir outlook pour ", "von meinem ",
        "gesendet von meinem ", "gesendet von outlook", "gesendet vom ", "gesendet mit ", "enviado desde mi ",
        "enviado desde ", "enviado do meu ", "inviato da ",
        "inviato dal mio ", "verzonden vanaf mijn ", "verstuurd vanaf mijn ", "sendt fra min ", "skickat från min ",
        "sent from a mobile", "sent from iphone", "sent from ipad", "sent from android",
    ]

    /// The first two letters (lower-cased) of every signature prefix: a cheap first test.
    static let signatureStarts: Set<UInt16> = Set(
        signaturePrefixes.map { prefix in
            let bytes = Array(prefix.utf8)
            return UInt16(bytes[0]) << 8 | UInt16(bytes[1])
        })

    static func isSignatureStart(_ lines: [Substring], at index: Int) -> Bool {
        let line = lines[index]
        if line == "-- " || line == "--" || line == "-- \r" || line == "__ " {
            return true
        }
        guard line.utf8.count < 90 else { return false }
        let letters = line.utf8.drop {
            $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "_")
        }.prefix(2)
            .map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        guard letters.count == 2, signatureStarts.contains(UInt16(letters[0]) << 8 | UInt16(letters[1])) else {
            return false
        }
        let text = normalized(line)
        for prefix in signaturePrefixes where text.hasPrefix(prefix) {
            // Short: a client's tag line, not a sentence that starts the same way.
            let words = text.split(separator: " ").count
            if words <= 9 && !text.contains(Character(",")) { return true }
        }
        if text.hasSuffix("gesendet") && text.hasPrefix("von meinem") { return true }
        // "Sent from TypeApp", "Sent from Mailbird": a short tag line naming an app.
        if text.hasPrefix("sent from ") && text.split(separator: " ").count <= 4 && !text.contains(Character(",")) {
            return true
        }
        return false
    }
}
