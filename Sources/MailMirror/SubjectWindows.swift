import MIME
import MailCore

/// The subject rule on the refresh by lookup: which threads sharing a subject with the touched ones the
/// refresh reads, and which records take the ids the threader gives over what was read.
///
/// The threader places a lone reply (a reply prefix, no reference) in the latest of the 64 most recent
/// threads of its subject started at or before it that shares its participants (`Threader.subjectTarget`).
/// So a change at one place of a subject's timeline (a thread that is new, gains or loses members, or
/// starts elsewhere) can move only the lone replies whose 64 threads include it, and, through the threads
/// those join or leave, the lone replies whose 64 threads include one of those. Per subject, windows of
/// dates `[lowest, highest]` are read (every record of the subject dated in them, with its reference
/// thread, and the stored threads of the lone replies read), each around *dirty* places of the timeline:
/// a changed thread's start, and a lone reply placed otherwise than stored with every member of the
/// threads it joins or leaves (found under `t:`, wherever they are dated):
/// - a window starts at least 64 threads before its first lone reply at or after its earliest dirty place
///   that does not join a thread started inside the window, so such a reply examines only threads that
///   were read, and is placed as over the whole catalog (one that joins a thread started inside stops
///   there, over threads that were read: `grow`);
/// - it ends at least 65 threads after its latest dirty place, or before the lone replies after it that
///   the catalog stores in threads started after every dirty place before them (`keepsItsThread`, a few
///   records read aside): no later lone reply examines a dirty one, so it keeps its place (and its id: a
///   thread whose id changes is dirty, with all its members).
/// The dates of the lone replies are known without reading (`l:`): a window with none to place anew
/// needs nothing before its dirty places, one with none after it nothing after them.
/// Every other lone reply read must be placed as stored, or its date becomes a dirty place too. Records
/// of the subject dated from a window's earliest dirty place to its end take the threader's ids; the
/// others keep theirs. The result equals a full rethread (IndexRefresherTests).
struct SubjectWindows {
    /// Records of a subject added beyond a bound each time a window grows (doubling; tests make it small).
    let step: Int

    private struct Span {
        /// Indices into the subject's dates, inclusive.
        var from: Int
        var through: Int
        var fromStep: Int
        var throughStep: Int
    }

    private struct Subject {
        /// The dates of the subject's records, ascending (superseded records' too, and the new ones').
        var dates: [Int64]
        /// The dates of its lone replies (`l:` and the new ones), ascending: only they can move.
        var lone: [Int64]
        /// Dates where something changed or a lone reply may be placed anew (a window is needed from there).
        var dirty = Set<Int64>()
        /// Disjoint, ascending.
        var spans: [Span] = []
        var readDates = Set<Int64>()

        func range(_ span: Span) -> ClosedRange<Int64> { dates[span.from]...dates[span.through] }
        /// The dates whose records take the threader's ids: from each span's earliest dirty place to its end.
        func affected() -> [ClosedRange<Int64>] {
            spans.compactMap { span in
                let range = range(span)
                return dirty.filter { range.contains($0) }.min().map { $0...range.upperBound }
            }
        }
    }

    private var subjects: [String: Subject] = [:]
    /// The names of `subjects`, in order (fixed once `open` chose them): a round's passes over the messages
    /// find a message's subject by its place here (`slots`), not by hashing its subject again in each pass.
    private var names: [String] = []
    /// Where in `names` each is.
    private var slotOf: [String: Int] = [:]
    /// The normalized subjects of the records threaded and whether they have a reply prefix, by subject.
    private var facts = SubjectFacts()
    private var askedThreads = Set<String>()
    /// How many records read `readWindows` looked at: those read since and not taken by the threader are
    /// in `ThreadLookup.existing`, and the threads of those taken that may be joined by subject here.
    private var checked = 0
    private var unchecked: [String] = []
    /// By subject and date of a lone reply after a span: the earliest date of the threads its lone replies
    /// there are stored in (`storedStart`).
    private var storedStarts: [String: [Int64: Int64]] = [:]

    init(step: Int) { self.step = max(1, step) }

    /// What the records read and the new ones give when threaded: `CatalogView`'s `records` and `messages`.
    typealias Threaded = (records: [MessageSummary], messages: [MessageSummary])

