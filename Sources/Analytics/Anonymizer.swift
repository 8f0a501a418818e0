import FoundationEssentials
import TextAnalysis
import TextBasics

/// Masks what identifies people in text shown in a report (`--anonymize`): e-mail addresses,
/// phone numbers, postal addresses ("12 rue des Lilas, 69003 Lyon"), order, ticket and tracking
/// codes ("CMD-457088"), the names seen in the mailbox's headers, and the name left after a
/// sign-off ("Bien à vous, Céline").
enum Anonymizer {
    struct Masks {
        var email = "[email]"
        var phone = "[phone]"
        var name = "[name]"
        var code = "[code]"
        var address = "[address]"
    }

    /// Lines of a message: postal addresses first (a signature's "9 rue du Port, 06400 Cannes" is one
    /// address, not three capitalised words), then the sign-off's line and those after it lose their
    /// capitalised words (the signature's name), then each line is masked.
    static func mask(lines: [String], names: PersonalText, masks: Masks = Masks()) -> [String] {
        var out = lines.map { PersonalText.maskStreets($0, mask: masks.address) }
        if let cut = PersonalText.signOffLine(out) {
            for k in cut..<out.count { out[k] = maskCapitalised(out[k], masks.name) }
            // A name alone on a line after the closing, in any case ("Cheers" then "oliver").
            for k in (cut + 1)..<out.count {
                let words = out[k].split(separator: " ").map(String.init)
                guard (1...3).contains(words.count),
                    words.allSatisfy({ isNameLike($0.trimmed(.punctuationCharacters)) })
                else { continue }
                out[k] = words.map { word in
                    word.replacingAll(word.trimmed(.punctuationCharacters), with: masks.name)
                }.joined(separator: " ")
            }
        }
        return out.map { mask($0, names: names, masks: masks) }
    }

    /// One text: postal addresses, e-mail addresses, phones, codes and known names. A known name is
    /// masked when capitalised, and in lower case too right after a greeting or a closing ("merci
    /// fatima", "cheers aurélie"), where a name is what follows; elsewhere a lower-case "bill" or
    /// "pierre" is a word.
    static func mask(_ text: String, names: PersonalText, masks: Masks = Masks()) -> String {
        let masked = mask(
            PersonalText.maskStreets(text, mask: masks.address), emailMask: masks.email, phoneMask: masks.phone)
        var words: [String] = []
        var recent: [String] = []  // the last few words, folded, to find a greeting or closing before a name
        var nameMayFollow = 0  // words left in which a lower-case known name is still a name
        for piece in masked.split(separator: " ", omittingEmptySubsequences: false) {
            let core = piece.trimmed(.punctuationCharacters)
            let folded = Folding.fold(core)
            if isCode(Substring(core)) {
                words.append(piece.replacingAll(core, with: masks.code))
            } else if !core.isEmpty, core.first!.isUppercase || nameMayFollow > 0, names.isName(folded) {
                words.append(piece.replacingAll(core, with: masks.name))
            } else {
                words.append(String(piece))
            }
            nameMayFollow = max(0, nameMayFollow - 1)
            guard !folded.isEmpty else { continue }
            recent = Array((recent + [folded]).suffix(3))
            if endsWithAddress(recent) { nameMayFollow = 2 }
        }
        maskTrailingName(&words, masks.name)
        return words.joined(separator: " ")
    }

    /// A text that ends with a closing and one or two words ("… Merci julien", "Cheers mia!") ends with
    /// its writer's name, even when no header of the mailbox showed it: those words are masked, unless
    /// they are ordinary words ("thanks in advance", "merci beaucoup", "cheers again").
    static func maskTrailingName(_ words: inout [String], _ nameMask: String) {
        let end = words.lastIndex { !$0.isEmpty }.map { $0 + 1 } ?? 0
        for length in [2, 1] where end - length >= 1 {
            let name = words[(end - length)..<end].map { $0.trimmed(.punctuationCharacters) }
            guard name.allSatisfy(isNameLike) else { continue }
            let before = words[max(0, end - length - 3)..<(end - length)].map {
                Folding.fold($0.trimmed(.punctuationCharacters))
            }
            // A closing, but not "Sent from my" (a device follows it, not a name).
            let closes = (1...before.count).contains { k in
                let phrase = before.suffix(k).joined(separator: " ")
                return PersonalText.foldedClosings.contains(phrase) && !Self.deviceClosings.contains(phrase)
            }
            // "merci d'avance", "many thanks": the text ends with a longer closing, not a name.
            let tail = before + name.map(Folding.fold)
            let endsWithClosing = (length...tail.count).contains { k in
                PersonalText.foldedClosings.contains(tail.suffix(k).joined(separator: " "))
            }
            guard closes, !endsWithClosing else { continue }
            for k in (end - length)..<end {
                let core = words[k].trimmed(.punctuationCharacters)
                words[k] = words[k].replacingAll(core, with: nameMask)
            }
            return
        }
    }

