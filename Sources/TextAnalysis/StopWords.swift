/// French and English stop words, in folded form (`Folding.fold`), unstemmed.
///
/// The index keeps stop words (exact phrases such as "mot de passe" need them); topic
/// extraction drops them. Elided forms (`l'`, `qu'`) never reach here: the analyzer removes them.
public enum StopWords {
    public static let english: Set<String> = [
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
        "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
        "can", "cannot", "could", "did", "do", "does", "doing", "done", "down", "during", "each", "even",
        "ever", "few", "for", "from", "further", "get", "got", "had", "has", "have", "having", "he", "her",
        "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into", "is",
        "it", "its", "itself", "just", "let", "may", "me", "might", "more", "most", "much", "must", "my",
        "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours",
        "ourselves", "out", "over", "own", "please", "same", "shall", "she", "should", "since", "so", "some",
        "still", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
        "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "very", "was",
        "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
        "would", "yes", "yet", "you", "your", "yours", "yourself", "yourselves", "dont", "cant", "wont",
        "didnt", "doesnt", "isnt", "im", "ive", "id", "ill", "youre", "weve", "thats", "hi", "hello",
        "thanks", "thank", "regards", "dear", "best",
    ]

    public static let french: Set<String> = [
        "a", "afin", "ai", "aie", "aient", "ainsi", "alors", "as", "au", "aucun", "aucune", "aupres", "auquel",
        "aussi", "autre", "autres", "aux", "avaient", "avais", "avait", "avant", "avec", "avez", "aviez",
        "avions", "avoir", "avons", "ayant", "bien", "bon", "bonjour", "bonsoir", "c", "ca", "car", "ce",
        "ceci", "cela", "celle", "celles", "celui", "cependant", "ces", "cet", "cette", "ceux", "chaque",
        "chez", "ci", "comme", "comment", "d", "dans", "de", "depuis", "des", "deja", "donc", "dont", "du",
        "elle", "elles", "en", "encore", "entre", "est", "et", "etaient", "etais", "etait", "etant", "ete",
        "etes", "etre", "eu", "eux", "fait", "faire", "fais", "font", "hui", "il", "ils", "j", "je", "jusqu",
        "l", "la", "le", "les", "leur", "leurs", "lors", "lorsque", "lui", "m", "ma", "mais", "me", "meme",
        "memes", "merci", "mes", "moi", "mon", "n", "ne", "ni", "nos", "notre", "nous", "on", "ont", "ou",
        "par", "parce", "pas", "peu", "peut", "peuvent", "plus", "pour", "pourquoi", "puis", "qu", "quand",
        "que", "quel", "quelle", "quelles", "quels", "qui", "quoi", "s", "sa", "sans", "se", "sera", "serait",
        "ses", "si", "sien", "soit", "son", "sont", "sous", "suis", "sur", "t", "ta", "te", "tes", "toi",
        "ton", "tous", "tout", "toute", "toutes", "tres", "tu", "un", "une", "unes", "uns", "vers", "voici",
        "voila", "vos", "votre", "vous", "vu", "y", "cordialement", "madame", "monsieur",
    ]

    /// Both lists together.
    public static let all: Set<String> = english.union(french)

    /// Whether a folded, unstemmed word is a French or English stop word.
    public static func isStopWord(_ folded: String) -> Bool { all.contains(folded) }
}
