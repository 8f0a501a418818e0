import FoundationEssentials
import TextBasics

/// Readable text from an article written in Markdown, HTML or plain text: tags, entities and
/// Markdown punctuation removed, so only the words are matched against topics.
enum ArticleText {
    static func plain(_ source: String) -> String {
        var out = ""
        out.reserveCapacity(source.utf8.count)
        var inTag = false
        var skipping: String?
        var tag = ""
        for ch in source {
            if inTag {
                if ch == ">" {
                    inTag = false
                    let name =
                        tag.lowercased().split(whereSeparator: { $0 == " " || $0 == "/" }).first.map(String.init) ?? ""
                    if name == "script" || name == "style" { skipping = name }
                    if tag.lowercased().hasPrefix("/"), let s = skipping, tag.lowercased().hasPrefix("/" + s) {
                        skipping = nil
                    }
                    out.append(" ")
                } else {
                    tag.append(ch)
                }
                continue
            }
            if ch == "<" {
                inTag = true
                tag = ""
                continue
            }
            if skipping != nil { continue }
            switch ch {
            case "#", "*", "`", "|", ">", "[", "]", "(", ")", "_", "~": out.append(" ")
            default: out.append(ch)
            }
        }
        for (entity, value) in [
            ("&nbsp;", " "), ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"),
            ("&rsquo;", "’"), ("&eacute;", "é"), ("&egrave;", "è"), ("&agrave;", "à"), ("&ccedil;", "ç"),
        ] {
            out = out.replacingAll(entity, with: value)
        }
        return out
    }
}