    /// The messages threaded over the rounds (`CatalogView.messages` of what was read and `fresh`, in the
    /// order the rounds added them), with what the rounds ask of each, worked out once.
    private struct Round {
        var threader = IncrementalThreader()
        /// Parallel to `threader.summaries`: the thread id the catalog holds, and whether it is a core record.
        var stored: [String?] = []
        var core: [Bool] = []
        /// Parallel to `threader.summaries`: where each message's own normalized subject is in `names` (nil:
        /// a subject without windows).
        var slot: [Int?] = []
    }

    /// The ids of the records that take the threader's thread ids over what `lookup` holds (the new
    /// records and their reference threads, `core`, included); `lookup` gains the windows' records. With
    /// them, the threading of everything read and `fresh` when the windows' last round made it (the refresh
    /// threads nothing again), else nil.
    mutating func taken(
        before: [MessageSummary], fresh: [MessageSummary], core: Set<String>, lookup: inout ThreadLookup
    ) throws -> (taken: Set<String>, threaded: Threaded?) {
        // With Gmail's thread ids on every message the subject rule decides nothing (Gmail's id wins); on
        // a mix, a thread's id may come from a member the subject rule placed: the full path decides.
        let gmail = (before + fresh).filter { $0.gmailThreadId != nil }.count
        if gmail == before.count + fresh.count { return (core, nil) }
        if gmail > 0 { throw ThreadLookup.TooMuch() }
        try open(before: before, fresh: fresh, core: core, lookup: lookup)
        guard !subjects.isEmpty else { return (core, nil) }
        var round: Round?
        while true {
            try readWindows(&lookup)
            try thread(into: &round, fresh: fresh, core: core, lookup: &lookup)
            // Everything read so far is threaded: what this round reads from here on is for the next.
            let threadedReads = lookup.readCount
            let (ids, groups, heads) = round!.threader.threadIdsAndSubjectGroups()
            // Where the subject of each message's thread is: that of the thread's first message.
            let slots = heads.map { round!.slot[$0] }
            let dirty = dirtyThreads(round!, ids, slots)
            for id in dirty.sorted() where askedThreads.insert(id).inserted {
                try lookup.close(lookup.read(try lookup.table.lookup(ThreadTable.Key.thread(id)).map { Int($0) }))
            }
            let marked = markDirty(round!, ids, groups, slots, dirty: dirty)
            let grown = try grow(round!, ids, groups, slots, &lookup)
            if !marked && !grown && lookup.readCount == threadedReads && isSettled {
                let (taken, assigned) = finished(round!, ids, slots, core: core)
                let messages = round!.threader.summaries
                // The threader's links go before the catalog-ordered copies are made.
                round = nil
                return (taken, try Self.threaded(lookup.catalogOrdered(messages, fresh: fresh), ids: assigned))
            }
        }
    }

    /// Whether a round after one that marked no place, grew no span and read nothing once it threaded would
    /// read nothing either: the threads of the lone replies it took were asked (`readWindows` reads those
    /// not asked, its spans are read to the end). That round would thread the same records over the same
    /// windows, so it would find what this one found: this one's result is final (one round fewer).
    private var isSettled: Bool { unchecked.allSatisfy { askedThreads.contains($0) } }

    /// `Subject.affected` of each of `names`, in its order.
    private func affectedBySlot() -> [[ClosedRange<Int64>]] {
        names.map { subjects[$0]?.affected() ?? [] }
    }

    /// The records that take the threader's ids (`core`, and those dated where their subject's windows
    /// say), and the thread id of every message threaded, by id.
    private func finished(
        _ round: Round, _ ids: [String], _ slots: [Int?], core: Set<String>
    ) -> (taken: Set<String>, ids: [String: String]) {
        var taken = core
        let affected = affectedBySlot()
        let summaries = round.threader.summaries
        var assigned: [String: String] = [:]
        assigned.reserveCapacity(summaries.count)
        for index in summaries.indices {
            let id = summaries[index].id
            let date = summaries[index].date
            assigned[id] = ids[index]
            if let slot = slots[index], affected[slot].contains(where: { $0.contains(date) }) { taken.insert(id) }
        }
        return (taken, assigned)
    }

    /// `CatalogView(records:)` of the records read and `fresh`, from the messages threaded (`messages`, in
    /// the catalog's order) and the thread ids the rounds gave them (`ids`). The copies of a message in other
    /// mailboxes that `CatalogView.keepFirstCopies` drops are left out of `records`: they take no thread id.
    private static func threaded(_ messages: [MessageSummary], ids: [String: String]) throws -> Threaded {
        var threaded = messages
        for index in threaded.indices {
            guard let id = ids[threaded[index].id] else { throw ThreadLookup.TooMuch() }
            threaded[index].threadId = id
        }
        return (messages, threaded)
    }

