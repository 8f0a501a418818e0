/// Stop words for topics: TextAnalysis's French and English lists plus the greetings, closings,
/// politeness and help-desk small talk that every customer message carries and that say nothing
/// about its topic (folded, unstemmed).
import TextAnalysis

enum TopicStopWords {
    static let english = Set<String>([
        "a", "about", "above", "after", "again", "against", "all", "also", "although", "am", "an", "and", "any",
        "anymore",
        "anything", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
        "by",
        "can", "cannot", "could", "did", "do", "does", "doing", "don", "done", "down", "during", "each", "else", "even",
        "ever", "every", "few", "for", "from", "further", "get", "gets", "getting", "got", "had", "has", "have",
        "having",
        "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into",
        "is",
        "it", "its", "itself", "just", "let", "like", "ll", "me", "might", "more", "most", "much", "must", "my",
        "myself",
        "never", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours",
        "ourselves", "out", "over", "own", "re", "same", "she", "should", "since", "so", "some", "still", "such",
        "than",
        "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those",
        "through", "to", "too", "under", "until", "up", "us", "ve", "very", "was", "we", "were", "what", "when",
        "where",
        "which", "while", "who", "whom", "why", "will", "with", "would", "yet", "you", "your", "yours", "yourself",
        "yourselves", "isn", "doesn", "didn", "wasn", "won", "can't", "already", "anyone", "someone", "something",
        "way", "really", "may", "know", "need", "want", "would", "tried", "try", "use", "using", "used", "make", "see",
        "says", "say", "said", "keep", "keeps", "yes", "ok", "okay", "etc",
        // contractions as the analyzer joins them ("weren't" → "werent"; "it's" loses its "'s"), and words that
        // stand for anything: a held-out help center's labels read "thing, weren't, they're"
        "arent", "cant", "couldnt", "didnt", "doesnt", "dont", "hadnt", "hasnt", "havent", "isnt", "mustnt", "neednt",
        "shouldnt", "wasnt", "werent", "wont", "wouldnt", "im", "ive", "youre", "youve", "youd", "youll", "hes",
        "shes", "weve", "theyre", "theyve", "theyd", "theyll", "though", "thing", "things",
        // greetings, closings, politeness
        "hello", "hi", "hey", "dear", "thanks", "thank", "regards", "best", "kind", "kindly", "cheers", "sincerely",
        "please", "good", "morning", "afternoon", "evening", "team", "support", "sir", "madam", "mr", "mrs", "ms",
        "wishes", "warm", "advance", "appreciate", "help", "sent",
    ])

    static let french = Set<String>([
        "a", "afin", "ai", "aie", "aient", "aies", "ait", "alors", "as", "au", "aucun", "aucune", "aupres", "auquel",
        "aura", "aurai", "aurais", "aurait", "aussi", "autre", "autres", "aux", "avaient", "avais", "avait", "avant",
        "avec", "avez", "aviez", "avions", "avoir", "avons", "ayant", "bien", "c", "ca", "car", "ce", "ceci", "cela",
        "celle", "celles", "celui", "cependant", "certain", "certaine", "certains", "ces", "cet", "cette", "ceux",
        "chaque", "chez", "ci", "comme", "comment", "d", "dans", "de", "depuis", "des", "deja", "donc", "dont", "du",
        "elle", "elles", "en", "encore", "entre", "es", "est", "et", "etaient", "etais", "etait", "etant", "ete",
        "etes",
        "etre", "eu", "eux", "fait", "faire", "fois", "ici", "il", "ils", "j", "je", "jamais", "l", "la", "le", "les",
        "leur", "leurs", "lui", "m", "ma", "mais", "me", "meme", "memes", "mes", "moi", "mon", "n", "ne", "ni", "nos",
        "notre", "nous", "on", "ont", "ou", "par", "parce", "pas", "peu", "peut", "peux", "plus", "pour", "pourquoi",
        "pouvez", "pourriez", "puis", "qu", "quand", "que", "quel", "quelle", "quelles", "quels", "qui", "quoi", "s",
        "sa", "sans", "se", "sera", "serai", "serait", "ses", "si", "sien", "soit", "sommes", "son", "sont", "sous",
        "suis", "sur", "t", "ta", "te", "tes", "toi", "ton", "tous", "tout", "toute", "toutes", "tres", "tu", "un",
        "une", "vers", "via", "voici", "voila", "vos", "votre", "vous", "y", "ceux", "toujours", "deja", "alors",
        "avoir", "fait", "quelque", "quelques", "rien", "tant", "lors", "selon", "ainsi", "etc", "oui", "non",
        "dois", "doit", "veux", "voudrais", "souhaite", "souhaiterais", "besoin",
        // greetings, closings, politeness
        "bonjour", "bonsoir", "salut", "merci", "cordialement", "cordiales", "salutations", "distinguees", "distingue",
        "sinceres", "remerciements", "madame", "monsieur", "mesdames", "messieurs", "equipe", "support", "svp",
        "stp", "plait", "bonne", "journee", "soiree", "avance", "envoye",
    ])

    static let all: Set<String> = english.union(french)

    /// Stop words that may sit inside a multi-word term ("mot de passe", "mise à jour", "point of sale").
    static let connectors: Set<String> = ["de", "du", "des", "a", "au", "aux", "en", "la", "le", "of", "for", "to"]

    /// One lookup per word instead of four: bit 0 French, bit 1 English, bit 2 connector.
    static let flags: [String: UInt8] = {
        var table: [String: UInt8] = [:]
        for word in french.union(StopWords.french) { table[word, default: 0] |= 1 }
        for word in english.union(StopWords.english) { table[word, default: 0] |= 2 }
        for word in connectors { table[word, default: 0] |= 4 }
        return table
    }()
}
