import Analytics
import Foundation
import MIME
import MailCore

extension LocalMirror {
    /// Writes the help-center report into `directory` (report.md, SVG charts, CSV tables) from
    /// the catalog alone. Returns the files written.
    public func report(options: ReportOptions, to directory: URL) throws -> [URL] {
        // The records go from the catalog to the report's own table with no reference kept on the way
        // (`swap`, `consume`), so each step reorders them in place: one copy of every summary in memory.
        var catalog = try checkedCatalog()
        var records: [MessageSummary] = []
        swap(&records, &catalog.summaries)
        let messages = CatalogView.reportMessages(consume records)
        guard !messages.isEmpty else { throw MailMirrorError.notMirroredYet("report") }
        let files = ReportGenerator().generate(messages: consume messages, options: options)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var written: [URL] = []
        for file in files {
            let url = directory.appendingPathComponent(file.name)
            do {
                try Data(file.contents.utf8).write(to: url, options: .atomic)
            } catch {
                throw MailMirrorError.fileSystem("cannot write \(url.path): \(error.localizedDescription)")
            }
            written.append(url)
        }
        return written
    }

    /// The help center's articles from a folder of Markdown, HTML or text files (HTML made readable).
    public static func loadArticles(from directory: URL) throws -> [Article] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            throw MailMirrorError.invalidArgument("--articles \(directory.path) is not a readable folder")
        }
        var articles: [Article] = []
        while let url = enumerator.nextObject() as? URL {
            let ext = url.pathExtension.lowercased()
            guard ["md", "markdown", "html", "htm", "txt"].contains(ext),
                let data = FileManager.default.contents(atPath: url.path)
            else { continue }
            let raw = String(decoding: data, as: UTF8.self)
            let text = ext.hasPrefix("htm") ? HTMLText.convert(raw) : raw
            let relative = String(url.path.dropFirst(directory.path.count)).trimmingCharacters(
                in: CharacterSet(charactersIn: "/"))
            articles.append(Article(name: url.deletingPathExtension().lastPathComponent, path: relative, text: text))
        }
        guard !articles.isEmpty else {
            throw MailMirrorError.invalidArgument("--articles \(directory.path) holds no .md, .html or .txt file")
        }
        return articles.sorted { $0.path < $1.path }
    }
}
