// Generated from the TOPICS, filler, greeting and closing tables of ../shared/bench/gen_corpus.py
// (the project's own corpus generator), so the Swift fixture plants topics the same way.

/// One planted topic: key, subjects and customer sentences in English and French, the agent's hint.
struct PlantedTopic {
    let key: String
    let subjectEN: String
    let subjectFR: String
    let customerEN: [String]
    let customerFR: [String]
    let agentEN: String
    let agentFR: String
}

enum PlantedTopicTables {
    static let topics: [PlantedTopic] = [
        PlantedTopic(
            key: "password_reset", subjectEN: "Password reset link not working",
            subjectFR: "Le lien de réinitialisation du mot de passe ne fonctionne pas",
            customerEN: [
                "I clicked the password reset link but it says the link has expired.",
                "I never received the password reset email, I checked my spam folder too.",
            ],
            customerFR: [
                "J'ai cliqué sur le lien de réinitialisation du mot de passe mais il est expiré.",
                "Je n'ai jamais reçu l'e-mail pour réinitialiser mon mot de passe, même dans les spams.",
            ],
            agentEN: "request a new password reset link from the sign-in page; links expire after 24 hours",
            agentFR:
                "demander un nouveau lien de réinitialisation depuis la page de connexion ; les liens expirent après 24 heures"
        ),
        PlantedTopic(
            key: "app_password", subjectEN: "App password rejected by mail client",
            subjectFR: "Mot de passe d'application refusé par le client mail",
            customerEN: [
                "My mail client keeps rejecting the app password you told me to create.",
                "The app password works once and then I get an authentication error again.",
            ],
            customerFR: [
                "Mon logiciel de messagerie refuse le mot de passe d'application que vous m'avez dit de créer.",
                "Le mot de passe d'application fonctionne une fois puis j'ai de nouveau une erreur d'authentification.",
            ],
            agentEN: "generate a new app password (16 characters, no spaces) and paste it in the client",
            agentFR:
                "générer un nouveau mot de passe d'application (16 caractères, sans espaces) et le coller dans le client"
        ),
        PlantedTopic(
            key: "two_step", subjectEN: "Locked out after enabling two-step verification",
            subjectFR: "Bloqué après l'activation de la validation en deux étapes",
            customerEN: [
                "Since I enabled two-step verification I cannot sign in, my phone was replaced.",
                "The two-step verification code never arrives by SMS.",
            ],
            customerFR: [
                "Depuis que j'ai activé la validation en deux étapes je ne peux plus me connecter, j'ai changé de téléphone.",
                "Le code de validation en deux étapes n'arrive jamais par SMS.",
            ],
            agentEN: "use one of your backup codes, then re-enroll your new phone for two-step verification",
            agentFR:
                "utiliser un de vos codes de secours puis réenregistrer votre nouveau téléphone pour la validation en deux étapes"
        ),
        PlantedTopic(
            key: "billing_double", subjectEN: "Charged twice this month", subjectFR: "Prélevé deux fois ce mois-ci",
            customerEN: [
                "I was charged twice on my credit card for the same invoice.",
                "My bank statement shows two payments for the monthly subscription.",
            ],
            customerFR: [
                "J'ai été prélevé deux fois sur ma carte bancaire pour la même facture.",
                "Mon relevé bancaire indique deux paiements pour l'abonnement mensuel.",
            ],
            agentEN: "the duplicate charge is a pre-authorisation and will be released within 5 business days",
            agentFR: "le double prélèvement est une pré-autorisation qui sera annulée sous 5 jours ouvrés"),
        PlantedTopic(
            key: "invoice_vat", subjectEN: "Invoice missing VAT number", subjectFR: "Facture sans numéro de TVA",
            customerEN: [
                "Our accounting department needs the VAT number on the invoice.",
                "Can you reissue the invoice with our company name and VAT number?",
            ],
            customerFR: [
                "Notre service comptabilité a besoin du numéro de TVA intracommunautaire sur la facture.",
                "Pouvez-vous rééditer la facture avec la raison sociale et le numéro de TVA ?",
            ],
            agentEN: "add the VAT number under Billing > Company details; new invoices will include it",
            agentFR:
                "ajouter le numéro de TVA dans Facturation > Informations société ; les prochaines factures l'incluront"
        ),
        PlantedTopic(
            key: "refund", subjectEN: "Refund request for annual plan",
            subjectFR: "Demande de remboursement de l'abonnement annuel",
            customerEN: [
                "I would like a refund, I subscribed to the annual plan by mistake.",
                "It has been two weeks and I still have not received my refund.",
            ],
            customerFR: [
                "Je souhaite être remboursé, j'ai souscrit à l'abonnement annuel par erreur.",
                "Cela fait deux semaines et je n'ai toujours pas reçu mon remboursement.",
            ],
            agentEN: "refunds are processed within 10 days to the original payment method",
            agentFR: "les remboursements sont traités sous 10 jours sur le moyen de paiement d'origine"),
        PlantedTopic(
            key: "export_csv", subjectEN: "Export to CSV fails", subjectFR: "L'export CSV échoue",
            customerEN: [
                "The CSV export stops at 50% and the file is empty.",
                "When I export my contacts to CSV the accents are broken in Excel.",
            ],
            customerFR: [
                "L'export CSV s'arrête à 50 % et le fichier est vide.",
                "Quand j'exporte mes contacts en CSV les accents sont cassés dans Excel.",
            ],
            agentEN: "choose UTF-8 with BOM in the export options, or split the export by date range",
            agentFR: "choisir UTF-8 avec BOM dans les options d'export, ou découper l'export par période"),
        PlantedTopic(
            key: "data_export", subjectEN: "Request a full export of my data",
            subjectFR: "Demande d'export complet de mes données",
            customerEN: [
                "Under GDPR I request a full export of all my personal data.",
                "The data export archive link in your email does not open.",
            ],
            customerFR: [
                "Conformément au RGPD je demande un export complet de mes données personnelles.",
                "Le lien vers l'archive d'export de mes données ne s'ouvre pas.",
            ],
            agentEN: "the archive is prepared within 48 hours and the download link stays valid for 7 days",
            agentFR: "l'archive est préparée sous 48 heures et le lien de téléchargement reste valable 7 jours"),
        PlantedTopic(
            key: "integration_slack", subjectEN: "Slack integration error", subjectFR: "Erreur d'intégration Slack",
            customerEN: [
                "The Slack integration shows 'token revoked' and notifications stopped.",
                "Since yesterday the Slack integration posts every message twice.",
            ],
            customerFR: [
                "L'intégration Slack affiche « token revoked » et les notifications se sont arrêtées.",
                "Depuis hier l'intégration Slack publie chaque message en double.",
            ],
            agentEN: "disconnect and reconnect the Slack integration from Settings > Integrations",
            agentFR: "déconnecter puis reconnecter l'intégration Slack depuis Paramètres > Intégrations"),
        PlantedTopic(
            key: "integration_api", subjectEN: "API returns 401 Unauthorized",
            subjectFR: "L'API renvoie une erreur 401",
            customerEN: [
                "Our integration calls to the API return 401 Unauthorized since this morning.",
                "The webhook integration keeps failing with a timeout error.",
            ],
            customerFR: [
                "Les appels de notre intégration à l'API renvoient 401 Unauthorized depuis ce matin.",
                "L'intégration webhook échoue en permanence avec une erreur de timeout.",
            ],
            agentEN: "API keys created before the migration must be regenerated; webhooks time out after 10 seconds",
            agentFR:
                "les clés API créées avant la migration doivent être régénérées ; les webhooks expirent après 10 secondes"
        ),
        PlantedTopic(
            key: "sync_calendar", subjectEN: "Calendar not syncing with Outlook",
            subjectFR: "Le calendrier ne se synchronise pas avec Outlook",
            customerEN: [
                "My calendar events do not sync with Outlook anymore.",
                "Recurring events appear twice after the calendar sync.",
            ],
            customerFR: [
                "Mes événements de calendrier ne se synchronisent plus avec Outlook.",
                "Les événements récurrents apparaissent en double après la synchronisation du calendrier.",
            ],
            agentEN: "remove the calendar subscription in Outlook and add it again with the new ICS link",
            agentFR: "supprimer l'abonnement au calendrier dans Outlook et l'ajouter à nouveau avec le nouveau lien ICS"
        ),
        PlantedTopic(
            key: "mobile_crash", subjectEN: "Mobile app crashes on startup",
            subjectFR: "L'application mobile plante au démarrage",
            customerEN: [
                "The mobile app crashes on startup since the last update.",
                "The Android app closes as soon as I open the inbox.",
            ],
            customerFR: [
                "L'application mobile plante au démarrage depuis la dernière mise à jour.",
                "L'application Android se ferme dès que j'ouvre la boîte de réception.",
            ],
            agentEN: "clear the app cache or reinstall version 5.2.1 which fixes the crash",
            agentFR: "vider le cache de l'application ou réinstaller la version 5.2.1 qui corrige le plantage"),
        PlantedTopic(
            key: "account_delete", subjectEN: "Please delete my account", subjectFR: "Merci de supprimer mon compte",
            customerEN: [
                "Please delete my account and all associated data.",
                "I asked for my account deletion last month and I still receive emails.",
            ],
            customerFR: [
                "Merci de supprimer mon compte et toutes les données associées.",
                "J'ai demandé la suppression de mon compte le mois dernier et je reçois encore des e-mails.",
            ],
            agentEN: "account deletion is final after a 30-day grace period",
            agentFR: "la suppression du compte est définitive après un délai de grâce de 30 jours"),
        PlantedTopic(
            key: "email_change", subjectEN: "Change the email address on my account",
            subjectFR: "Changer l'adresse e-mail de mon compte",
            customerEN: [
                "I need to change the email address on my account, I no longer have access to the old one.",
                "The confirmation email for my new address never arrives.",
            ],
            customerFR: [
                "Je dois changer l'adresse e-mail de mon compte, je n'ai plus accès à l'ancienne.",
                "L'e-mail de confirmation pour ma nouvelle adresse n'arrive jamais.",
            ],
            agentEN: "we need a photo of an ID document to change the address without access to the old mailbox",
            agentFR: "nous avons besoin d'une pièce d'identité pour changer l'adresse sans accès à l'ancienne boîte"),
        PlantedTopic(
            key: "storage_full", subjectEN: "Storage quota full", subjectFR: "Espace de stockage plein",
            customerEN: [
                "It says my storage is full but I deleted many files.", "How can I buy more storage for my team?",
            ],
            customerFR: [
                "Il est indiqué que mon espace de stockage est plein alors que j'ai supprimé beaucoup de fichiers.",
                "Comment acheter plus d'espace de stockage pour mon équipe ?",
            ],
            agentEN: "deleted files stay in the trash for 30 days and still count towards the quota",
            agentFR: "les fichiers supprimés restent 30 jours dans la corbeille et comptent toujours dans le quota"),
        PlantedTopic(
            key: "spam_filter", subjectEN: "Legitimate emails going to spam",
            subjectFR: "Des e-mails légitimes arrivent dans les spams",
            customerEN: [
                "Emails from our clients keep going to the spam folder.",
                "Our newsletter is flagged as spam by your filter.",
            ],
            customerFR: [
                "Les e-mails de nos clients arrivent systématiquement dans les indésirables.",
                "Notre newsletter est classée comme spam par votre filtre.",
            ],
            agentEN: "add the sender to your contacts and check the SPF and DKIM records of the domain",
            agentFR: "ajouter l'expéditeur à vos contacts et vérifier les enregistrements SPF et DKIM du domaine"),
        PlantedTopic(
            key: "imap_setup", subjectEN: "IMAP settings for Thunderbird",
            subjectFR: "Paramètres IMAP pour Thunderbird",
            customerEN: [
                "What are the IMAP and SMTP settings for Thunderbird?",
                "Thunderbird says the IMAP server is not responding.",
            ],
            customerFR: [
                "Quels sont les paramètres IMAP et SMTP pour Thunderbird ?",
                "Thunderbird indique que le serveur IMAP ne répond pas.",
            ],
            agentEN: "use imap port 993 with SSL/TLS and smtp port 465, with your full email address as user name",
            agentFR:
                "utiliser le port IMAP 993 en SSL/TLS et le port SMTP 465, avec l'adresse e-mail complète comme identifiant"
        ),
        PlantedTopic(
            key: "subscription_cancel", subjectEN: "Cancel my subscription", subjectFR: "Résilier mon abonnement",
            customerEN: [
                "I want to cancel my subscription before the renewal date.",
                "I cancelled my subscription but I was charged again.",
            ],
            customerFR: [
                "Je souhaite résilier mon abonnement avant la date de renouvellement.",
                "J'ai résilié mon abonnement mais j'ai encore été prélevé.",
            ],
            agentEN: "cancel from Billing > Subscription at least 24 hours before renewal",
            agentFR: "résilier depuis Facturation > Abonnement au moins 24 heures avant le renouvellement"),
        PlantedTopic(
            key: "plan_upgrade", subjectEN: "Upgrade to the Business plan", subjectFR: "Passer à l'offre Business",
            customerEN: [
                "We would like to upgrade to the Business plan for 25 users.",
                "Is the upgrade to the Business plan prorated?",
            ],
            customerFR: [
                "Nous souhaitons passer à l'offre Business pour 25 utilisateurs.",
                "Le passage à l'offre Business est-il calculé au prorata ?",
            ],
            agentEN: "the upgrade is prorated and effective immediately",
            agentFR: "le changement d'offre est calculé au prorata et immédiat"),
        PlantedTopic(
            key: "login_suspicious", subjectEN: "Suspicious sign-in alert", subjectFR: "Alerte de connexion suspecte",
            customerEN: [
                "I received a suspicious sign-in alert from another country.",
                "My account was blocked after a suspicious login attempt.",
            ],
            customerFR: [
                "J'ai reçu une alerte de connexion suspecte depuis un autre pays.",
                "Mon compte a été bloqué après une tentative de connexion suspecte.",
            ],
            agentEN: "change your password immediately and review the active sessions",
            agentFR: "changez immédiatement votre mot de passe et vérifiez les sessions actives"),
        PlantedTopic(
            key: "attachment_size", subjectEN: "Cannot send large attachments",
            subjectFR: "Impossible d'envoyer des pièces jointes volumineuses",
            customerEN: ["I cannot send attachments larger than 10 MB.", "My attachment upload stays stuck at 99%."],
            customerFR: [
                "Je ne peux pas envoyer de pièces jointes de plus de 10 Mo.",
                "Le téléversement de ma pièce jointe reste bloqué à 99 %.",
            ],
            agentEN: "the attachment limit is 25 MB; larger files should be shared as links",
            agentFR:
                "la limite des pièces jointes est de 25 Mo ; les fichiers plus lourds doivent être partagés par lien"),
        PlantedTopic(
            key: "signature_html", subjectEN: "HTML signature broken", subjectFR: "Signature HTML cassée",
            customerEN: [
                "My HTML signature displays as raw code for recipients.",
                "The logo in my signature is replaced by an attachment.",
            ],
            customerFR: [
                "Ma signature HTML s'affiche en code brut chez les destinataires.",
                "Le logo de ma signature est remplacé par une pièce jointe.",
            ],
            agentEN: "paste the signature with formatting from a browser, not from Word",
            agentFR: "coller la signature avec sa mise en forme depuis un navigateur, pas depuis Word"),
        PlantedTopic(
            key: "domain_dns", subjectEN: "Custom domain verification failed",
            subjectFR: "Échec de la vérification du domaine personnalisé",
            customerEN: [
                "The custom domain verification failed, the TXT record is in place.",
                "Our MX records point to you but emails bounce.",
            ],
            customerFR: [
                "La vérification du domaine personnalisé a échoué alors que l'enregistrement TXT est en place.",
                "Nos enregistrements MX pointent vers vous mais les e-mails sont rejetés.",
            ],
            agentEN: "DNS changes can take up to 48 hours to propagate",
            agentFR: "la propagation DNS peut prendre jusqu'à 48 heures"),
        PlantedTopic(
            key: "shared_inbox", subjectEN: "Shared inbox permissions", subjectFR: "Droits sur la boîte partagée",
            customerEN: [
                "A colleague cannot see the shared inbox anymore.",
                "How do I give read-only access to the shared inbox?",
            ],
            customerFR: [
                "Une collègue ne voit plus la boîte partagée.",
                "Comment donner un accès en lecture seule à la boîte partagée ?",
            ],
            agentEN: "shared inbox permissions are managed by the workspace administrator",
            agentFR: "les droits sur la boîte partagée sont gérés par l'administrateur de l'espace"),
        PlantedTopic(
            key: "notifications", subjectEN: "Too many notification emails",
            subjectFR: "Trop d'e-mails de notification",
            customerEN: [
                "I receive far too many notification emails every day.",
                "How can I turn off the daily digest notifications?",
            ],
            customerFR: [
                "Je reçois beaucoup trop d'e-mails de notification chaque jour.",
                "Comment désactiver les notifications du résumé quotidien ?",
            ],
            agentEN: "notification preferences are under Settings > Notifications",
            agentFR: "les préférences de notification sont dans Paramètres > Notifications"),
        PlantedTopic(
            key: "language", subjectEN: "Interface language wrong", subjectFR: "Langue de l'interface incorrecte",
            customerEN: [
                "The interface switched to English although I chose French.",
                "Dates are displayed in the wrong format.",
            ],
            customerFR: [
                "L'interface est passée en anglais alors que j'ai choisi le français.",
                "Les dates s'affichent dans le mauvais format.",
            ],
            agentEN: "the language follows the browser setting unless it is fixed in the profile",
            agentFR: "la langue suit le réglage du navigateur sauf si elle est fixée dans le profil"),
        PlantedTopic(
            key: "migration", subjectEN: "Migrating mail from my old provider",
            subjectFR: "Migration de mes e-mails depuis mon ancien fournisseur",
            customerEN: [
                "The migration from my old provider stopped halfway.",
                "Some folders were not imported during the migration.",
            ],
            customerFR: [
                "La migration depuis mon ancien fournisseur s'est arrêtée à mi-chemin.",
                "Certains dossiers n'ont pas été importés pendant la migration.",
            ],
            agentEN: "restart the migration; already imported messages are skipped",
            agentFR: "relancer la migration ; les messages déjà importés sont ignorés"),
        PlantedTopic(
            key: "printing", subjectEN: "Printing emails cuts the text",
            subjectFR: "L'impression des e-mails coupe le texte",
            customerEN: [
                "When I print an email the right side of the text is cut.",
                "Printing a conversation only prints the first message.",
            ],
            customerFR: [
                "Quand j'imprime un e-mail le côté droit du texte est coupé.",
                "L'impression d'une conversation n'imprime que le premier message.",
            ],
            agentEN: "use the print-all icon in the conversation view",
            agentFR: "utiliser l'icône « tout imprimer » dans la vue conversation"),
        PlantedTopic(
            key: "contacts_lost", subjectEN: "Contacts disappeared", subjectFR: "Mes contacts ont disparu",
            customerEN: [
                "All my contacts disappeared after the update.", "Half of my contacts are missing on my phone.",
            ],
            customerFR: [
                "Tous mes contacts ont disparu après la mise à jour.",
                "La moitié de mes contacts manquent sur mon téléphone.",
            ],
            agentEN: "contacts can be restored from the last 30 days under Contacts > Undo changes",
            agentFR: "les contacts peuvent être restaurés sur 30 jours via Contacts > Annuler les modifications"),
        PlantedTopic(
            key: "feature_request", subjectEN: "Feature request: dark mode", subjectFR: "Suggestion : mode sombre",
            customerEN: [
                "It would be great to have a dark mode and keyboard shortcuts.",
                "Please add the possibility to schedule emails.",
            ],
            customerFR: [
                "Ce serait bien d'avoir un mode sombre et des raccourcis clavier.",
                "Merci d'ajouter la possibilité de programmer l'envoi des e-mails.",
            ],
            agentEN: "we have forwarded your suggestion to the product team",
            agentFR: "nous avons transmis votre suggestion à l'équipe produit"),
    ]
    static let enFiller: [String] = [
        "Thanks for your quick answer.", "I tried what you suggested but it still does not work.",
        "This is urgent, I need it for a client meeting tomorrow.", "I am using Windows 11 and the latest Chrome.",
        "Please find below the details you asked for.", "Could you please escalate this to a technician?",
        "It worked for a few days and then the problem came back.", "I have attached a screenshot of the error.",
        "My account number is in the original message.", "Let me know if you need anything else from me.",
        "I am not very good with computers so please explain step by step.",
        "This is the third time I contact you about this.",
    ]
    static let frFiller: [String] = [
        "Merci pour votre réponse rapide.",
        "J'ai essayé ce que vous m'avez conseillé mais cela ne fonctionne toujours pas.",
        "C'est urgent, j'en ai besoin pour un rendez-vous client demain.",
        "J'utilise Windows 11 et la dernière version de Chrome.",
        "Vous trouverez ci-dessous les informations demandées.",
        "Pourriez-vous transmettre ma demande à un technicien ?",
        "Cela a fonctionné quelques jours puis le problème est revenu.",
        "Je vous joins une capture d'écran de l'erreur.", "Mon numéro de client figure dans le message d'origine.",
        "N'hésitez pas à revenir vers moi si besoin.",
        "Je ne suis pas très à l'aise avec l'informatique, merci de m'expliquer étape par étape.",
        "C'est la troisième fois que je vous contacte à ce sujet.",
    ]
    static let enClose: [String] = ["Best regards,", "Kind regards,", "Thanks,", "Cheers,", "Regards,"]
    static let frClose: [String] = [
        "Cordialement,", "Bien cordialement,", "Merci d'avance,", "Bonne journée,", "Salutations distinguées,",
    ]
    static let firstFr: [String] = [
        "Marie", "Jean", "Françoise", "Stéphane", "Hélène", "Jérôme", "Amélie", "François", "Cécile", "Loïc", "Élodie",
        "Sébastien", "Chloé", "Benoît", "Anaïs", "Raphaël", "Inès", "Gaëlle", "Noël", "Zoé", "Pierre", "Nathalie",
        "Thomas", "Camille", "Julien", "Sophie", "Nicolas", "Aurélie", "Olivier", "Léa",
    ]
    static let lastFr: [String] = [
        "Dupont", "Lefèvre", "Martin", "Bernard", "Durand", "Moreau", "Lévêque", "Girard", "Bonnet", "Fournier",
        "Mercier", "Rousseau", "Blanc", "Guérin", "Müller", "Faure", "André", "Chevalier", "Benoît", "Gauthier",
    ]
    static let firstEn: [String] = [
        "James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda", "William", "Elizabeth",
        "Richard", "Susan", "Joseph", "Jessica", "Sarah", "Daniel", "Karen", "Chris", "Emily", "Andrew",
    ]
    static let lastEn: [String] = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor", "O'Brien", "Anderson",
        "Thomas", "Moore", "Clark", "Lewis", "Walker", "Hall", "Young", "King", "Wright",
    ]
    static let domFr: [String] = [
        "orange.fr", "free.fr", "gmail.com", "laposte.net", "sfr.fr", "wanadoo.fr", "hotmail.fr", "yahoo.fr",
        "entreprise-durand.fr", "cabinet-martin.fr",
    ]
    static let domEn: [String] = [
        "gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com", "acme-corp.com", "example.org",
        "btinternet.com",
    ]
    static let greetingsFR: [String] = [
        "Bonjour,", "Bonjour Madame, Monsieur,", "Bonsoir,", "Bonjour à l'équipe support,",
    ]
    static let greetingsEN: [String] = ["Hello,", "Hi,", "Dear support team,", "Good morning,"]
    static let agents: [(String, String)] = [
        ("Support Helpdesk", "support@helpcenter.example"), ("Équipe Support", "support@helpcenter.example"),
        ("Camille (Help Center)", "camille@helpcenter.example"), ("Hugo — Service client", "hugo@helpcenter.example"),
        ("Priya from Help Center", "priya@helpcenter.example"), ("Tom (Support)", "tom@helpcenter.example"),
    ]
}
