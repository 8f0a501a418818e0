"""What the customers of an energy supplier (electricity and gas, France) ask, in French and English, and the team's
saved replies. Written for scripts/eval/gen_helpcenter.py from issue 11's description of real help-center mail,
without looking at how mailmirror groups topics.

Each question has: several unrelated wordings per language (different vocabulary and angle, short and long), a few
subjects a customer might choose for it (used for a minority of threads; most subjects are vague), two saved
replies per language (the team picks one per thread; {name} is the greeting's name, {ref} the customer's contract
number, {article} the help-center link when the reply carries one), and follow-ups specific to the question.
`weight` is how often it is asked (Zipf-like, set by hand before any run).
"""

HELP = "https://aide.lumina-energie.example/hc"

QUESTIONS = [
    {
        "id": "meter_reading", "weight": 10, "article": 360014101,
        "fr": [
            "Je n'arrive pas à transmettre mon relevé sur votre site, le formulaire me répond que l'index est incohérent.",
            "comment je fais pour vous donner les chiffres de mon compteur ? j'ai jamais reçu de rappel",
            "Votre technicien n'est jamais passé et ma facture est estimée. Voici mes index du jour : heures pleines 45872, heures creuses 23110. Pouvez-vous les prendre en compte ?",
            "L'appli refuse ma saisie pour le gaz, elle dit que la valeur est plus basse que la précédente alors que je l'ai lue ce matin même sur l'appareil.",
            "Où dois-je envoyer mon autorelevé ??",
            "Je vous joins une photo de l'écran du Linky avec les consommations, merci de corriger ma dernière facture qui ne correspond pas du tout.",
        ],
        "en": [
            "How do I submit a meter reading? I can't find where to do it in my online account.",
            "Your website keeps rejecting the numbers I type in from my electricity meter, it says the reading is lower than expected.",
            "I've taken a photo of my gas meter, can you update my account with it? The last bill was clearly a guess.",
            "Is there a deadline each month to send the index? I missed the reminder text.",
            "where do i put my readings",
            "The figures on the display of the box in my hallway don't match what's on my statement at all. Which number am I supposed to give you, there are three of them?",
        ],
        "subj_fr": ["Relevé compteur", "index", "autorelevé"], "subj_en": ["Meter reading", "readings"],
        "reply_fr": [
            "Vous pouvez transmettre votre relevé à tout moment depuis votre espace client, rubrique « Ma consommation > Saisir un index », ou depuis l'application. Si le site indique un index incohérent, vérifiez que vous avez saisi uniquement les chiffres avant la virgule. Le pas à pas est ici : {article}",
            "J'ai bien enregistré les index que vous nous avez communiqués sur le contrat {ref}. Une facture rectificative sera émise sous 5 jours ouvrés et remplacera l'estimation.",
        ],
        "reply_en": [
            "You can send us your reading at any time from your online account, under \"My usage > Enter a reading\", or from the app. If the site says the reading is inconsistent, please enter only the digits before the decimal point. Step-by-step guide: {article}",
            "I have recorded the readings you gave us on contract {ref}. A corrected bill will be issued within 5 working days and will replace the estimate.",
        ],
        "follow_fr": ["J'ai refait la saisie mais le site me met toujours le même message d'erreur.", "Et pour le gaz c'est pareil ? il y a deux compteurs chez moi"],
        "follow_en": ["I tried again and still get the same error message on the website.", "Does the same apply for the gas meter? I have two meters."],
    },
    {
        "id": "bill_too_high", "weight": 9, "article": 360014102,
        "fr": [
            "Ma dernière facture est de 412 € alors que je paie d'habitude autour de 90 €. Il doit y avoir une erreur, je n'ai rien changé chez moi.",
            "Je conteste le montant de la régularisation annuelle, c'est énorme et incompréhensible.",
            "Comment est-ce possible de consommer autant en un mois ?? on était en vacances la moitié du temps",
            "montant facture délirant, merci de m'expliquer",
            "Bonjour, je viens de recevoir un courrier me demandant de payer un rattrapage de plus de 600 euros. Je suis seule dans un T2, ça me paraît impossible. Pouvez-vous vérifier le calcul ?",
        ],
        "en": [
            "My latest bill is £412, I normally pay around £90. Something has gone wrong, nothing has changed at home.",
            "I'd like to dispute the annual adjustment on my account, the amount is far too high.",
            "How on earth did we use that much energy in one month? We were away for half of it!",
            "Why is my statement so expensive this time?",
            "I just got a letter asking me to pay an extra 600 euros catch-up charge. I live alone in a small flat, this can't be right. Can someone check how it was worked out?",
        ],
        "subj_fr": ["Facture trop élevée", "Contestation facture", "montant"], "subj_en": ["Bill too high", "Dispute"],
        "reply_fr": [
            "Une hausse de cette ampleur vient le plus souvent d'une facture établie sur estimation suivie d'un relevé réel. Nous avons ouvert une vérification de votre consommation sur le contrat {ref} ; en attendant, vous pouvez comparer vos index ici : {article}",
            "Après vérification, le montant correspond à la régularisation annuelle : vos mensualités étaient calculées sur une consommation inférieure à celle relevée. Nous pouvons étaler ce montant sur 3 à 6 mois sans frais si vous le souhaitez.",
        ],
        "reply_en": [
            "An increase this large usually comes from an estimated bill followed by an actual reading. We have opened a usage check on contract {ref}; meanwhile you can compare your readings here: {article}",
            "Having checked, the amount is your annual adjustment: your monthly payments were based on lower usage than what was actually read. We can spread this amount over 3 to 6 months at no cost if you wish.",
        ],
        "follow_fr": ["D'accord, je veux bien l'étalement sur 6 mois.", "Je ne comprends toujours pas, mes index n'ont presque pas bougé."],
        "follow_en": ["OK, I'd like to spread it over 6 months please.", "I still don't get it, my readings have barely moved."],
    },
    {
        "id": "bank_details", "weight": 7, "article": 360014103,
        "fr": [
            "J'ai changé de banque, comment vous envoyer mon nouveau RIB pour les prélèvements ?",
            "Le prélèvement de ce mois a été rejeté parce que mon ancien compte est clôturé. Je vous mets mes nouvelles coordonnées bancaires ci-dessous.",
            "Je souhaite modifier le compte sur lequel vous prélevez, le mandat SEPA doit être refait ?",
            "nouveau rib ci joint",
            "Vous avez prélevé sur le compte de mon ex-mari alors que j'ai demandé le changement il y a deux mois !",
        ],
        "en": [
            "I've switched banks, how do I give you my new account details for the direct debit?",
            "This month's payment bounced because my old account is closed. My new sort code and account number are below.",
            "Do I need to sign a new mandate to change the account you take payments from?",
            "new bank details attached",
            "You're still taking the money from my ex-partner's account even though I asked you to change it two months ago.",
        ],
        "subj_fr": ["Changement de RIB", "prélèvement", "coordonnées bancaires"], "subj_en": ["Direct debit", "New bank account"],
        "reply_fr": [
            "Pour des raisons de sécurité nous ne pouvons pas prendre de coordonnées bancaires par e-mail. Vous pouvez les modifier vous-même dans votre espace client, rubrique « Mon paiement » ; le nouveau mandat SEPA est signé en ligne en deux minutes : {article}",
            "Le changement de compte est bien enregistré sur le contrat {ref} ; il s'appliquera à partir de la prochaine échéance. Aucun frais ne sera facturé pour le rejet du mois dernier.",
        ],
        "reply_en": [
            "For security reasons we cannot take bank details by email. You can change them yourself in your online account under \"My payments\"; the new Direct Debit mandate is signed online in two minutes: {article}",
            "The new account is now set up on contract {ref} and will be used from your next payment date. We will not charge you for last month's failed payment.",
        ],
        "follow_fr": ["Je ne trouve pas la rubrique Mon paiement dans l'appli.", "Et le prélèvement rejeté, vous allez le représenter quand ?"],
        "follow_en": ["I can't see the My payments section in the app.", "When will you retry the payment that failed?"],
    },
    {
        "id": "moving_house", "weight": 8, "article": 360014104,
        "fr": [
            "Je déménage le 15 du mois prochain, comment faire suivre mon contrat dans le nouveau logement ?",
            "Nous quittons l'appartement fin juin. Que faut-il faire pour arrêter l'électricité à l'ancienne adresse et la mettre en route à la nouvelle ?",
            "J'emménage dans une maison où le compteur est coupé, il me faut du courant avant samedi",
            "changement d'adresse suite demenagement",
            "Mon propriétaire me dit que le contrat est toujours à mon nom alors que j'ai rendu les clés en mars. Je pensais que c'était automatique ?",
        ],
        "en": [
            "I'm moving house on the 15th of next month, how do I transfer my contract to the new place?",
            "We're leaving the flat at the end of June. What do I need to do to stop the supply at the old address and start it at the new one?",
            "Just got the keys to a house where the power is switched off, I need electricity before Saturday.",
            "change of address - moving",
            "My landlord says the account is still in my name but I handed the keys back in March. I thought this happened automatically?",
        ],
        "subj_fr": ["Déménagement", "Nouvelle adresse", "emménagement"], "subj_en": ["Moving house", "Moving", "New address"],
        "reply_fr": [
            "Pour un déménagement, il suffit de nous indiquer la date de départ, les index de l'ancien logement et la nouvelle adresse depuis votre espace client : nous résilions l'ancien point et ouvrons le nouveau le même jour, sans frais de notre part. Le détail : {article}",
            "C'est noté : la fin de contrat à l'ancienne adresse et la mise en service à la nouvelle sont programmées. Le gestionnaire de réseau peut facturer un déplacement si le compteur est coupé ; vous recevrez la confirmation par SMS.",
        ],
        "reply_en": [
            "When you move, just give us your leaving date, the final readings and your new address from your online account: we close the old supply and open the new one on the same day, at no charge from us. Details: {article}",
            "All noted: the end of contract at your old address and the start of supply at the new one are booked. The network operator may charge a call-out if the meter is switched off; you will get an SMS confirmation.",
        ],
        "follow_fr": ["Et si je n'ai pas encore les index de la nouvelle maison ?", "La date a changé, ce sera le 22 finalement."],
        "follow_en": ["What if I don't have the readings at the new house yet?", "The date has changed, it will be the 22nd now."],
    },
    {
        "id": "smart_meter", "weight": 6, "article": 360014105,
        "fr": [
            "J'ai reçu un courrier pour la pose du Linky mais je ne serai pas là ce jour-là, comment décaler le rendez-vous ?",
            "Est-ce que je suis obligé d'accepter le nouveau compteur communicant ? Je suis inquiet pour les ondes.",
            "Le technicien devait venir changer le compteur mardi, personne n'est venu et personne n'a prévenu.",
            "rdv pose compteur linky",
            "Depuis qu'on m'a mis le compteur vert, mon disjoncteur saute dès que je lance le four et la machine en même temps.",
        ],
        "en": [
            "I got a letter about installing a smart meter but I won't be home that day, how can I move the appointment?",
            "Do I have to accept the new smart meter? I have concerns about it.",
            "An engineer was supposed to come and swap my meter on Tuesday, nobody turned up and nobody called.",
            "smart meter appointment",
            "Since they fitted the new green meter my fuse box trips whenever the oven and washing machine run together.",
        ],
        "subj_fr": ["Linky", "compteur communicant", "Rendez-vous technicien"], "subj_en": ["Smart meter", "Engineer appointment"],
        "reply_fr": [
            "La pose des compteurs communicants est réalisée par le gestionnaire de réseau Enedis et non par Lumina Énergie. Pour déplacer ou contester le rendez-vous, contactez-le au numéro indiqué sur le courrier ; nous expliquons les démarches ici : {article}",
            "Nous avons signalé l'absence du technicien au gestionnaire de réseau pour votre point de livraison ; un nouveau créneau vous sera proposé par SMS sous 48 h.",
        ],
        "reply_en": [
            "Smart meters are fitted by the network operator (Enedis), not by Lumina Énergie. To move or decline the appointment, please call the number on their letter; we explain the steps here: {article}",
            "We have reported the missed appointment to the network operator for your supply point; a new slot will be offered to you by SMS within 48 hours.",
        ],
        "follow_fr": ["Le numéro du courrier ne répond jamais.", "Toujours pas de SMS, c'est normal ?"],
        "follow_en": ["The number on the letter never answers.", "Still no text message, is that normal?"],
    },
    {
        "id": "power_cut", "weight": 6, "article": None,
        "fr": [
            "Plus de courant dans toute la maison depuis ce matin, les voisins non plus. Que se passe-t-il ?",
            "On a été coupés sans aucun avertissement alors que toutes nos factures sont payées !!",
            "panne électricité rue des Lilas, combien de temps ?",
            "Il y a des micro-coupures plusieurs fois par jour depuis une semaine, mon frigo et ma box redémarrent sans arrêt.",
        ],
        "en": [
            "No power in the whole house since this morning and the neighbours are out too. What's going on?",
            "We've been cut off with no warning whatsoever and all our bills are paid!!",
            "power outage in our street, how long will it last?",
            "The electricity has been flickering off and on several times a day for a week, my fridge and router keep rebooting.",
        ],
        "subj_fr": ["Coupure", "URGENT plus d'électricité", "panne"], "subj_en": ["Power cut", "URGENT no electricity", "outage"],
        "reply_fr": [
            "Les pannes et coupures sur le réseau sont gérées par Enedis, joignable 24h/24 au 09 72 67 50 XX (indiquez le numéro de votre département). Nous ne pouvons malheureusement pas intervenir sur le réseau nous-mêmes.",
            "Nous avons vérifié votre contrat {ref} : aucune coupure n'a été demandée par Lumina Énergie, il s'agit donc d'un incident réseau. Enedis publie les interruptions en cours et leur durée estimée sur son site de dépannage.",
        ],
        "reply_en": [
            "Faults and outages on the network are handled by Enedis, available 24/7 on 09 72 67 50 XX (add your département number). Unfortunately we cannot work on the network ourselves.",
            "We have checked contract {ref}: Lumina Énergie did not request any disconnection, so this is a network fault. Enedis lists current outages and their expected duration on its fault-finding website.",
        ],
        "follow_fr": ["C'est revenu vers 18h, mais j'ai perdu tout le congélateur. Qui rembourse ?", "Enedis me renvoie vers vous..."],
        "follow_en": ["It came back around 6pm but I lost the whole freezer. Who pays for that?", "Enedis are sending me back to you..."],
    },
    {
        "id": "monthly_payment", "weight": 7, "article": 360014107,
        "fr": [
            "Je voudrais baisser ma mensualité, elle est passée à 180 € alors que ma consommation n'a pas changé.",
            "Est-il possible de payer tous les mois la même somme plutôt que tous les deux mois selon la conso ?",
            "Vous avez augmenté mon échéancier sans me demander mon avis, je souhaite revenir à l'ancien montant.",
            "modifier montant mensualisation svp",
            "Avec le chauffage électrique l'hiver me coûte une fortune, je préférerais lisser sur l'année. Comment on fait ?",
        ],
        "en": [
            "I'd like to lower my monthly payment, it went up to 180 euros although my usage is the same.",
            "Can I pay a fixed amount every month instead of a bill every two months based on usage?",
            "You increased my payment plan without asking me, I want to go back to the old amount.",
            "change monthly direct debit amount please",
            "With electric heating, winter costs me a fortune. I'd rather spread it evenly over the year, how do I do that?",
        ],
        "subj_fr": ["Mensualité", "échéancier", "Mensualisation"], "subj_en": ["Monthly payment", "Payment amount"],
        "reply_fr": [
            "Vous pouvez ajuster vous-même le montant de vos mensualités dans votre espace client (« Mon paiement > Mes mensualités ») dans une fourchette de plus ou moins 20 %. Attention, une mensualité trop basse entraîne une régularisation plus importante en fin d'année : {article}",
            "Nous avons recalculé votre échéancier sur le contrat {ref} à partir de vos derniers relevés ; la nouvelle mensualité s'appliquera dès le mois prochain et vous recevrez le nouvel échéancier par e-mail.",
        ],
        "reply_en": [
            "You can change your monthly payment yourself in your online account (\"My payments > Monthly plan\") within 20% either way. Bear in mind that a payment set too low means a bigger adjustment at the end of the year: {article}",
            "We have recalculated the payment plan on contract {ref} from your latest readings; the new monthly amount starts next month and the new schedule will be emailed to you.",
        ],
        "follow_fr": ["La fourchette ne me permet pas de descendre assez bas.", "Je n'ai pas reçu le nouvel échéancier."],
        "follow_en": ["The range doesn't let me go low enough.", "I haven't received the new schedule."],
    },
    {
        "id": "credit_refund", "weight": 6, "article": 360014108,
        "fr": [
            "Mon compte est créditeur de 230 € depuis la résiliation, quand allez-vous me rembourser ?",
            "J'ai trop payé sur l'année d'après la facture de régularisation, le trop-perçu sera-t-il viré ou déduit ?",
            "Cela fait trois mois que j'attends le remboursement de ma facture de clôture, c'est inadmissible.",
            "remboursement solde créditeur",
            "Ma mère est partie en maison de retraite, le contrat a été clôturé et il reste de l'argent en sa faveur. À qui sera-t-il versé ?",
        ],
        "en": [
            "My account has been in credit by 230 euros since I closed it, when will you pay me back?",
            "According to the annual statement I overpaid this year. Will the overpayment be refunded or taken off future bills?",
            "I've been waiting three months for the refund on my final bill, this is unacceptable.",
            "refund of credit balance",
            "My mother moved into a care home, the account was closed and there's money owed to her. Who will it be paid to?",
        ],
        "subj_fr": ["Remboursement", "trop-perçu", "Solde créditeur"], "subj_en": ["Refund", "Credit balance"],
        "reply_fr": [
            "Le remboursement d'un solde créditeur est effectué par virement sous 15 jours après l'émission de la facture de clôture, sur le compte du prélèvement. Si ce compte est fermé, indiquez-nous un RIB depuis votre espace client : {article}",
            "Le virement de votre solde créditeur (contrat {ref}) a été déclenché aujourd'hui ; comptez 3 à 5 jours ouvrés selon votre banque.",
        ],
        "reply_en": [
            "A credit balance is refunded by bank transfer within 15 days of the final bill, to the account used for your Direct Debit. If that account is closed, please give us new details from your online account: {article}",
            "The transfer of your credit balance (contract {ref}) was sent today; allow 3 to 5 working days depending on your bank.",
        ],
        "follow_fr": ["Toujours rien reçu sur mon compte.", "Le compte de prélèvement est fermé, je fais comment ?"],
        "follow_en": ["Still nothing in my account.", "The old account is closed, what do I do?"],
    },
    {
        "id": "solar_feed_in", "weight": 4, "article": 360014109,
        "fr": [
            "Nous venons d'installer 6 kWc de panneaux solaires. Pouvez-vous nous racheter le surplus de production ?",
            "Je produis de l'électricité avec mes panneaux, comment est calculée la revente et quand est-ce que je suis payé ?",
            "autoconsommation : faut-il changer de contrat ?",
            "L'installateur m'a parlé d'un contrat d'obligation d'achat, est-ce que vous proposez ça ou je dois passer par EDF OA ?",
        ],
        "en": [
            "We've just had 6 kWp of solar panels fitted. Can you buy the excess we export?",
            "I generate electricity with my panels, how is the export payment worked out and when do I get paid?",
            "self consumption - do I need a different contract?",
            "The installer mentioned a feed-in purchase agreement, do you offer that or do I have to go through someone else?",
        ],
        "subj_fr": ["Panneaux solaires", "revente surplus"], "subj_en": ["Solar panels", "Export tariff"],
        "reply_fr": [
            "Lumina Énergie propose le rachat du surplus pour les installations jusqu'à 9 kWc, au tarif indiqué dans notre offre Soleil. Le contrat de rachat se souscrit en ligne une fois le raccordement validé par Enedis : {article}",
            "Votre installation relève de l'obligation d'achat nationale : le contrat se signe directement avec EDF OA. Votre contrat de fourniture {ref} chez nous reste inchangé, vous pouvez garder les deux.",
        ],
        "reply_en": [
            "Lumina Énergie buys exported electricity from installations up to 9 kWp, at the rate shown in our Soleil offer. You can sign the export contract online once Enedis has approved the connection: {article}",
            "Your installation falls under the national purchase obligation: that contract is signed directly with EDF OA. Your supply contract {ref} with us stays as it is, you can keep both.",
        ],
        "follow_fr": ["Enedis a validé le raccordement, je vous envoie le document ?"],
        "follow_en": ["Enedis have approved the connection, shall I send you the paperwork?"],
    },
    {
        "id": "green_offer", "weight": 4, "article": 360014110,
        "fr": [
            "Je souhaite passer à votre offre 100 % renouvelable, est-ce que ça change le prix du kWh ?",
            "Votre électricité verte, elle vient vraiment d'éoliennes françaises ou ce sont juste des certificats ?",
            "changer pour l'offre verte",
            "Mon fils m'a dit que votre offre Nature était moins chère que l'offre classique, est-ce que je peux basculer sans frais en cours d'année ?",
        ],
        "en": [
            "I'd like to move to your 100% renewable tariff, does it change the unit price?",
            "Is your green electricity really from French wind farms or is it just certificates?",
            "switch to green tariff",
            "My son says your Nature plan is cheaper than the standard one. Can I change over mid-year without a fee?",
        ],
        "subj_fr": ["Offre verte", "changement d'offre"], "subj_en": ["Green tariff", "Change plan"],
        "reply_fr": [
            "Le changement d'offre se fait sans frais et sans coupure, à tout moment, depuis votre espace client (« Mon contrat > Changer d'offre »). Les garanties d'origine de notre offre Nature proviennent de parcs éoliens et hydrauliques français : {article}",
            "C'est fait : votre contrat {ref} passe à l'offre Nature à compter du 1er du mois prochain. Vous recevrez les nouvelles conditions particulières par e-mail.",
        ],
        "reply_en": [
            "You can change plan at any time, free of charge and without any interruption, from your online account (\"My contract > Change plan\"). The guarantees of origin behind our Nature plan come from French wind and hydro plants: {article}",
            "Done: contract {ref} moves to the Nature plan from the 1st of next month. You will receive the new terms by email.",
        ],
        "follow_fr": ["Et le prix de l'abonnement reste le même ?"],
        "follow_en": ["Does the standing charge stay the same?"],
    },
    {
        "id": "termination", "weight": 7, "article": 360014111,
        "fr": [
            "Je souhaite résilier mon contrat de gaz, je passe chez un autre fournisseur.",
            "Comment mettre fin à mon abonnement ? Je vends la maison et je pars à l'étranger.",
            "Y a-t-il des frais si je pars avant la fin de mon engagement d'un an ?",
            "résiliation",
            "J'ai souscrit chez un concurrent il y a trois semaines et je continue à recevoir vos factures. Il me semblait que le changement résiliait automatiquement l'ancien contrat ?",
        ],
        "en": [
            "I want to cancel my gas contract, I'm switching to another supplier.",
            "How do I end my account? I'm selling the house and moving abroad.",
            "Are there exit fees if I leave before my one-year fixed term is up?",
            "cancel contract",
            "I signed up with another company three weeks ago and I'm still getting bills from you. I thought switching closed the old account automatically?",
        ],
        "subj_fr": ["Résiliation", "Fin de contrat"], "subj_en": ["Cancellation", "Close my account"],
        "reply_fr": [
            "Si vous changez de fournisseur, vous n'avez aucune démarche à faire : votre contrat chez nous est résilié automatiquement le jour où le nouveau fournisseur commence. Il n'y a pas de frais de résiliation sur nos offres particuliers : {article}",
            "Votre demande de résiliation du contrat {ref} est enregistrée. Merci de nous transmettre vos index le jour du départ ; la facture de clôture vous sera envoyée sous 4 semaines.",
        ],
        "reply_en": [
            "If you switch supplier there is nothing to do: your contract with us ends automatically on the day the new supplier starts. There are no exit fees on our household plans: {article}",
            "Your cancellation request for contract {ref} is recorded. Please send us your readings on the day you leave; your final bill will follow within 4 weeks.",
        ],
        "follow_fr": ["Et je vous envoie les index comment, par mail ?"],
        "follow_en": ["How do I send the readings, by email?"],
    },
    {
        "id": "payment_difficulty", "weight": 6, "article": 360014112,
        "fr": [
            "Je traverse une période difficile et je ne peux pas régler la facture de janvier en une fois. Est-il possible d'étaler ?",
            "J'ai reçu une lettre de relance avec menace de réduction de puissance, je suis au chômage depuis deux mois.",
            "Est-ce que vous acceptez le chèque énergie et comment je vous l'envoie ?",
            "delai de paiement possible ?",
            "Je suis une personne âgée avec une petite retraite, votre facture a doublé. Je ne sais pas comment je vais payer.",
        ],
        "en": [
            "I'm going through a hard time and can't pay January's bill in one go. Could I pay it in instalments?",
            "I got a reminder letter threatening to reduce my supply, I've been out of work for two months.",
            "Do you accept the government energy voucher (chèque énergie) and how do I send it?",
            "can I have more time to pay?",
            "I'm a pensioner on a small income and your bill has doubled. I don't know how I'm going to pay it.",
        ],
        "subj_fr": ["Difficultés de paiement", "chèque énergie", "Relance"], "subj_en": ["Payment difficulties", "Energy voucher"],
        "reply_fr": [
            "Nous comprenons votre situation. Un plan d'apurement sans frais peut être mis en place sur 3 à 12 mois ; aucune réduction de puissance n'a lieu pendant son examen. Le chèque énergie peut être utilisé en ligne sur chequeenergie.gouv.fr avec votre numéro de contrat : {article}",
            "Nous avons mis en place un échéancier de paiement sur le contrat {ref} : le montant dû sera réparti sur vos six prochaines factures. Les relances sont suspendues.",
        ],
        "reply_en": [
            "We understand. A payment arrangement over 3 to 12 months can be set up at no cost, and your supply will not be reduced while we look at it. The energy voucher can be used online at chequeenergie.gouv.fr with your contract number: {article}",
            "We have set up a payment plan on contract {ref}: the amount owed will be split across your next six bills. Reminders are on hold.",
        ],
        "follow_fr": ["Merci, est-ce que 12 mois c'est possible plutôt que 6 ?", "Le site du chèque énergie ne trouve pas mon contrat."],
        "follow_en": ["Thanks, could it be 12 months instead of 6?", "The voucher website can't find my contract."],
    },
    {
        "id": "login_problem", "weight": 8, "article": 360014113,
        "fr": [
            "Impossible de me connecter à mon espace client, le mot de passe est refusé alors que je viens de le réinitialiser.",
            "Je ne reçois jamais l'e-mail de réinitialisation du mot de passe, même dans les spams.",
            "L'application plante dès que j'essaie de me connecter sur mon téléphone Android.",
            "acces compte bloqué",
            "Mon identifiant n'est plus reconnu depuis votre changement de site, et le code de vérification par SMS arrive sur l'ancien numéro de mon mari.",
        ],
        "en": [
            "I can't log in to my online account, it says wrong password even though I just reset it.",
            "I never get the password reset email, not even in spam.",
            "The app crashes as soon as I try to sign in on my Android phone.",
            "account locked",
            "My username stopped working after you changed the website, and the verification code goes to my husband's old number.",
        ],
        "subj_fr": ["Connexion impossible", "mot de passe", "Espace client"], "subj_en": ["Login problem", "Password", "Can't sign in"],
        "reply_fr": [
            "Après cinq essais, le compte est verrouillé 30 minutes par sécurité. Utilisez ensuite « Mot de passe oublié » avec l'adresse e-mail de votre contrat ; si le message n'arrive pas, vérifiez qu'il n'est pas filtré par votre messagerie : {article}",
            "J'ai débloqué votre accès et mis à jour le numéro de téléphone de vérification sur le contrat {ref}. Vous pouvez vous reconnecter dès maintenant.",
        ],
        "reply_en": [
            "After five attempts the account is locked for 30 minutes for security. Then use \"Forgot password\" with the email address on your contract; if the message does not arrive, check it is not being filtered by your email provider: {article}",
            "I have unlocked your access and updated the verification phone number on contract {ref}. You can sign in again now.",
        ],
        "follow_fr": ["Ça ne marche toujours pas, même message.", "C'est bon j'ai pu me connecter."],
        "follow_en": ["Still not working, same message.", "OK I managed to log in now."],
    },
    {
        "id": "ev_charging", "weight": 3, "article": 360014114,
        "fr": [
            "Je viens d'acheter une voiture électrique. Avez-vous un tarif adapté pour recharger la nuit ?",
            "Proposez-vous l'installation d'une borne de recharge à domicile, et à quel prix ?",
            "recharge VE heures creuses ?",
            "Ma wallbox fait sauter le compteur quand elle charge en même temps que le chauffe-eau, faut-il augmenter quelque chose ?",
        ],
        "en": [
            "I've just bought an electric car. Do you have a plan for charging overnight?",
            "Do you install home chargers, and how much does it cost?",
            "EV charging off peak?",
            "My wallbox trips the main switch when it charges at the same time as the water heater, do I need to upgrade something?",
        ],
        "subj_fr": ["Voiture électrique", "Borne de recharge"], "subj_en": ["Electric car", "EV charger"],
        "reply_fr": [
            "Notre offre Mobilité propose un prix du kWh réduit de 23h à 6h, idéal pour recharger un véhicule électrique. L'installation d'une borne est réalisée par nos partenaires certifiés IRVE, devis gratuit en ligne : {article}",
            "Une borne de 7 kW nécessite en général une puissance souscrite de 9 kVA au moins. Nous pouvons ajuster la puissance de votre contrat {ref} et vous proposer l'offre Mobilité en même temps.",
        ],
        "reply_en": [
            "Our Mobilité plan has a cheaper unit price from 11pm to 6am, ideal for charging an electric car. Chargers are fitted by our certified partners, free quote online: {article}",
            "A 7 kW charger usually needs a contracted capacity of at least 9 kVA. We can change the capacity on contract {ref} and move you to the Mobilité plan at the same time.",
        ],
        "follow_fr": ["Oui je veux bien les deux, merci."],
        "follow_en": ["Yes please, both."],
    },
    {
        "id": "offpeak_hours", "weight": 4, "article": 360014115,
        "fr": [
            "Mes heures creuses ont changé sans prévenir, elles sont maintenant l'après-midi. Comment les remettre la nuit ?",
            "Quelles sont mes plages HC ? Mon ballon d'eau chaude ne se déclenche plus à minuit.",
            "Est-ce intéressant de passer en option heures pleines / heures creuses quand on est en télétravail toute la journée ?",
            "horaires heures creuses",
        ],
        "en": [
            "My off-peak hours changed without warning and are now in the afternoon. How do I get them back to night time?",
            "What are my off-peak times? My hot water tank no longer switches on at midnight.",
            "Is a peak/off-peak tariff worth it if I work from home all day?",
            "off peak times",
        ],
        "subj_fr": ["Heures creuses", "HP/HC"], "subj_en": ["Off-peak hours", "Economy 7"],
        "reply_fr": [
            "Les plages d'heures creuses sont fixées par le gestionnaire de réseau et non par le fournisseur ; elles sont indiquées sur votre facture et dans votre espace client. Enedis modifie progressivement certaines plages vers l'après-midi : {article}",
            "Vos heures creuses actuelles sur le contrat {ref} sont 12h30-14h30 et 01h30-07h30. Le contacteur de votre ballon doit être réglé sur ces plages ; un électricien peut le vérifier.",
        ],
        "reply_en": [
            "Off-peak periods are set by the network operator, not by your supplier; they are printed on your bill and shown in your online account. Enedis is gradually moving some periods to the afternoon: {article}",
            "Your current off-peak hours on contract {ref} are 12:30-14:30 and 01:30-07:30. Your water heater's relay should follow these times; an electrician can check it.",
        ],
        "follow_fr": ["Donc je ne peux rien faire pour les remettre la nuit ?"],
        "follow_en": ["So there's nothing I can do to get night-time hours back?"],
    },
    {
        "id": "power_upgrade", "weight": 4, "article": 360014116,
        "fr": [
            "Le disjoncteur coupe dès qu'on allume deux radiateurs, je pense qu'il faut augmenter la puissance. Je suis en 6 kVA.",
            "Combien coûte le passage de 9 à 12 kVA et combien de temps ça prend ?",
            "Peut-on diminuer la puissance du compteur pour payer un abonnement moins cher ?",
            "augmentation puissance compteur",
        ],
        "en": [
            "The main switch trips as soon as we turn on two heaters, I think we need more capacity. We're on 6 kVA.",
            "How much does it cost to go from 9 to 12 kVA and how long does it take?",
            "Can I lower my meter's capacity to get a cheaper standing charge?",
            "increase kVA",
        ],
        "subj_fr": ["Puissance", "disjoncteur"], "subj_en": ["Capacity change", "Main switch keeps tripping"],
        "reply_fr": [
            "Le changement de puissance se fait à distance sur un compteur Linky, en 48 h environ ; Enedis facture l'intervention (environ 40 € TTC). Vous pouvez le demander depuis votre espace client et simuler l'abonnement correspondant : {article}",
            "La modification de puissance est demandée pour le contrat {ref} ; elle sera effective sous 2 jours ouvrés et votre nouvel abonnement apparaîtra sur la prochaine facture.",
        ],
        "reply_en": [
            "A capacity change is done remotely on a Linky meter in about 48 hours; Enedis charges for it (around 40 euros incl. VAT). You can request it from your online account and compare the standing charges: {article}",
            "The capacity change has been requested for contract {ref}; it will take effect within 2 working days and the new standing charge will show on your next bill.",
        ],
        "follow_fr": ["Ça saute encore même après le changement."],
        "follow_en": ["It still trips even after the change."],
    },
    {
        "id": "invoice_copy", "weight": 5, "article": 360014117,
        "fr": [
            "Je ne trouve pas mes anciennes factures dans l'espace client, il me faut celles de 2023 pour ma déclaration d'impôts.",
            "Pouvez-vous m'envoyer un duplicata de la facture de mars, je l'ai égarée ?",
            "Je voudrais recevoir mes factures par courrier papier, je n'ai pas d'ordinateur.",
            "facture pdf introuvable",
            "Le PDF de ma facture ne s'ouvre pas, il est vide quand je le télécharge depuis l'application.",
        ],
        "en": [
            "I can't find my old bills in the online account, I need the 2023 ones for my tax return.",
            "Could you send me a copy of March's bill? I've lost it.",
            "I'd like to get paper bills by post, I don't have a computer.",
            "invoice pdf missing",
            "My bill PDF won't open, it's blank when I download it from the app.",
        ],
        "subj_fr": ["Duplicata facture", "factures", "Facture papier"], "subj_en": ["Copy of bill", "Invoices", "Paper bills"],
        "reply_fr": [
            "Toutes vos factures des 5 dernières années sont téléchargeables dans votre espace client, rubrique « Mes factures > Historique ». Si le PDF s'affiche vide, essayez depuis un navigateur plutôt que l'application : {article}",
            "Vous trouverez en pièce jointe le duplicata demandé pour le contrat {ref}. J'ai également activé l'envoi des factures par courrier à partir de la prochaine échéance.",
        ],
        "reply_en": [
            "All your bills from the last 5 years can be downloaded from your online account, under \"My bills > History\". If the PDF shows blank, try a web browser instead of the app: {article}",
            "Please find attached the copy you asked for on contract {ref}. I have also switched on paper bills by post from your next bill.",
        ],
        "follow_fr": ["Il me manque encore celle de décembre."],
        "follow_en": ["I'm still missing December's one."],
    },
    {
        "id": "price_increase", "weight": 6, "article": 360014118,
        "fr": [
            "J'ai reçu un e-mail annonçant une hausse de vos prix au 1er février. De combien exactement et puis-je refuser ?",
            "Pourquoi le prix du kWh a-t-il encore augmenté alors que j'avais choisi un prix fixe ?",
            "votre tarif est plus cher que le tarif réglementé maintenant, c'est normal ?",
            "Avec l'augmentation des taxes annoncée aux infos, ma facture va monter de combien à peu près pour un appartement de 60 m² ?",
        ],
        "en": [
            "I got an email saying your prices go up on 1 February. By how much exactly, and can I say no?",
            "Why has the unit rate gone up again when I chose a fixed price?",
            "your rate is now higher than the regulated tariff, is that right?",
            "With the tax rise in the news, roughly how much more will I pay for a 60 m² flat?",
        ],
        "subj_fr": ["Hausse des prix", "augmentation tarif"], "subj_en": ["Price increase", "Price rise"],
        "reply_fr": [
            "Les prix de nos offres indexées suivent le tarif réglementé et les taxes fixées par l'État ; l'offre à prix fixe bloque le prix du kWh hors taxes pendant 2 ans. Vous pouvez résilier sans frais à tout moment si l'évolution ne vous convient pas : {article}",
            "Pour votre contrat {ref}, la hausse représente environ 4,50 € par mois d'après votre consommation des 12 derniers mois. Elle vient de l'augmentation de l'accise sur l'électricité, et non du prix du kWh de votre offre.",
        ],
        "reply_en": [
            "Prices on our indexed plans follow the regulated tariff and taxes set by the government; the fixed-price plan locks the unit rate excluding taxes for 2 years. You can leave at any time at no cost if the change doesn't suit you: {article}",
            "For contract {ref}, the increase comes to about 4.50 euros a month based on your last 12 months of usage. It comes from the rise in the electricity excise duty, not from the unit price of your plan.",
        ],
        "follow_fr": ["Donc mon prix fixe ne l'est pas vraiment ?"],
        "follow_en": ["So my fixed price isn't really fixed?"],
    },
    {
        "id": "change_holder", "weight": 4, "article": 360014119,
        "fr": [
            "Mon mari est décédé le mois dernier, le contrat est à son nom. Que dois-je faire pour le mettre au mien ?",
            "Nous nous séparons, comment retirer mon nom du contrat qui est aux deux noms ?",
            "Je reprends l'appartement de ma fille, peut-on transférer son contrat à mon nom sans coupure ?",
            "changement de titulaire",
        ],
        "en": [
            "My husband passed away last month and the account is in his name. What do I need to do to put it in mine?",
            "We're separating, how do I take my name off our joint account?",
            "I'm taking over my daughter's flat, can her contract move to my name without the power going off?",
            "change account holder",
        ],
        "subj_fr": ["Changement de titulaire", "Décès", "contrat au nom de"], "subj_en": ["Change of account holder", "Bereavement"],
        "reply_fr": [
            "Nous vous présentons nos sincères condoléances. Le changement de titulaire se fait sans coupure et sans frais ; il nous faut le nom du nouveau titulaire, ses coordonnées bancaires et, en cas de décès, une copie de l'acte. Les étapes sont ici : {article}",
            "Le contrat {ref} est désormais à votre nom, à la date demandée. Une facture de clôture sera établie pour l'ancien titulaire à partir des index de ce jour.",
        ],
        "reply_en": [
            "Please accept our sincere condolences. A change of account holder causes no interruption and costs nothing; we need the new holder's name, bank details and, after a death, a copy of the certificate. The steps are here: {article}",
            "Contract {ref} is now in your name from the date you asked for. A final bill for the previous holder will be drawn up from the readings on that day.",
        ],
        "follow_fr": ["Je vous envoie l'acte de décès en pièce jointe."],
        "follow_en": ["I'm attaching the death certificate."],
    },
    {
        "id": "proof_of_address", "weight": 5, "article": 360014120,
        "fr": [
            "J'ai besoin d'un justificatif de domicile pour la préfecture, pouvez-vous m'envoyer une attestation de contrat ?",
            "La banque me demande une facture de moins de trois mois mais je suis client depuis seulement trois semaines. Que puis-je leur fournir ?",
            "attestation titulaire contrat svp",
            "Pour le dossier CAF il me faut un document prouvant que j'habite bien à cette adresse, comment l'obtenir rapidement ?",
        ],
        "en": [
            "I need proof of address for an official form, can you send me a certificate showing my contract?",
            "The bank wants a bill less than three months old but I've only been a customer for three weeks. What can I give them?",
            "contract certificate please",
            "For my housing benefit file I need a document proving I live at this address, how can I get one quickly?",
        ],
        "subj_fr": ["Attestation", "Justificatif de domicile"], "subj_en": ["Proof of address", "Certificate"],
        "reply_fr": [
            "Une attestation de contrat, valable comme justificatif de domicile, se télécharge immédiatement dans votre espace client, rubrique « Mes documents », même avant la première facture : {article}",
            "Vous trouverez ci-joint l'attestation de titulaire du contrat {ref}, datée d'aujourd'hui.",
        ],
        "reply_en": [
            "A contract certificate, accepted as proof of address, can be downloaded straight away from your online account under \"My documents\", even before your first bill: {article}",
            "Please find attached the account holder certificate for contract {ref}, dated today.",
        ],
        "follow_fr": ["Il manque mon deuxième prénom sur l'attestation."],
        "follow_en": ["My middle name is missing on the certificate."],
    },
]

