import Analytics
import FoundationEssentials
import Glibc
import MIME
import MailCore
import Store
import TextBasics

extension LocalMirror {
    /// Writes the help-center report into `directory` (report.md, SVG charts, CSV tables) from
    /// the catalog alone. Returns the files written.
    ///
    /// The catalog is streamed, never held: one pass keeps a few fixed-size facts per message (`ReportInput`)
    /// and the report reads texts back by catalog offset only for the conversations its topics learn on,
    /// a block at a time for the rest, and for the messages it names. Threads are the catalog's own thread
    /// ids, which the index refresh keeps current; derived data that does not cover the store is healed first.
    public func report(options: ReportOptions, to directory: URL) throws -> [URL] {
        guard FileManager.default.fileExists(atPath: paths.root.path) else {
            throw MailMirrorError.notMirroredYet("the catalog")
        }
        // Large tables get their own mappings, given back when freed: glibc otherwise keeps what the sorts and
        // the topics free (at 1,000,000 messages, a 256 KB threshold set through GLIBC_TUNABLES lowered the
        // peak from 173 to 156 MB).
        AllocatorPolicy.applied
        let store = try MailStore(root: paths.root)
        var gathered = try Self.gatherReport(store.catalog)
        // The pass is the moment to see, for free, that the catalog lost records even when its size and time
        // still match `derived.state`: compare with the store's count (as `checkedCatalog` does).
        let coverage = DerivedCoverage(store: store, paths: paths)
        let stored = try coverage.currentStamp(reusing: coverage.readStamp()).storedMessages
        if gathered.ignoredBytes > 0 || (stored != nil && gathered.distinct != stored) {
            gathered = (ReportInput(), 0, 0)
            _ = try checkDerivedData(store: store, coverage: coverage)
            gathered = try Self.gatherReport(store.catalog)
        }
        guard gathered.input.count > 0 else { throw MailMirrorError.notMirroredYet("report") }
        let source = CatalogTextSource(catalog: store.catalog)
        // Handed over, not shared: the report reorders the records in place.
        let input = gathered.input
        gathered = (ReportInput(), 0, 0)
        let report = ReportGenerator().prepare(input: consume input, source: source, options: options)
        if let failure = source.failure { throw failure }
        // What the topics freed, in the arenas of the threads that learned them, is given back before the
        // Message-IDs of topic_messages.csv are read.
        AllocatorPolicy.trim()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // topic_messages.csv (tens of MB at 1,000,000 messages) goes to a temporary file a topic at a time, and
        // takes its name only once the Message-IDs it reads back were all found: nothing is written otherwise.
        var streamed: (temporary: URL, url: URL)?
        if let name = report.streamedName {
            let files = (
                temporary: directory.appendingPathComponent(".\(name).partial"),
                url: directory.appendingPathComponent(name)
            )
            do {
                guard FileManager.default.createFile(atPath: files.temporary.path, contents: nil) else {
                    throw CocoaError(.fileWriteUnknown)
                }
                let descriptor = open(files.temporary.path, O_WRONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                defer { close(descriptor) }
                try report.writeStreamed { piece in try Self.write(Array(piece.utf8), to: descriptor) }
            } catch {
                try? FileManager.default.removeItem(at: files.temporary)
                throw MailMirrorError.fileSystem("cannot write \(files.temporary.path): \(ErrorDescription.of(error))")
            }
            if let failure = source.failure {
                try? FileManager.default.removeItem(at: files.temporary)
                throw failure
            }
            streamed = files
        }
        var written: [URL] = []
        for file in report.files {
            let url = directory.appendingPathComponent(file.name)
            do {
                try Data(file.contents.utf8).write(to: url, options: .atomic)
            } catch {
                throw MailMirrorError.fileSystem("cannot write \(url.path): \(ErrorDescription.of(error))")
            }
            written.append(url)
        }
        if let streamed {
            guard rename(streamed.temporary.path, streamed.url.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: streamed.temporary)
                throw MailMirrorError.fileSystem("cannot write \(streamed.url.path): \(reason)")
            }
            written.append(streamed.url)
        }
        return written.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// One streamed pass over the catalog: every record's facts, copies collapsed as `CatalogView` does;
    /// how many distinct ids it holds and how many bytes at its end are not whole records.
    static func gatherReport(_ catalog: CatalogFile) throws -> (input: ReportInput, distinct: Int, ignoredBytes: Int) {
        var input = ReportInput()
        let size = max(0, Int(DerivedCoverage.fileSize(catalog.path)))
        // Records average about 850 bytes on disk.
        input.reserve(size / 600)
        let (_, end) = try catalog.forEachRecord { offset, summary in
            input.add(summary, position: offset, identity: CatalogView.identityHash(of: summary))
        }
        let distinct = input.collapseCopies()
        return (input, distinct, max(0, max(size, end) - end))
    }

    /// Writes all of `bytes` to `descriptor`, through short writes and interruptions.
    static func write(_ bytes: [UInt8], to descriptor: Int32) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
        }
    }

    /// The help center's articles from a folder of Markdown, HTML or text files (HTML made readable).
    public static func loadArticles(from directory: URL) throws -> [Article] {
        // A folder that cannot be read holds no article, as Foundation's enumerator found none in it.
        let subpaths = (try? FileManager.default.subpathsOfDirectory(atPath: directory.path)) ?? []
        var articles: [Article] = []
        for subpath in subpaths {
            let url = directory.appendingPathComponent(subpath)
            let ext = url.pathExtension.lowercased()
            guard ["md", "markdown", "html", "htm", "txt"].contains(ext),
                let data = FileManager.default.contents(atPath: url.path)
            else { continue }
            let raw = String(decoding: data, as: UTF8.self)
            let text = ext.hasPrefix("htm") ? HTMLText.convert(raw) : raw
            let relative = subpath.trimmed(ScalarSet(charactersIn: "/"))
            articles.append(Article(name: url.deletingPathExtension().lastPathComponent, path: relative, text: text))
        }
        guard !articles.isEmpty else {
            throw MailMirrorError.invalidArgument("--articles \(directory.path) holds no .md, .html or .txt file")
        }
        return articles.sorted { $0.path < $1.path }
    }
}
