@testable import Terminal

/// Reaches the internal suggestion function from tests.
enum SuggestionProbe {
    static func closest(_ input: String, _ candidates: [String]) -> String? {
        Suggestion.closest(to: input, among: candidates)
    }
}