# Follow-ups and thank-yous any customer might write, whatever the question.
GENERIC_FOLLOW_FR = [
    "Je n'ai toujours pas de nouvelles, pouvez-vous me dire où en est ma demande ?",
    "Je me permets de vous relancer, je n'ai pas eu de réponse.",
    "Relance. Merci de me répondre rapidement.",
    "Bonjour, des nouvelles ? ça fait une semaine",
    "J'ai essayé de vous appeler mais l'attente est trop longue, quelqu'un peut-il me répondre par mail ?",
]
GENERIC_FOLLOW_EN = [
    "I still haven't heard anything, could you tell me where my request is?",
    "Just chasing this up as I haven't had a reply.",
    "Any update please?",
    "Hello? It's been a week now.",
    "I tried calling but the wait was too long, can somebody answer by email?",
]
THANKS_FR = [
    "Merci beaucoup pour votre réponse rapide, bonne journée.",
    "Super, merci !",
    "Parfait, c'est réglé. Merci {agent} !",
    "Merci pour votre aide.",
    "C'est bon pour moi, merci et bonne continuation.",
    "Merci, j'ai bien reçu le document.",
    "ok merci",
    "Un grand merci, vous avez été très efficace.",
]
THANKS_EN = [
    "Thank you so much for the quick reply, have a nice day.",
    "Great, thanks!",
    "Perfect, all sorted. Thanks {agent}!",
    "Thanks for your help.",
    "That's fine for me, thank you.",
    "Thanks, got the document.",
    "ok thx",
    "Many thanks, very helpful.",
]
# The team's second answer in a thread (after a follow-up): short and general.
TEAM_SECOND_FR = [
    "Merci pour votre retour. J'ai transmis votre demande au service concerné, qui revient vers vous sous 48 h.",
    "C'est noté, nous avons fait le nécessaire. N'hésitez pas à revenir vers nous si besoin.",
    "Je comprends. J'ai ajouté une note à votre dossier et je reste à votre disposition.",
    "Merci pour ces précisions, la modification est faite.",
]
TEAM_SECOND_EN = [
    "Thanks for getting back to us. I have passed your request to the team concerned, who will reply within 48 hours.",
    "Noted, we have done what was needed. Don't hesitate to come back to us if you need anything.",
    "I understand. I have added a note to your file and remain at your disposal.",
    "Thank you for the details, the change has been made.",
]
VAGUE_SUBJECTS_FR = ["Problème", "question", "Demande", "Réclamation", "urgent", "Bonjour", "Mon contrat",
                     "Demande d'information", "Re: votre courrier", "TR: ", "Contrat", "suite à mon appel", "aide",
                     "Mon compte", "Besoin d'aide", "réclamation !!!", "Question sur mon contrat", ""]
VAGUE_SUBJECTS_EN = ["Question", "Help", "Issue with my account", "Query", "Account", "Hello", "Problem",
                     "Re: your letter", "Fwd: ", "Complaint", "Urgent", "Please help", "Following my call", "Enquiry",
                     "My account", ""]