    /// Gives the threader of the rounds the records read since the last round (on the first, everything
    /// read and `fresh`), deduplicated as `CatalogView` does. Records that name no Message-ID the earlier
    /// ones name are only linked (`IncrementalThreader`); otherwise (or with a Gmail message id, which
    /// makes copies of its own) everything is threaded again. The threader holds the records from then on
    /// (`ThreadLookup.take`).
    private mutating func thread(
        into round: inout Round?, fresh: [MessageSummary], core: Set<String>, lookup: inout ThreadLookup
    ) throws {
        let read = lookup.take()
        let firstRead = lookup.readCount - read.count
        for (index, record) in read.enumerated() where firstRead + index >= checked && mayJoinThread(record) {
            unchecked.append(record.threadId)
        }
        if read.contains(where: { $0.gmailThreadId != nil }) { throw ThreadLookup.TooMuch() }
        var messages: [MessageSummary]
        if var current = round {
            guard !read.isEmpty else { return }
            var added = CatalogView.latest(try lookup.ordered(read, then: []))
            CatalogView.keepFirstCopies(&added)
            if current.threader.isApart(added) && !added.contains(where: { $0.gmailMessageId != nil }) {
                round = nil
                add(added, to: &current, apart: true, core: core, lookup: lookup)
                round = current
                return
            }
            // The copies dropped before were dropped for an earlier one of the same message, still there.
            messages = try lookup.catalogOrdered(current.threader.summaries + added, fresh: fresh)
            round = nil
        } else {
            // (None of `fresh` has a Gmail thread id: `taken` returned or threw before.)
            messages = CatalogView.latest(try lookup.ordered(read, then: fresh))
        }
        CatalogView.keepFirstCopies(&messages)
        var current = Round()
        add(messages, to: &current, apart: true, core: core, lookup: lookup)
        round = current
    }

    /// Whether the stored thread of `record` holds a member that may be joined by subject (and the people
    /// of that thread count for the subject rule).
    private mutating func mayJoinThread(_ record: MessageSummary) -> Bool {
        !record.threadId.isEmpty && facts.mayJoinBySubject(record)
    }

    /// Adds `messages` to the round's threader, with the stored thread id of each and whether it is core.
    /// `apart`: an empty threader, or `isApart(messages)`, already asked.
    private mutating func add(
        _ messages: [MessageSummary], to round: inout Round, apart: Bool, core: Set<String>, lookup: ThreadLookup
    ) {
        // Most records share a few subjects: each is normalized once (`facts`). By index, reading fields in
        // place (`for message in` copies each record).
        let threading = messages.indices.map { facts.threading(messages[$0]) }
        let subjects = threading.map(\.normalized)
        let lone = threading.map(\.mayJoinBySubject)
        round.threader.add(messages, normalizedSubjects: subjects, lone: lone, apart: apart)
        round.slot += subjects.map { slotOf[$0] }
        for index in messages.indices {
            round.stored.append(lookup.storedThreads[messages[index].id])
            round.core.append(core.contains(messages[index].id))
        }
    }

    /// The subjects a touched thread had or has, with the starts of those threads as dirty places, when a
    /// lone reply of the subject is dated at or after the earliest (an earlier one looks only at threads
    /// started before it: nothing it sees changed).
    private mutating func open(
        before: [MessageSummary], fresh: [MessageSummary], core: Set<String>, lookup: ThreadLookup
    ) throws {
        var changes: [String: Set<Int64>] = [:]
        for records in [before, before + fresh] {
            let messages = CatalogView.deduplicated(records).unique
            for (group, message) in zip(Threader.subjectGroups(for: messages), messages)
            where !group.subject.isEmpty && core.contains(message.id) {
                changes[group.subject, default: []].insert(group.firstDate)
            }
        }
        let freshSubjects = fresh.map { SubjectNormalizer.normalize($0.subject) }
        for (name, changed) in changes {
            var lone = try lookup.table.lookup(ThreadTable.Key.loneDates(name)).map { Int64(bitPattern: $0) }
            var dates = try lookup.table.lookup(ThreadTable.Key.subjectDates(name)).map { Int64(bitPattern: $0) }
            for (record, subject) in zip(fresh, freshSubjects) where subject == name {
                dates.append(record.date)
                if ThreadTable.mayJoinBySubject(record) { lone.append(record.date) }
            }
            guard let earliest = changed.min(), lone.contains(where: { $0 >= earliest }) else { continue }
            var subject = Subject(dates: (dates + changed).sorted(), lone: lone.sorted())
            subject.dirty = changed
            subjects[name] = subject
            cover(name)
        }
        names = subjects.keys.sorted()
        for (slot, name) in names.enumerated() { slotOf[name] = slot }
    }

