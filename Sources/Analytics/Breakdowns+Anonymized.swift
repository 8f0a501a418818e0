import TextAnalysis

extension Breakdowns {
    /// Customer domains shared by fewer customers than this point to a person or a small business
    /// under `--anonymize`.
    static let fewestCustomersShown = 3

    /// The tables as `--anonymize` shows them: team members by rank ("Member 1", their address
    /// masked), and customer domains that name a person ("cabinet-lemaire.fr" when Lemaire is a
    /// name in the mailbox's headers) or that fewer than three customers write from, folded into one
    /// masked row. Counts and totals are kept.
    func anonymized(names: PersonalText, strings: ReportStrings) -> Breakdowns {
        var out = self
        out.byMember = byMember.enumerated().map { rank, row in
            var row = row
            row.name = "\(strings.member) \(rank + 1)"
            row.address = strings.emailMask
            return row
        }
        var masked = DomainRow(domain: strings.domainMask)
        var kept: [DomainRow] = []
        for row in byDomain {
            if row.uniqueCustomers >= Self.fewestCustomersShown && !Self.namesSomeone(row.domain, names) {
                kept.append(row)
                continue
            }
            // Threads and customers are summed: a thread or a customer under two masked domains counts twice,
            // which only a customer writing from two such domains can cause.
            masked.customerMessages += row.customerMessages
            masked.threads += row.threads
            masked.uniqueCustomers += row.uniqueCustomers
            masked.enquiries += row.enquiries
            masked.answered += row.answered
            masked.firstResponseMinutes += row.firstResponseMinutes
        }
        if masked.customerMessages > 0 || masked.enquiries > 0 {
            masked.firstResponseMinutes.sort()
            kept.append(masked)
            kept.sort { ($0.customerMessages, $1.domain) > ($1.customerMessages, $0.domain) }
        }
        out.byDomain = kept
        return out
    }

    /// Whether a word of the domain ("boulangerie-roux.fr": boulangerie, roux) is a name seen in the headers.
    static func namesSomeone(_ domain: String, _ names: PersonalText) -> Bool {
        domain.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" }).contains {
            $0.count >= 3 && names.isName(Folding.fold(String($0)))
        }
    }
}