    private static let deviceClosings: Set<String> = ["sent from my", "envoye de mon"]

    /// Letters only (a hyphen or an apostrophe inside), two or more, and not a word the topics know
    /// (a stop word or a word of the concept lexicon): what a first or last name looks like.
    private static func isNameLike(_ word: String) -> Bool {
        guard word.count >= 2, word.first!.isLetter, word.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "'" })
        else { return false }
        let folded = Folding.fold(word)
        return TopicStopWords.flags[folded] == nil && ConceptLexicon.shared.phrases[[Stemmer.stem(folded)]] == nil
            && !PersonalText.foldedClosings.contains(folded)
    }

    /// The words end with a greeting or a closing ("bonjour", "thank you", "bien à vous").
    private static func endsWithAddress(_ recent: [String]) -> Bool {
        for length in 1...recent.count {
            let phrase = recent.suffix(length).joined(separator: " ")
            if addressPhrases.contains(phrase) { return true }
        }
        return false
    }

    private static let addressPhrases = Set(PersonalText.foldedGreetings + PersonalText.foldedClosings)

    /// Letters and at least three digits mixed ("CMD-457088", "1Z999AA1012"), or five digits or
    /// more: an order, ticket or tracking code. "Error 401", "5.2.1" and "2024" are not.
    static func isCode(_ chunk: Substring) -> Bool {
        var digits = 0
        var letters = 0
        for c in chunk {
            if c.isASCII && c.isNumber { digits += 1 } else if c.isLetter { letters += 1 }
        }
        return (letters > 0 && digits >= 3) || (letters == 0 && digits >= 5 && !chunk.contains("."))
    }

    /// Titles and field names that a signature's lines start with; they name no one.
    static let keptInSignatures: Set<String> = [
        "m", "mme", "mlle", "mr", "mrs", "ms", "dr", "madame", "monsieur", "tel", "tél", "mob", "mobile", "portable",
        "phone", "fax", "email", "e-mail", "courriel", "adresse", "address",
    ]

    /// A signature line with its capitalised words masked; a closing it starts with stays ("Bien à vous,",
    /// "Merci d'avance."), and so do titles and field names ("M.", "Tél :").
    private static func maskCapitalised(_ line: String, _ nameMask: String) -> String {
        var pieces = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let folded = Folding.fold(line.trimmed(.whitespaces))
        var start = pieces.prefix { $0.isEmpty }.count
        if let closing = PersonalText.foldedClosings.filter({ PersonalText.startsWithPhrase(folded, $0) }).max(by: {
            $0.count < $1.count
        }) {
            start += closing.split(separator: " ").count
        }
        for k in start..<pieces.count where pieces[k].first?.isUppercase == true {
            let core = pieces[k].trimmed(.punctuationCharacters)
            if keptInSignatures.contains(Folding.fold(core)) || pieces[k].hasSuffix(":")
                || (k + 1 < pieces.count && pieces[k + 1] == ":")
            {
                continue
            }
            pieces[k] = nameMask + String(pieces[k].reversed().prefix { ",.;:!".contains($0) }.reversed())
        }
        return pieces.joined(separator: " ")
    }

    static func mask(_ text: String, emailMask: String = "[email]", phoneMask: String = "[phone]") -> String {
        // E-mail addresses: any whitespace-delimited chunk holding "@" with a dot after it.
        var words: [String] = []
        for piece in text.split(separator: " ", omittingEmptySubsequences: false) {
            if let at = piece.firstIndex(of: "@"), piece[at...].contains("."),
                piece.distance(from: piece.startIndex, to: at) > 0
            {
                let leading = piece.prefix { "<([\"'".contains($0) }
                let trailing = String(piece.reversed().prefix { ">)].,;:\"'".contains($0) }.reversed())
                words.append(String(leading) + emailMask + trailing)
            } else {
                words.append(String(piece))
            }
        }
        return maskPhones(words.joined(separator: " "), phoneMask)
    }

    /// Runs of at least 8 digits, possibly with a leading "+" and spaces, dots, dashes or parentheses between.
    private static func maskPhones(_ text: String, _ phoneMask: String) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isASCII && (c.isNumber || (c == "+" && i + 1 < chars.count && chars[i + 1].isNumber) || c == "(") {
                var j = i
                var digits = 0
                var lastDigit = i
                while j < chars.count {
                    let d = chars[j]
                    if d.isASCII && d.isNumber {
                        digits += 1
                        lastDigit = j
                    } else if !(d == " " || d == "." || d == "-" || d == "(" || d == ")" || (d == "+" && j == i)) {
                        break
                    }
                    j += 1
                }
                if digits >= 8 {
                    out += phoneMask
                    i = lastDigit + 1
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }
}