    /// Opens a span around every dirty place of `name` outside its spans, and merges spans that meet. The places
    /// are taken in date order: a Set's order differs from run to run, and which places an earlier span covers
    /// decided how much the windows read (18,543 or 18,570 records on the same +200 at 101,000 messages).
    private mutating func cover(_ name: String) {
        guard var subject = subjects[name] else { return }
        for place in subject.dirty.sorted()
        where !subject.spans.contains(where: { subject.range($0).contains(place) }) {
            let first = subject.dates.firstIndex { $0 >= place } ?? subject.dates.count - 1
            let last = subject.dates.lastIndex { $0 <= place } ?? 0
            subject.spans.append(
                Span(
                    from: max(0, min(first, last) - step),
                    through: min(subject.dates.count - 1, max(first, last) + step),
                    fromStep: step, throughStep: step))
        }
        subject.spans.sort { $0.from < $1.from }
        var merged: [Span] = []
        for span in subject.spans {
            if var last = merged.last, span.from <= last.through + 1 {
                last.through = max(last.through, span.through)
                last.fromStep = max(last.fromStep, span.fromStep)
                last.throughStep = max(last.throughStep, span.throughStep)
                merged[merged.count - 1] = last
            } else {
                merged.append(span)
            }
        }
        subject.spans = merged
        subjects[name] = subject
    }

    /// Reads every record of each span not read yet, with its reference thread, and the stored threads
    /// of the lone replies read (their members make up the people of the threads they were placed in).
    private mutating func readWindows(_ lookup: inout ThreadLookup) throws {
        for name in subjects.keys.sorted() {
            guard var subject = subjects[name] else { continue }
            for span in subject.spans {
                for date in Set(subject.dates[span.from...span.through]).sorted()
                where subject.readDates.insert(date).inserted {
                    let offsets = try lookup.table.lookup(ThreadTable.Key.subject(name, at: date)).map { Int($0) }
                    try lookup.close(lookup.read(offsets))
                }
            }
            subjects[name] = subject
        }
        var threads: [String] = []
        // Only the records read since the last look (the others' threads were asked then): those taken
        // since by the threader (`unchecked`), and those not taken yet.
        // Threads already asked first: most records read are, and the subject test normalizes a string.
        let pending = lookup.existing.filter { !askedThreads.contains($0.threadId) && mayJoinThread($0) }
        for thread in unchecked + pending.map(\.threadId) where askedThreads.insert(thread).inserted {
            threads.append(thread)
        }
        unchecked = []
        checked = lookup.readCount
        for id in threads.sorted() {
            try lookup.close(lookup.read(try lookup.table.lookup(ThreadTable.Key.thread(id)).map { Int($0) }))
        }
    }

    /// The threads (stored and new ids) that changed, or that a lone reply placed anew joins or leaves.
    private func dirtyThreads(_ round: Round, _ ids: [String], _ slots: [Int?]) -> Set<String> {
        var dirty = Set<String>()
        let affected = affectedBySlot()
        let summaries = round.threader.summaries
        for index in summaries.indices {
            guard let slot = slots[index] else { continue }
            let ranges = affected[slot]
            let date = summaries[index].date
            let moved =
                round.threader.lone[index] && ranges.contains(where: { $0.contains(date) })
                && round.stored[index] != ids[index]
            guard moved || round.core[index] else { continue }
            dirty.insert(round.stored[index] ?? "")
            dirty.insert(ids[index])
        }
        dirty.remove("")
        return dirty
    }

