/// The words of `report.md` in English and French.
struct ReportStrings {
    let language: ReportLanguage

    var isFrench: Bool { language == .french }
    var decimalMark: String { isFrench ? "," : "." }

    var title: String { isFrench ? "Rapport du centre d'aide" : "Help-center report" }
    func coverage(_ first: String, _ last: String, _ by: Granularity, _ zone: String) -> String {
        let unit: String
        switch by {
        case .day: unit = isFrench ? "par jour" : "by day"
        case .week: unit = isFrench ? "par semaine (ISO)" : "by ISO week"
        case .month: unit = isFrench ? "par mois" : "by month"
        }
        return isFrench
            ? "Du \(first) au \(last), \(unit), fuseau horaire \(zone)."
            : "From \(first) to \(last), \(unit), time zone \(zone)."
    }
    func previous(_ first: String, _ last: String) -> String {
        isFrench
            ? "Comparé à la période précédente de même durée : du \(first) au \(last)."
            : "Compared with the previous period of the same length: \(first) to \(last)."
    }
    var summary: String { isFrench ? "Synthèse" : "Summary" }
    var metric: String { isFrench ? "Indicateur" : "Metric" }
    var thisPeriod: String { isFrench ? "Période" : "This period" }
    var previousPeriod: String { isFrench ? "Période précédente" : "Previous period" }
    var change: String { isFrench ? "Évolution" : "Change" }
    var volume: String { isFrench ? "Volume dans le temps" : "Volume over time" }
    var period: String { isFrench ? "Période" : "Period" }
    var heatmap: String { isFrench ? "Quand les clients écrivent" : "When customers write" }
    var heatmapNote: String {
        isFrench
            ? "Messages de clients par jour de la semaine et par heure (heure locale)."
            : "Customer messages by weekday and hour (local time)."
    }
    var byMailbox: String { isFrench ? "Par boîte aux lettres" : "By mailbox" }
    var byLabel: String { isFrench ? "Par libellé" : "By label" }
    var byMember: String { isFrench ? "Par membre de l'équipe" : "By team member" }
    var byDomain: String { isFrench ? "Par domaine client" : "By customer domain" }
    var mailbox: String { isFrench ? "Boîte" : "Mailbox" }
    var label: String { isFrench ? "Libellé" : "Label" }
    var member: String { isFrench ? "Membre" : "Member" }
    var domain: String { isFrench ? "Domaine" : "Domain" }
    var threads: String { isFrench ? "Fils" : "Threads" }
    var messages: String { isFrench ? "Messages" : "Messages" }
    var firstResponses: String { isFrench ? "Premières réponses" : "First responses" }
    var topics: String { isFrench ? "Questions récurrentes" : "Recurring topics" }
    var topicsNote: String {
        isFrench
            ? "Regroupées à partir du texte écrit par les clients (sans l'historique cité ni les signatures), français et anglais ensemble."
            : "Grouped from what customers wrote (no quoted history, no signatures), French and English together."
    }
    var topic: String { isFrench ? "Sujet" : "Topic" }
    var share: String { isFrench ? "Part" : "Share" }
    var trend: String { isFrench ? "Tendance" : "Trend" }
    var article: String { isFrench ? "Article" : "Article" }
    var new: String { isFrench ? "nouveau" : "new" }
    var growing: String { isFrench ? "en forte hausse" : "growing fast" }
    var examples: String { isFrench ? "Exemples" : "Examples" }
    var keywords: String { isFrench ? "Mots-clés" : "Keywords" }
    var noTopics: String {
        isFrench ? "Aucune question récurrente trouvée sur la période." : "No recurring topic found in this period."
    }
    func unassigned(_ count: Int, _ total: Int) -> String {
        isFrench
            ? "\(count) message(s) de clients sur \(total) ne relèvent d'aucun sujet récurrent."
            : "\(count) of \(total) customer messages belong to no recurring topic."
    }
    var toWrite: String { isFrench ? "Articles à écrire" : "Articles to write" }
    var toWriteNote: String {
        isFrench
            ? "Les sujets récurrents qu'aucun article ne couvre, du plus fréquent au moins fréquent."
            : "Recurring topics no article covers, largest first."
    }
    var allCovered: String {
        isFrench
            ? "Chaque sujet récurrent est couvert par un article." : "Every recurring topic is covered by an article."
    }
    var noArticles: String {
        isFrench
            ? "Aucun article fourni : relancez avec `--articles DIR` pour savoir quels sujets n'ont pas d'article."
            : "No articles given: run again with `--articles DIR` to see which topics have none."
    }
    var method: String { isFrench ? "Définitions" : "Definitions" }
    var definitions: [String] {
        isFrench
            ? [
                "L'équipe et les clients sont distingués par les adresses et domaines `--team` du compte.",
                "La demande d'un fil est son premier message client ; le délai de première réponse va de la demande au premier message de l'équipe qui la suit.",
                "Taux de réponse : part des fils dont la demande tombe dans la période et qui ont reçu une réponse de l'équipe.",
                "Fils en attente : fils dont le dernier message à la fin de la période vient d'un client et date de la période.",
                "Médianes et 90e centiles (interpolation linéaire), jamais de moyennes.",
            ]
            : [
                "Team and customers are told apart by the account's `--team` addresses and domains.",
                "A thread's enquiry is its first customer message; first response time runs from the enquiry to the first team message after it.",
                "Reply rate: share of threads whose enquiry falls in the period that got a team reply.",
                "Waiting threads: threads whose last message by the end of the period is a customer's, sent in the period.",
                "Medians and 90th percentiles (linear interpolation), never means.",
            ]
    }
    var weekdays: [String] {
        isFrench
            ? ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
            : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    }
    var emailMask: String { isFrench ? "[adresse]" : "[email]" }
    var phoneMask: String { isFrench ? "[téléphone]" : "[phone]" }
    var nameMask: String { isFrench ? "[nom]" : "[name]" }
    var codeMask: String { isFrench ? "[référence]" : "[code]" }
    var postalMask: String { isFrench ? "[adresse postale]" : "[address]" }
    var domainMask: String { isFrench ? "[domaine]" : "[domain]" }

