import MailMirror
import Terminal

/// `mailmirror reindex`.
enum ReindexCommand {
    static let spec = CommandSpec(
        "reindex", abstract: "Rebuild the catalog and the search index from the stored messages (no network)."
    ) { invocation in
        let count = try MailmirrorCommand.mirror(invocation).reindex()
        invocation.output.line("Indexed \(HumanFormat.count(count)) messages.")
        return .success
    }
}