    /// Marks as dirty places the starts of the dirty threads and their lone replies (a lone reply examines a
    /// thread through either), and every lone reply read that is not placed as stored where it is not
    /// placed anew (its window was not read whole). True when a place was new.
    private mutating func markDirty(
        _ round: Round, _ ids: [String], _ groups: [(subject: String, firstDate: Int64)], _ slots: [Int?],
        dirty: Set<String>
    ) -> Bool {
        var marked = false
        let affected = affectedBySlot()
        let summaries = round.threader.summaries
        for index in summaries.indices {
            guard let slot = slots[index] else { continue }
            let group = groups[index]
            let ranges = affected[slot]
            let lone = round.threader.lone[index]
            let date = summaries[index].date
            let stored = round.stored[index]
            var place: Int64?
            // Only a lone reply or a thread's start is a place (asked first: it costs no hashing).
            if lone || date == group.firstDate, dirty.contains(stored ?? "") || dirty.contains(ids[index]) {
                place = date
            }
            if lone, stored != ids[index], !ranges.contains(where: { $0.contains(date) }) {
                place = date
            }
            guard let place, var subject = subjects[names[slot]], subject.dirty.insert(place).inserted else {
                continue
            }
            if !subject.dates.contains(place) {
                subject.dates.insert(place, at: subject.dates.firstIndex { $0 > place } ?? subject.dates.count)
            }
            subjects[names[slot]] = subject
            marked = true
        }
        if marked { for name in subjects.keys { cover(name) } }
        return marked
    }

    /// Moves each span's ends until at least 64 threads start between its start and the first lone reply
    /// placed anew that is not settled inside it, and at least 65 between its latest dirty place and its end
    /// (or it reaches its subject's first or last record); true when a span grew.
    ///
    /// A lone reply placed anew is settled inside its span when the thread it joins this round starts in
    /// the span (it is not that thread's first message): it examines threads from the latest back and stops
    /// at the first that shares its people, and every thread started between that one and it was read with
    /// what it holds at that point (the lone replies among them are placed anew or as stored), so over the
    /// whole catalog it joins the same thread. It needs no thread before that one: most lone replies join a
    /// thread of their sender a few threads back, and the 64 before each cost thousands of records.
    private mutating func grow(
        _ round: Round, _ ids: [String], _ groups: [(subject: String, firstDate: Int64)], _ slots: [Int?],
        _ lookup: inout ThreadLookup
    ) throws -> Bool {
        // The starts of the threads of each of `names`, in its order.
        var starts = [Set<Int64>](repeating: [], count: names.count)
        for index in groups.indices {
            if let slot = slots[index] { starts[slot].insert(groups[index].firstDate) }
        }
        let summaries = round.threader.summaries
        // The first message (canonical order: date, then id) of each thread as threaded this round.
        var firsts: [String: (date: Int64, id: String)] = [:]
        for index in summaries.indices {
            let candidate = (date: summaries[index].date, id: summaries[index].id)
            if let known = firsts[ids[index]], (known.date, known.id) <= (candidate.date, candidate.id) { continue }
            firsts[ids[index]] = candidate
        }
        // The lone replies of each subject with windows (by its place in `names`), by date.
        var lone = [[Int64: [Int]]](repeating: [:], count: names.count)
        for index in summaries.indices where round.threader.lone[index] {
            if let slot = round.slot[index] { lone[slot][summaries[index].date, default: []].append(index) }
        }
        /// Whether every lone reply of subject `slot` dated `date` joins a thread that starts at or after
        /// `lowest`.
        func settled(_ slot: Int, _ date: Int64, from lowest: Int64) -> Bool {
            guard let replies = lone[slot][date] else { return false }
            return replies.allSatisfy { index in
                guard let first = firsts[ids[index]] else { return false }
                return first.id != summaries[index].id && first.date >= lowest
            }
        }
        /// The earliest start of the threads the lone replies of subject `slot` dated `date` join this round;
        /// nil when one is left alone.
        func joinedStart(_ slot: Int, _ date: Int64) -> Int64? {
            guard let replies = lone[slot][date] else { return nil }
            var earliest = Int64.max
            for index in replies {
                guard let first = firsts[ids[index]], first.id != summaries[index].id else { return nil }
                earliest = min(earliest, first.date)
            }
            return earliest
        }
        var grown = false
        for (slot, name) in names.enumerated() {
            guard var subject = subjects[name] else { continue }
            let threads = starts[slot]
            let last = subject.dates.count - 1
            for index in subject.spans.indices {
                var span = subject.spans[index]
                let range = subject.range(span)
                let places = subject.dirty.filter { range.contains($0) }
                guard let earliest = places.min(), let latest = places.max() else { continue }
                // Records per thread so far, to guess how many more records hold the threads missing.
                let perThread =
                    Double(span.through - span.from + 1) / Double(max(1, threads.filter(range.contains).count))
                // A lone reply placed anew and not settled inside the span must see its 64 threads read (none:
                // nothing needs more).
                let firstPlaced = subject.lone.first {
                    $0 >= earliest && $0 <= range.upperBound && !settled(slot, $0, from: range.lowerBound)
                }
                let before = threads.filter { $0 >= range.lowerBound && $0 < (firstPlaced ?? .min) }.count
                if span.from > 0, let firstPlaced, before < 64 {
                    var from = max(0, span.from - max(span.fromStep, Int(Double(64 - before) * perThread * 1.25) + 1))
                    // Replies that join, over what was read, threads started before the span are settled once the
                    // span holds those threads' starts (or a later thread they share people with): no further.
                    if let joined = joinedStart(slot, firstPlaced),
                        let reach = subject.dates.lastIndex(where: { $0 <= joined }), reach < span.from
                    {
                        from = max(from, reach)
                    }
                    span.from = from
                    span.fromStep *= 2
                    grown = true
                }
                // A later lone reply must not reach a dirty thread (none later, or each stored in a thread that
                // starts after every dirty place before it: nothing can).
                let after = threads.filter { $0 > latest && $0 <= range.upperBound }.count
                // The latest lone reply after the span that may not keep its thread: the span reaches it (then
                // every one after it keeps its thread) or 65 threads, whichever comes first.
                var latestMoving: Int64?
                if span.through < last, after < 65 {
                    for date in Set(subject.lone.filter { $0 > range.upperBound }).sorted(by: >) {
                        if try !keepsItsThread(name, date, subject, &lookup) {
                            latestMoving = date
                            break
                        }
                    }
                }
                if let latestMoving {
                    let reach = subject.dates.lastIndex { $0 <= latestMoving } ?? last
                    span.through = min(
                        last, reach,
                        span.through + max(span.throughStep, Int(Double(65 - after) * perThread * 1.25) + 1))
                    span.throughStep *= 2
                    grown = true
                }
                subject.spans[index] = span
            }
            subjects[name] = subject
            if grown { cover(name) }
        }
        return grown
    }