    func kpiName(_ key: String) -> String {
        let names: [String: (String, String)] = [
            "customer_messages": ("Customer messages", "Messages de clients"),
            "customer_replies": ("Customer replies", "Réponses de clients"),
            "team_replies": ("Team replies", "Réponses de l'équipe"),
            "new_threads": ("New threads", "Nouveaux fils"),
            "threads_replied": ("Threads replied to", "Fils ayant reçu une réponse"),
            "unique_customers": ("Unique customers", "Clients distincts"),
            "reply_rate": ("Reply rate", "Taux de réponse"),
            "first_response_median_minutes": ("First response, median", "Première réponse, médiane"),
            "first_response_p90_minutes": ("First response, 90th percentile", "Première réponse, 90e centile"),
            "replies_per_thread": ("Team replies per thread", "Réponses de l'équipe par fil"),
            "waiting_threads": ("Threads waiting for the team", "Fils en attente de l'équipe"),
        ]
        guard let pair = names[key] else { return key }
        return isFrench ? pair.1 : pair.0
    }

    /// "1 h 05", "3 j 4 h", "12 min": durations read better than raw minutes.
    func duration(_ minutes: Double?) -> String {
        guard let minutes else { return "—" }
        let total = Int(minutes.rounded())
        if total < 60 { return "\(total) min" }
        if total < 48 * 60 { return "\(total / 60) h \(pad(total % 60, 2))" }
        let day = isFrench ? "j" : "d"
        return "\(total / 1440) \(day) \((total % 1440) / 60) h"
    }

    func percent(_ fraction: Double?) -> String {
        guard let fraction else { return "—" }
        return NumberFormat.fixed(fraction * 100, 1, separator: decimalMark) + (isFrench ? " %" : "%")
    }

    func number(_ value: Double?, _ decimals: Int = 0) -> String {
        guard let value else { return "—" }
        return NumberFormat.compact(value, decimals, separator: decimalMark)
    }

    func signedPercent(_ fraction: Double?) -> String {
        guard let fraction else { return "—" }
        let sign = fraction > 0.0005 ? "+" : ""
        return sign + NumberFormat.fixed(fraction * 100, 1, separator: decimalMark) + (isFrench ? " %" : "%")
    }
}
