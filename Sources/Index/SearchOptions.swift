import FoundationEssentials
import Zones

/// How to run a search.
public struct SearchOptions: Sendable {
    public enum Sort: String, Sendable { case relevance, date }

    /// At most this many hits; 0 for all.
    public var limit: Int
    public var sort: Sort
    /// "Now" for `older_than:` / `newer_than:`, seconds since 1970.
    public var now: Int64
    /// The user's time zone: `after:` / `before:` days start at its midnight. UTC by default, made
    /// from its offset: `TimeZone(identifier: "UTC")` loads ICU's zone data, a cost every search paid.
    public var timeZone: Zone {
        get { zone ?? Zone.utc }
        set { zone = newValue }
    }
    /// Nil for UTC: a search that sets no zone builds no `TimeZone` (Foundation's zone cache and its
    /// GMT zone cost about 2% of a search's run).
    private var zone: Zone?
    /// Snippet length in characters (about).
    public var snippetLength: Int
    /// False: hits carry no snippet and no highlights, and the stored text is not read (for output
    /// that prints only ids, like `search --output messages`).
    public var snippets: Bool = true
    /// False: hits carry only what names them (`id`, `messageId`, `threadId`, `date`, `score`); their key,
    /// sender and subject are left empty and not decoded (for `search --output messages` or `threads`, which
    /// print thousands of ids). Implies no snippets.
    public var summaries: Bool = true

    public init(
        limit: Int = 50, sort: Sort = .relevance, now: Int64 = Int64(Date().timeIntervalSince1970),
        timeZone: Zone? = nil, snippetLength: Int = 160
    ) {
        self.limit = limit
        self.sort = sort
        self.now = now
        self.zone = timeZone
        self.snippetLength = snippetLength
    }

    /// Seconds since 1970 at the start of `day` in `timeZone` (daylight saving included).
    public func startOfDay(_ day: Day) -> Int64 {
        let utcMidnight = day.daysSinceEpoch * 86_400
        guard let timeZone = zone else { return utcMidnight }
        var offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utcMidnight))))
        offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utcMidnight - offset))))
        return utcMidnight - offset
    }
}