    /// Whether the lone replies of subject `name` dated `date`, after a span, keep their stored threads
    /// whatever changed at the dirty places before them, so that the span needs no more threads after it.
    ///
    /// A lone reply examines the threads of its subject from the latest started at or before it back, and
    /// joins the first that shares its people. When the thread it is stored in starts after the latest dirty
    /// place at or before it, every thread it examines up to that one starts after that place: none is new,
    /// gained or lost a member or people, or is a lone reply's that now joins a thread that did (the starts
    /// and lone replies of a dirty thread are dirty places), so it stops at the same thread. One stored
    /// alone examined up to 64 threads, unknown without reading them. A lone reply placed anew in a later
    /// span (at or after that span's earliest dirty place) is that span's to place.
    private mutating func keepsItsThread(
        _ name: String, _ date: Int64, _ subject: Subject, _ lookup: inout ThreadLookup
    ) throws -> Bool {
        if let span = subject.spans.first(where: { subject.range($0).contains(date) }),
            let earliest = subject.dirty.filter({ subject.range(span).contains($0) }).min(), date >= earliest
        {
            return true
        }
        guard let latest = subject.dirty.filter({ $0 <= date }).max() else { return true }
        return try storedStart(name, date, &lookup) > latest
    }

    /// The earliest date among the members of the threads the catalog stores the lone replies of subject
    /// `name` dated `date` in; `Int64.min` when one of them is stored alone (or none is in the catalog). Read
    /// aside (`ThreadLookup.peek`): these records are not threaded.
    private mutating func storedStart(_ name: String, _ date: Int64, _ lookup: inout ThreadLookup) throws -> Int64 {
        if let known = storedStarts[name]?[date] { return known }
        var start = Int64.max
        var replies = 0
        let offsets = try lookup.table.lookup(ThreadTable.Key.subject(name, at: date)).map { Int($0) }
        for record in try lookup.peek(offsets)
        where record.date == date && facts.normalized(record.subject) == name && facts.mayJoinBySubject(record) {
            replies += 1
            let thread = record.threadId
            var members: [MessageSummary] = []
            if !thread.isEmpty {
                let offsets = try lookup.table.lookup(ThreadTable.Key.thread(thread)).map { Int($0) }
                members = try lookup.peek(offsets).filter { $0.threadId == thread }
            }
            guard members.count > 1, let first = members.map(\.date).min() else {
                start = .min
                break
            }
            start = min(start, first)
        }
        if replies == 0 { start = .min }
        storedStarts[name, default: [:]][date] = start
        return start
    }
}
