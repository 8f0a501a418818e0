#!/usr/bin/env python3
"""A held-out help center for the topic evaluation: Novaline, a telecom operator (mobile plans + home fibre).

  gen_telecom.py --out DIR [--threads 1100] [--seed 1] [--year 2025] [--quiet]

Written on 2026-12-06 from issue 11's description only, by a helper who had not read the clustering code
(Sources/Analytics/Topics/), gen-sample, gen_helpcenter.py / helpcenter_content.py or the topic fixtures; see
scripts/eval/HELDOUT.md. 20 questions of very unequal size (weights 1 to 3, roaming peaks in summer), French and
English, four or five unrelated wordings per question and language, vague subjects most of the time, two saved
replies per question and language (article links on some, never on all), chasers, follow-ups, thank-yous, Gmail,
Apple Mail and Outlook quoting, about 15% of threads unanswered. Team mail comes from @novaline.example (pass
`--team @novaline.example` to `account add`). DIR gets a Maildir (cur/ new/ tmp/) and DIR/truth.jsonl, one line
per message (see heldout_engine.py). Standard library only; the same arguments give the same bytes. Prints the
per-question thread counts on stderr.
"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import heldout_engine  # noqa: E402

DOMAIN = "novaline.example"


def _country(rng, lang, when):
    return rng.choice(COUNTRIES)


COUNTRIES = [("en Espagne", "in Spain", "Spain"), ("au Maroc", "in Morocco", "Morocco"), ("au Portugal", "in Portugal", "Portugal"),
             ("en Italie", "in Italy", "Italy"), ("aux États-Unis", "in the US", "the US"), ("en Tunisie", "in Tunisia", "Tunisia"),
             ("en Suisse", "in Switzerland", "Switzerland"), ("au Royaume-Uni", "in the UK", "the UK"), ("en Turquie", "in Turkey", "Turkey")]


def _digits(n):
    return lambda rng, lang, when: "".join(str(rng.randint(0, 9)) for _ in range(n))


def _line(rng, lang, when):
    return "0" + rng.choice("67") + "".join(f" {rng.randint(0, 99):02d}" for _ in range(4)) if lang == "fr" \
        else "07" + f"{rng.randint(100, 999)} {rng.randint(100000, 999999)}"


def _acct(rng, lang, when):
    return rng.choice(["", "NV", "NV-", "4"]) + "".join(str(rng.randint(0, 9)) for _ in range(8))


def _rio(rng, lang, when):
    if lang == "fr":
        return f"{rng.randint(1, 99):02d}P{rng.randint(1000000, 9999999)}{rng.choice('ABCDEFGHJK')}{rng.choice('LMNPQRSTUV')}"
    return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(3)) + str(rng.randint(100000, 999999))


def _sms(rng, lang, when):
    return rng.choice(["HoroscopeMax", "JeuxFun+", "Mobi-Quiz", "StarVideo", "Cinéclub Mobile", "FitZone Pro"])


def _order(rng, lang, when):
    return rng.choice(["CMD", "NV-C", ""]) + str(rng.randint(10000000, 99999999))


MAKERS = {"acct": _acct, "line": _line, "rio": _rio, "imei": _digits(15), "iban": _digits(4), "sms_service": _sms,
          "order": _order,
          "in_country": lambda rng, lang, when: _country(rng, lang, when)[0 if lang == "fr" else 1],
          "country": lambda rng, lang, when: _country(rng, lang, when)[0 if lang == "fr" else 2]}

SUMMER = [0.6, 0.6, 0.7, 0.9, 1.2, 2.0, 3.2, 3.4, 1.4, 0.8, 0.6, 0.9]

QUESTIONS = [
    {"id": "no_internet", "weight": 3.0,
     "fr": ["Depuis hier soir plus aucune connexion internet à la maison. La box affiche un voyant rouge clignotant et "
            "j'ai déjà débranché et rebranché plusieurs fois. Mon numéro client est {acct}.",
            "on a plus internet depuis ce matin... je suis en télétravail c'est vraiment la galère, il se passe quoi ??",
            "La fibre est coupée chez moi. Tous les appareils sont bien connectés au wifi mais aucune page ne s'ouvre. "
            "Y a-t-il une panne dans le secteur {zip} ?",
            "Pas de réseau sur la box depuis 3 jours, la télé ne fonctionne pas non plus. Pouvez-vous envoyer "
            "quelqu'un ? Adresse : {street}, {zip} {city}",
            "Est-ce normal que le voyant « Internet » de ma Novabox soit éteint ? Impossible de naviguer, mes enfants "
            "ne peuvent plus faire leurs devoirs."],
     "en": ["Our broadband has been down since last night. The light on the router is flashing red and switching it "
            "off and on again hasn't helped. Account {acct}.",
            "no internet at all today, i work from home, what is going on???",
            "Is there an outage around {zip}? Every device says it's connected to the wifi but nothing loads.",
            "The fibre dropped on Sunday and hasn't come back. TV isn't working either. Can someone come out? "
            "Address: {street}, {city} {zip}",
            "The Internet LED on my Novabox is off and I can't get online. The kids need it for homework, please help"],
     "subj": {"fr": ["Plus d'internet", "Panne fibre", "coupure connexion", "Box voyant rouge"],
              "en": ["No internet", "Broadband down", "Outage?", "Router red light"]},
     "reply": {"fr": ["Je suis désolée pour cette coupure. Un incident est en cours sur le réseau fibre de votre secteur "
                      "et nos techniciens interviennent ; le service devrait être rétabli dans les 24 à 48 heures. "
                      "Inutile de redémarrer votre box entre-temps. Un geste commercial sera appliqué sur votre "
                      "prochaine facture.",
                      "J'ai lancé un diagnostic à distance sur votre ligne : la box ne remonte plus de synchronisation. "
                      "Merci de vérifier que le câble fibre est bien clipsé dans le boîtier mural (PTO) et dans la box, "
                      "puis de la réinitialiser en maintenant le bouton Reset 10 secondes. Si le voyant reste rouge, "
                      "répondez-moi et je programmerai l'intervention d'un technicien."],
               "en": ["I'm sorry about the loss of service. There is an ongoing incident on the fibre network in your "
                      "area and our engineers are on it; service should be back within 24 to 48 hours. No need to "
                      "restart your router in the meantime. A goodwill credit will be applied to your next bill.",
                      "I've run a remote check on your line: the router is no longer syncing. Please make sure the fibre "
                      "cable is firmly clipped into the wall socket and the router, then reset the router by holding the "
                      "Reset button for 10 seconds. If the light stays red, reply to me and I'll book an engineer."]},
     "articles": [("3014", "service-status-and-outages", "etat-du-reseau-et-pannes"),
                  ("1187", "troubleshooting-your-fibre-connection", "depanner-sa-connexion-fibre")]},

    {"id": "slow_speed", "weight": 1.5,
     "fr": ["Je paye pour la fibre 1 Gb/s mais les tests de débit donnent à peine 40 Mb/s. C'est inadmissible.",
            "le wifi est super lent le soir, les vidéos chargent sans arrêt, vous pouvez regarder ma ligne ?",
            "Ma connexion rame énormément depuis deux semaines : Netflix en basse qualité, les visios qui coupent... "
            "Que puis-je faire ?",
            "Le signal wifi ne passe pas à l'étage, la vitesse est ridicule dans les chambres. Vous proposez un "
            "répéteur ?"],
     "en": ["I'm paying for 1 Gbps fibre and speed tests show barely 40 Mbps. That's not acceptable.",
            "wifi is painfully slow in the evenings, videos keep buffering, could you check my line",
            "The connection has been crawling for two weeks. Netflix in low quality, Zoom calls freezing... "
            "Anything I can do?",
            "The signal doesn't reach upstairs and the speed in the bedrooms is terrible. Do you offer a booster?"],
     "subj": {"fr": ["Débit très faible", "connexion lente", "Wifi lent"],
              "en": ["Slow speeds", "Slow wifi", "Speed problem"]},
     "reply": {"fr": ["Les tests de débit en wifi sont souvent limités par l'appareil et la distance à la box. Pour "
                      "mesurer le vrai débit de votre ligne, branchez un ordinateur en câble Ethernet et lancez le test "
                      "depuis votre espace client. Placez la box en hauteur, à l'écart des murs épais, et passez le wifi "
                      "sur la bande 5 GHz.",
                      "J'ai vérifié votre ligne : elle synchronise correctement au débit prévu par votre offre. La "
                      "lenteur vient donc du réseau wifi de votre logement. Je vous propose l'envoi gratuit d'un "
                      "répéteur Novaline Mesh ; il vous suffit de répondre OUI à ce message."],
               "en": ["Wi-Fi speed tests are often limited by the device and the distance from the router. To measure "
                      "your line's real speed, plug a computer in with an Ethernet cable and run the test from your "
                      "online account. Keep the router high up, away from thick walls, and use the 5 GHz band.",
                      "I've checked your line and it is syncing at the speed your plan provides, so the slowness comes "
                      "from the Wi-Fi inside your home. I can send you a free Novaline Mesh booster; just reply YES to "
                      "this email."]},
     "articles": [("2230", "improve-your-wifi", "ameliorer-son-wifi"), None]},

    {"id": "roaming_charges", "weight": 2.0, "season": SUMMER,
     "fr": ["Je reviens de vacances {in_country} et ma facture affiche {amount} de hors forfait ! On m'avait dit que "
            "l'Europe était incluse.",
            "Je pars {in_country} le mois prochain, est-ce que mon forfait marche là-bas ou je vais payer un supplément ?",
            "Pourquoi ai-je été facturé pour des appels passés depuis l'étranger alors que j'avais désactivé les "
            "données mobiles ?",
            "Pendant mes congés j'ai reçu un SMS disant que j'avais atteint mon plafond de consommation hors de France. "
            "Combien ça va me coûter ?",
            "utiliser mon tel a l'etranger c'est compris ou pas ? je comprends rien a vos zones"],
     "en": ["I've just come back from a trip {in_country} and there's {amount} of extra charges on my bill! I was told "
            "Europe was included.",
            "Going to {country} next month, will my plan work there or will I pay extra?",
            "Why was I charged for calls made abroad when I had mobile data switched off?",
            "got a text on holiday saying I'd hit my spending cap outside the country. how much is this going to cost me",
            "Is using my phone in other EU countries included in the 20GB plan or not? Your zones page makes no sense "
            "to me."],
     "subj": {"fr": ["Hors forfait étranger", "Roaming", "Utilisation à l'étranger"],
              "en": ["Roaming charges", "Using my phone abroad", "Charges while travelling"]},
     "reply": {"fr": ["Votre forfait inclut les appels, SMS et internet depuis l'Union européenne dans les mêmes "
                      "conditions qu'en France. Les autres destinations (Maghreb, Amérique du Nord, Suisse, Turquie) "
                      "sont facturées selon la zone. Avant de partir, activez l'option Voyage depuis l'application "
                      "pour bénéficier d'un pass à prix réduit.",
                      "J'ai vérifié le détail de vos consommations : les frais correspondent à des données utilisées "
                      "hors Union européenne. À titre exceptionnel, j'ai annulé la moitié du montant, qui apparaîtra en "
                      "avoir sur votre prochaine facture. Pour éviter cela, désactivez les données à l'étranger dans "
                      "les réglages du téléphone."],
               "en": ["Your plan includes calls, texts and data from the European Union on the same terms as at home. "
                      "Other destinations (North Africa, North America, Switzerland, Turkey) are charged by zone. "
                      "Before you travel, turn on the Travel add-on in the app for a discounted pass.",
                      "I've gone through your usage: the charges are for data used outside the European Union. As a "
                      "one-off, I've cancelled half of the amount, which will show as a credit on your next bill. To "
                      "avoid this, switch off data roaming in your phone's settings."]},
     "articles": [("4821", "using-your-plan-abroad", "utiliser-son-forfait-a-l-etranger"), None]},

    {"id": "sim_activation", "weight": 2.0,
     "fr": ["J'ai reçu ma carte SIM il y a 3 jours et elle n'est toujours pas active, le téléphone indique « Pas de "
            "service ».",
            "comment on active la nouvelle puce ? j'ai mis le code reçu par courrier et rien ne se passe",
            "Je viens de souscrire un forfait en ligne. La SIM est dans le téléphone mais je ne peux ni appeler ni "
            "recevoir de SMS. Faut-il faire quelque chose de plus ?",
            "Ma carte SIM affiche « SIM non valide ». C'est une carte neuve reçue hier, commande {order}."],
     "en": ["My SIM arrived three days ago and it still isn't active, the phone just says No Service.",
            "how do i activate the new sim? entered the code from the letter and nothing happens",
            "Signed up online for a new plan. The SIM is in the phone but I can't call or text anyone. Is there a step "
            "I've missed?",
            "Brand new SIM card received yesterday (order {order}) and the phone says Invalid SIM."],
     "subj": {"fr": ["Activation SIM", "carte sim ne marche pas", "Nouvelle ligne"],
              "en": ["SIM activation", "New SIM not working", "Activate SIM"]},
     "reply": {"fr": ["L'activation d'une nouvelle carte SIM se fait en ligne : rendez-vous dans votre espace client, "
                      "rubrique « Activer ma SIM », et saisissez les 8 derniers chiffres inscrits au dos de la carte. "
                      "La ligne est ensuite active en 2 heures maximum ; redémarrez le téléphone une fois le SMS de "
                      "confirmation reçu.",
                      "Je vois que votre carte SIM était bien en attente d'activation. Je viens de la forcer de notre "
                      "côté : éteignez votre téléphone 5 minutes puis rallumez-le, le réseau Novaline devrait "
                      "apparaître. Si ce n'est pas le cas d'ici ce soir, dites-le-moi."],
               "en": ["New SIM cards are activated online: go to your account, section Activate my SIM, and enter the "
                      "last 8 digits printed on the back of the card. The line is then live within 2 hours at most; "
                      "restart the phone once you get the confirmation text.",
                      "I can see your SIM card was still waiting for activation. I've just pushed it through on our "
                      "side: switch your phone off for 5 minutes and back on, and the Novaline network should appear. "
                      "If it doesn't by this evening, let me know."]},
     "articles": [("1502", "activate-your-sim", "activer-sa-carte-sim"), None]},

    {"id": "port_number", "weight": 1.5,
     "fr": ["Je souhaite garder mon numéro actuel ({line}) en venant d'un autre opérateur. Où dois-je indiquer mon "
            "code RIO ?",
            "La portabilité de mon numéro devait se faire hier mais je suis toujours chez l'ancien opérateur et votre "
            "SIM n'a pas de numéro.",
            "J'ai fait la demande de transfert de numéro il y a une semaine, mon RIO est {rio}, où en est-on ?",
            "est ce que je peux conserver mon 06 si je passe chez vous ? je ne veux pas changer de numero"],
     "en": ["I want to keep my current number ({line}) when I switch from my old provider. Where do I give you the "
            "transfer code?",
            "The number transfer was meant to happen yesterday but I'm still on the old network and your SIM only has "
            "a temporary number.",
            "Requested to port my number a week ago, PAC code {rio}. What's the status?",
            "can I bring my existing mobile number over to you? really don't want to change it"],
     "subj": {"fr": ["Portabilité", "Garder mon numéro", "code RIO"],
              "en": ["Number transfer", "Keep my number", "PAC code"]},
     "reply": {"fr": ["Pour conserver votre numéro, il suffit de nous communiquer votre code RIO (obtenu en appelant "
                      "le 3179 depuis votre ligne actuelle) lors de la souscription ou dans votre espace client. Le "
                      "transfert a lieu en 3 jours ouvrés et la résiliation chez votre ancien opérateur est "
                      "automatique.",
                      "J'ai vérifié votre demande de portabilité : le code RIO fourni ne correspondait pas au numéro. "
                      "Je l'ai corrigé et relancé le transfert, qui sera effectif sous 3 jours ouvrés. Votre "
                      "ancienne ligne fonctionnera jusqu'au basculement."],
               "en": ["To keep your number, just give us the transfer code from your current provider (text PAC to "
                      "65075) when you sign up or from your account. The switch takes 3 working days and your old "
                      "contract is closed automatically.",
                      "I've looked at your transfer request: the code provided didn't match the number. I've corrected "
                      "it and restarted the transfer, which will complete within 3 working days. Your old line keeps "
                      "working until the switch."]},
     "articles": [("1620", "keep-your-number", "garder-son-numero"), ("1620", "keep-your-number", "garder-son-numero")]},

    {"id": "router_replacement", "weight": 1.2,
     "fr": ["Ma box ne s'allume plus du tout depuis l'orage de samedi. Pouvez-vous m'en envoyer une nouvelle ?",
            "Le boîtier fait un bruit bizarre et redémarre tout seul toutes les 10 minutes. Je pense qu'il est HS, "
            "comment le faire remplacer ?",
            "Notre Novabox a pris l'eau (dégât des eaux dans l'appartement). Quelle est la procédure pour un échange "
            "et combien ça coûte ?",
            "l'alim du modem a grillé, plus aucun voyant. il me faut un nouveau modem"],
     "en": ["My router won't power on at all since the thunderstorm on Saturday. Can you send me a new one?",
            "The box makes a clicking noise and reboots itself every 10 minutes. I think it's dead, how do I get it "
            "swapped?",
            "We had a leak and the Novabox got soaked. What's the process for a replacement and is there a fee?",
            "modem power supply has blown, no lights at all. need a new modem"],
     "subj": {"fr": ["Box HS", "Échange box", "modem en panne"],
              "en": ["Router broken", "Replacement router", "Faulty modem"]},
     "reply": {"fr": ["Je vous confirme l'envoi d'une box de remplacement, gratuite dans le cadre de la garantie. Vous "
                      "la recevrez sous 48 heures avec une étiquette prépayée pour nous retourner l'ancienne dans les "
                      "15 jours. Commande d'échange : {ticket}.",
                      "Avant l'échange, pouvez-vous essayer un autre bloc d'alimentation ou une autre prise ? Si la box "
                      "ne s'allume toujours pas, rendez-vous dans une boutique Novaline avec votre pièce d'identité : "
                      "l'échange se fait sur place, immédiatement."],
               "en": ["I can confirm a replacement router is on its way, free of charge under warranty. It will arrive "
                      "within 48 hours with a prepaid label to send the old one back within 15 days. Exchange order: "
                      "{ticket}.",
                      "Before swapping it, could you try a different power adapter or socket? If the router still won't "
                      "turn on, visit a Novaline store with your ID and it will be exchanged on the spot."]},
     "articles": [None, ("2671", "faulty-equipment-exchange", "echanger-un-equipement-defectueux")]},

    {"id": "bill_higher", "weight": 3.0,
     "fr": ["Ma facture de {month} est de {amount} alors que mon forfait est à 29,99 €. Pouvez-vous m'expliquer cette "
            "différence ?",
            "Je ne comprends pas pourquoi j'ai été prélevé autant ce mois-ci. Il y a des lignes que je ne reconnais pas.",
            "Encore une facture qui augmente !! Personne ne m'a prévenu d'une hausse de tarif. Je veux des explications.",
            "Le montant prélevé le 5 ne correspond pas à mon contrat (client n° {acct}). Merci de vérifier.",
            "facture trop chère ce mois ci, {amount} ?? c'est une erreur j'espere"],
     "en": ["My {month} bill came to {amount} but my plan is €29.99. Can you explain the difference?",
            "Why has so much been taken from my account this month? There are items on the invoice I don't recognise.",
            "Yet another price rise on my bill and nobody told me. I want an explanation.",
            "The amount debited on the 5th doesn't match my contract (account {acct}). Please look into it.",
            "bill way too high this month {amount}?? hope that's a mistake"],
     "subj": {"fr": ["Facture", "Montant facture", "Prélèvement trop élevé", "Contestation facture"],
              "en": ["Bill", "My bill", "Overcharged", "Invoice query"]},
     "reply": {"fr": ["Votre facture comprend cette fois le prorata de votre changement d'offre : vous avez été facturé "
                      "à la fois pour les derniers jours de l'ancienne offre et pour le premier mois de la nouvelle. "
                      "Ce rattrapage n'apparaît qu'une fois ; dès la facture suivante, vous retrouverez le montant "
                      "habituel.",
                      "Comme annoncé par courrier il y a deux mois, le prix de votre abonnement a été révisé au 1er "
                      "du mois. Vous pouvez consulter le détail de chaque ligne dans votre espace client, rubrique "
                      "Factures, et changer d'offre sans frais si le nouveau tarif ne vous convient pas."],
               "en": ["This bill includes a pro-rata adjustment for your plan change: you were charged both for the "
                      "last days of the old plan and for the first month of the new one. The adjustment only happens "
                      "once; from your next bill you'll be back to the usual amount.",
                      "As announced by letter two months ago, your subscription price was revised on the 1st of the "
                      "month. You can see the detail of every line in your online account under Bills, and change plan "
                      "at no cost if the new price doesn't suit you."]},
     "articles": [("5120", "understanding-your-bill", "comprendre-sa-facture"),
                  ("5120", "understanding-your-bill", "comprendre-sa-facture")]},

    {"id": "cancel_contract", "weight": 2.0,
     "fr": ["Je souhaite résilier mon abonnement fibre, je pars vivre à l'étranger. Quelle est la marche à suivre ?",
            "Merci de mettre fin à mon contrat mobile à compter du mois prochain. Ligne {line}.",
            "Combien de frais si j'arrête mon forfait avant la fin de l'engagement ? je veux partir",
            "Suite à vos hausses de prix répétées je veux résilier. Faut-il envoyer une lettre recommandée ?"],
     "en": ["I'd like to cancel my fibre subscription, I'm moving abroad. What's the procedure?",
            "Please terminate my mobile contract from next month. Line {line}.",
            "How much will it cost me to leave before the minimum term ends? i want out",
            "After your repeated price increases I want to end my contract. Do I need to send a letter?"],
     "subj": {"fr": ["Résiliation", "Résilier mon contrat", "fin d'abonnement"],
              "en": ["Cancellation", "Cancel contract", "Leaving Novaline"]},
     "reply": {"fr": ["Nous regrettons votre départ. La résiliation se fait depuis votre espace client, rubrique "
                      "Mon contrat > Résilier, ou par courrier simple ; elle prend effet 10 jours après votre demande. "
                      "Si vous êtes encore engagé, le quart des mensualités restantes vous sera facturé.",
                      "J'ai bien enregistré votre demande de résiliation, qui prendra effet le {day}. Vous recevrez "
                      "une confirmation par e-mail et une dernière facture au prorata. Pensez à nous renvoyer votre "
                      "matériel dans les 30 jours pour éviter des frais."],
               "en": ["We're sorry to see you go. You can cancel from your online account under My contract > Cancel, "
                      "or by post; it takes effect 10 days after your request. If you're still within your minimum "
                      "term, a quarter of the remaining monthly payments will be charged.",
                      "I've recorded your cancellation request, which will take effect on {day}. You'll get a "
                      "confirmation email and a final pro-rata bill. Please send your equipment back within 30 days "
                      "to avoid charges."]},
     "articles": [("5301", "how-to-cancel", "comment-resilier"), None]},

    {"id": "technician_appointment", "weight": 2.0,
     "fr": ["Le technicien devait passer {day} ({hour}) pour installer la fibre et personne n'est venu. Je veux un "
            "nouveau rendez-vous.",
            "Est-il possible de décaler le rendez-vous d'installation ? Je ne serai pas disponible {day}.",
            "J'attends toujours un créneau pour le raccordement, la commande date d'il y a 3 semaines.",
            "RDV technicien : quelqu'un peut me confirmer l'heure exacte ? Je dois poser une demi-journée."],
     "en": ["The engineer was supposed to come on {day} ({hour}) to install the fibre and nobody turned up. I need a new "
            "appointment.",
            "Can I move my installation appointment? I won't be home on {day}.",
            "Still waiting for a date for the hookup, I ordered three weeks ago.",
            "Could someone confirm the exact time slot for the technician visit? I have to book time off work."],
     "subj": {"fr": ["Rendez-vous technicien", "Installation fibre", "RDV"],
              "en": ["Engineer appointment", "Installation", "Appointment"]},
     "reply": {"fr": ["Je suis navrée pour ce rendez-vous manqué. J'ai reprogrammé l'intervention au {day}, créneau "
                      "{hour} ; le technicien vous appellera 30 minutes avant son arrivée. Vous pouvez modifier ce "
                      "créneau jusqu'à la veille depuis votre espace client.",
                      "Les rendez-vous d'installation se gèrent dans votre espace client, rubrique Suivi de commande : "
                      "vous pouvez y choisir ou déplacer un créneau jusqu'à 24 heures avant. Un SMS de confirmation "
                      "vous est envoyé la veille avec l'heure d'arrivée prévue."],
               "en": ["I'm very sorry about the missed appointment. I've rebooked the visit for {day}, {hour}; the "
                      "engineer will call you 30 minutes before arriving. You can change the slot up to the day before "
                      "from your online account.",
                      "Installation appointments are managed in your online account under Order tracking: you can pick "
                      "or move a slot up to 24 hours beforehand. A confirmation text is sent the day before with the "
                      "expected arrival time."]},
     "articles": [None, ("1744", "your-installation-appointment", "votre-rendez-vous-d-installation")]},

    {"id": "data_allowance", "weight": 1.5,
     "fr": ["J'ai déjà épuisé mes 20 Go alors qu'on est le 12 du mois. Comment rajouter de la data ?",
            "Internet sur mon portable est devenu hyper lent, j'ai reçu un SMS disant que mon enveloppe est consommée. "
            "On peut acheter une recharge ?",
            "est-ce que je peux voir combien de gigas il me reste ? je trouve pas dans l'appli",
            "Pourquoi ma conso affiche 18 Go alors que je suis presque toujours en wifi ??"],
     "en": ["I've used all 20GB already and it's only the 12th. How do I add more data?",
            "Mobile internet has slowed to a crawl, got a text saying my allowance is used up. Can I buy a top-up?",
            "where can i see how many gigs i have left? cant find it in the app",
            "How come my usage shows 18GB when I'm on wifi nearly all the time?"],
     "subj": {"fr": ["Data épuisée", "Recharge internet mobile", "Consommation"],
              "en": ["Out of data", "Data top-up", "Data usage"]},
     "reply": {"fr": ["Une fois votre enveloppe consommée, le débit est réduit jusqu'à la date de renouvellement. Vous "
                      "pouvez ajouter un pass de 5 Go (3 €) ou 20 Go (8 €) dans l'application Novaline, rubrique "
                      "Options ; il est actif immédiatement.",
                      "Votre consommation se suit en temps réel dans l'application, onglet Conso, ou en envoyant CONSO "
                      "au 555. Certaines applications utilisent les données en arrière-plan même en wifi : vous "
                      "pouvez les limiter dans les réglages du téléphone."],
               "en": ["Once your allowance is used, speed is reduced until your renewal date. You can add a 5GB (€3) or "
                      "20GB (€8) pass in the Novaline app under Add-ons; it works straight away.",
                      "You can follow your usage in real time in the app, Usage tab, or by texting USAGE to 555. Some "
                      "apps use data in the background even on Wi-Fi; you can restrict them in your phone's settings."]},
     "articles": [("2045", "data-passes", "pass-data"), ("2046", "track-your-usage", "suivre-sa-consommation")]},

    {"id": "unlock_phone", "weight": 1.0,
     "fr": ["Je voudrais désimlocker le téléphone acheté chez vous pour y mettre la SIM d'un autre opérateur. "
            "IMEI : {imei}.",
            "Mon téléphone réclame un « code de déblocage réseau » avec ma SIM achetée sur place. Comment l'obtenir ?",
            "est ce que mon portable est bloqué sur votre réseau ? je veux le revendre",
            "Demande de code de désimlockage pour un Samsung acheté il y a plus de 6 mois."],
     "en": ["I'd like to unlock the handset I bought from you so I can use another network's SIM. IMEI {imei}.",
            "Phone is asking for a network unlock PIN when I put in a local SIM abroad. How do I get one?",
            "is my phone locked to your network? planning to sell it",
            "Requesting an unlock code for a Samsung bought more than 6 months ago."],
     "subj": {"fr": ["Désimlockage", "Code de déblocage", "Téléphone bloqué opérateur"],
              "en": ["Unlock phone", "Unlock code", "Network lock"]},
     "reply": {"fr": ["Le code de déblocage est gratuit pour tout téléphone acheté chez Novaline depuis plus de 3 mois. "
                      "Faites la demande en ligne avec le numéro IMEI (tapez *#06# pour l'afficher) ; le code vous "
                      "est envoyé par e-mail sous 10 jours.",
                      "Les téléphones vendus par Novaline depuis 2021 ne sont plus verrouillés sur notre réseau : vous "
                      "pouvez y insérer n'importe quelle carte SIM. Si un code est demandé, c'est probablement le code "
                      "PIN de la nouvelle carte."],
               "en": ["Unlock codes are free for any phone bought from Novaline more than 3 months ago. Apply online "
                      "with the IMEI number (dial *#06# to see it); the code is emailed within 10 days.",
                      "Phones sold by Novaline since 2021 are no longer locked to our network, so any SIM card will "
                      "work. If a code is requested, it's most likely the PIN of the new card."]},
     "articles": [("1810", "unlocking-your-phone", "desimlocker-son-telephone"), None]},

    {"id": "lost_stolen", "weight": 1.0,
     "fr": ["On m'a volé mon téléphone ce matin dans le métro. Il faut bloquer ma ligne {line} tout de suite !",
            "J'ai perdu mon portable, comment suspendre la carte SIM et en avoir une nouvelle avec le même numéro ?",
            "vol de mon iphone hier soir, j'ai porté plainte. vous pouvez bloquer la sim et l'imei ?",
            "Mon fils a égaré son téléphone en vacances, pouvez-vous mettre la ligne en pause le temps de le retrouver ?"],
     "en": ["My phone was stolen on the bus this morning. Please block my number {line} right away!",
            "I've lost my mobile. How do I suspend the SIM and get a replacement with the same number?",
            "iphone nicked last night, reported it to the police. can you bar the sim and the imei",
            "My son misplaced his phone on holiday, can you pause the line until we find it?"],
     "subj": {"fr": ["Vol téléphone", "Perte portable", "URGENT bloquer ligne"],
              "en": ["Stolen phone", "Lost phone", "URGENT block my line"]},
     "reply": {"fr": ["J'ai suspendu votre ligne immédiatement : plus aucun appel ni donnée ne peut être facturé. Une "
                      "nouvelle carte SIM avec le même numéro vous est envoyée gratuitement sous 48 heures ; la ligne "
                      "sera réactivée à sa réception.",
                      "Vous pouvez suspendre votre ligne à tout moment depuis votre espace client, rubrique Perte ou "
                      "vol. Pour le blocage de l'IMEI, envoyez-nous une copie du dépôt de plainte en réponse à ce "
                      "message."],
               "en": ["I've suspended your line straight away, so no calls or data can be charged. A new SIM card with "
                      "the same number is being sent free of charge within 48 hours; the line is reactivated when it "
                      "arrives.",
                      "You can suspend your line at any time from your online account under Lost or stolen. To block "
                      "the IMEI, reply to this email with a copy of the police report."]},
     "articles": [None, ("1903", "lost-or-stolen-phone", "perte-ou-vol")]},

    {"id": "change_plan", "weight": 1.5,
     "fr": ["Je voudrais passer à un forfait avec plus de data, le 100 Go par exemple. Est-ce possible sans "
            "réengagement ?",
            "Peut-on baisser mon abonnement ? Je n'utilise presque pas mon téléphone et je paie trop cher.",
            "j'ai vu votre offre à 9,99 sur internet, je peux en profiter en étant déjà client ?",
            "Comment ajouter l'option TV à mon abonnement fibre actuel ?"],
     "en": ["I'd like to move to a plan with more data, the 100GB one for example. Can I do that without a new "
            "contract?",
            "Can I downgrade? I hardly use my phone and I'm paying too much.",
            "saw your 9.99 deal online, can existing customers get it too?",
            "How do I add the TV option to my current fibre package?"],
     "subj": {"fr": ["Changement d'offre", "Changer de forfait", "Option TV"],
              "en": ["Change plan", "Upgrade", "Downgrade my plan"]},
     "reply": {"fr": ["Vous pouvez changer d'offre à tout moment, sans frais ni réengagement, depuis votre espace client "
                      "(Mon offre > Changer d'offre). Le changement est effectif immédiatement pour une offre "
                      "supérieure, et au début du cycle suivant pour une offre inférieure.",
                      "Les offres promotionnelles du site sont réservées aux nouveaux clients, mais je peux vous "
                      "proposer un équivalent : le forfait 60 Go à 12,99 € par mois. Répondez simplement « j'accepte » "
                      "et je fais le changement."],
               "en": ["You can change plan at any time, with no fee and no new commitment, from your online account (My "
                      "plan > Change plan). Upgrades take effect immediately, downgrades at the start of the next "
                      "billing cycle.",
                      "The promotional deals on the website are for new customers, but I can offer you an equivalent: "
                      "the 60GB plan at €12.99 a month. Just reply 'I accept' and I'll make the change."]},
     "articles": [("2210", "change-your-plan", "changer-d-offre"), None]},

    {"id": "pin_puk", "weight": 1.2,
     "fr": ["Mon téléphone demande un code PUK, j'ai tapé trois fois le mauvais code PIN. Où le trouver ?",
            "carte sim bloquee !! il me demande un code de 8 chiffres que je n'ai pas",
            "J'ai oublié le code PIN de ma nouvelle SIM et maintenant elle est verrouillée. Pouvez-vous m'aider ?",
            "Ma fille a bloqué son portable en se trompant de code. Il affiche « PUK requis »."],
     "en": ["My phone is asking for a PUK code after I got the PIN wrong three times. Where do I find it?",
            "sim card locked!! it wants an 8 digit code I don't have",
            "Forgot the PIN for my new SIM and now it's locked. Can you help?",
            "My daughter locked her phone by entering the wrong code. It now says PUK required."],
     "subj": {"fr": ["Code PUK", "SIM bloquée", "code pin"],
              "en": ["PUK code", "SIM locked", "PIN locked"]},
     "reply": {"fr": ["Le code PUK se trouve sur le support plastique de votre carte SIM, et aussi dans votre espace "
                      "client, rubrique Ma ligne > Codes PIN/PUK. Après dix erreurs de code PUK, la carte est "
                      "définitivement bloquée et doit être remplacée.",
                      "Voici la marche à suivre : tapez **05*, puis le code PUK, puis un nouveau code PIN deux fois, "
                      "suivi de #. Je ne peux pas communiquer le code PUK par e-mail pour des raisons de sécurité ; "
                      "retrouvez-le dans l'application Novaline."],
               "en": ["Your PUK code is on the plastic card your SIM came in, and also in your online account under My "
                      "line > PIN/PUK codes. After ten wrong PUK attempts the card is permanently blocked and needs "
                      "replacing.",
                      "Here's what to do: dial **05*, then the PUK code, then a new PIN twice, followed by #. For "
                      "security reasons I can't send the PUK code by email; you'll find it in the Novaline app."]},
     "articles": [("1509", "pin-and-puk-codes", "codes-pin-et-puk"), ("1509", "pin-and-puk-codes", "codes-pin-et-puk")]},

    {"id": "moving_house", "weight": 1.5,
     "fr": ["Je déménage le mois prochain. Comment transférer ma box internet à la nouvelle adresse ?",
            "Nous changeons de logement fin du mois, est-ce que l'abonnement fibre peut nous suivre ?",
            "déménagement prévu au {street}, {zip} {city} : est-ce que c'est éligible à la fibre ? je ne veux pas "
            "rester sans internet",
            "Quelles démarches pour garder mon contrat internet en changeant d'adresse ? Y a-t-il des frais ?"],
     "en": ["I'm moving next month. How do I transfer my broadband to the new address?",
            "We're moving house at the end of the month, can the fibre contract come with us?",
            "moving soon to {street}, {city}: can the new place get fibre? can't be without internet",
            "What do I need to do to keep my internet contract when I change address? Any fees?"],
     "subj": {"fr": ["Déménagement", "Transfert abonnement", "Changement d'adresse"],
              "en": ["Moving house", "Home move", "Change of address"]},
     "reply": {"fr": ["Le transfert de votre abonnement est gratuit. Déclarez votre déménagement dans votre espace "
                      "client au moins 15 jours avant la date prévue : nous vérifions l'éligibilité de la nouvelle "
                      "adresse et vous proposons un rendez-vous d'installation. Emportez votre box avec vous.",
                      "J'ai vérifié l'adresse indiquée : elle est éligible à la fibre. J'ai créé la demande de "
                      "transfert {ticket} ; un conseiller vous appellera pour fixer la date de mise en service. Votre "
                      "ligne actuelle reste active jusqu'à cette date."],
               "en": ["Moving your subscription is free. Tell us about your move from your online account at least 15 "
                      "days beforehand: we'll check the new address and offer you an installation appointment. Take "
                      "your router with you.",
                      "I've checked the address you gave and it can get fibre. I've opened transfer request {ticket}; "
                      "an adviser will call you to set the activation date. Your current line stays active until "
                      "then."]},
     "articles": [("1760", "moving-home", "demenager-avec-novaline"), None]},

    {"id": "esim", "weight": 1.0,
     "fr": ["Je voudrais passer ma ligne en eSIM sur mon nouvel iPhone. Comment obtenir le QR code ?",
            "J'ai changé de téléphone et le nouveau ne prend qu'une eSIM. Que dois-je faire pour transférer mon "
            "numéro ?",
            "Le QR code que vous m'avez envoyé ne fonctionne pas, message « Impossible d'ajouter le forfait ».",
            "esim possible chez vous ? ma montre connectée en a besoin"],
     "en": ["I'd like to switch my line to an eSIM on my new iPhone. How do I get the QR code?",
            "Changed phones and the new one only takes eSIM. What do I do to move my number?",
            "The QR code you emailed doesn't work, it says Unable to add cellular plan.",
            "do you support esim? my smartwatch needs one"],
     "subj": {"fr": ["eSIM", "QR code eSIM", "Passage en eSIM"],
              "en": ["eSIM", "eSIM QR code", "Switch to eSIM"]},
     "reply": {"fr": ["Vous pouvez commander une eSIM gratuitement depuis l'application Novaline (Ma ligne > Passer en "
                      "eSIM). Le QR code s'affiche à l'écran ; scannez-le depuis un autre appareil, avec le Wi-Fi "
                      "activé. L'ancienne carte physique est désactivée dès que l'eSIM est installée.",
                      "Chaque QR code ne peut être scanné qu'une seule fois. J'ai généré un nouveau code, que vous "
                      "recevrez par e-mail dans l'heure ; pensez à supprimer l'ancien profil eSIM du téléphone avant "
                      "de scanner le nouveau."],
               "en": ["You can order an eSIM for free from the Novaline app (My line > Switch to eSIM). The QR code is "
                      "shown on screen; scan it from another device, with Wi-Fi on. The old physical card is disabled "
                      "as soon as the eSIM is installed.",
                      "Each QR code can only be scanned once. I've generated a new one, which you'll receive by email "
                      "within the hour; remember to delete the old eSIM profile from the phone before scanning the new "
                      "one."]},
     "articles": [("1533", "set-up-an-esim", "installer-une-esim"), None]},

    {"id": "payment_method", "weight": 1.2,
     "fr": ["Je change de banque, comment mettre à jour mon RIB pour les prélèvements ?",
            "J'ai reçu un mail disant que le prélèvement a été rejeté. Pourtant il y avait de l'argent sur le compte. "
            "Comment régulariser ?",
            "peut-on payer par carte bancaire au lieu du prelevement automatique ?",
            "Mon IBAN a changé (nouveau compte se terminant par {iban}). Merci de faire le nécessaire pour le contrat "
            "{acct}."],
     "en": ["I'm switching banks, how do I update my direct debit details?",
            "Got an email saying my payment was rejected, but there was money in the account. How do I sort it out?",
            "can i pay by card instead of direct debit?",
            "My bank details have changed (new account ending {iban}). Please update them for account {acct}."],
     "subj": {"fr": ["Changement de RIB", "Prélèvement rejeté", "Moyen de paiement"],
              "en": ["Bank details", "Payment rejected", "Direct debit"]},
     "reply": {"fr": ["Vous pouvez modifier vos coordonnées bancaires dans votre espace client, rubrique Paiement > "
                      "Modifier mon RIB. Le nouveau mandat s'applique au prochain prélèvement s'il est enregistré au "
                      "moins 10 jours avant la date d'échéance.",
                      "Suite au rejet de prélèvement, le montant reste dû : vous pouvez le régler par carte bancaire "
                      "dans votre espace client, rubrique Factures > Payer. Les frais de rejet ont été annulés à titre "
                      "exceptionnel."],
               "en": ["You can change your bank details in your online account under Payment > Update bank details. "
                      "The new mandate applies to the next payment if it's saved at least 10 days before the due date.",
                      "After the rejected payment, the amount is still due: you can pay it by card in your online "
                      "account under Bills > Pay now. As a one-off, the rejection fee has been cancelled."]},
     "articles": [("5230", "payment-methods", "moyens-de-paiement"), None]},

    {"id": "voicemail", "weight": 1.0,
     "fr": ["Comment consulter ma messagerie vocale ? Quand j'appelle le 888 ça sonne occupé.",
            "Mes correspondants tombent directement sur la messagerie alors que mon téléphone est allumé.",
            "je voudrais changer le message d'accueil de mon répondeur, c'est quoi le code ?",
            "Je ne reçois plus de notification quand on me laisse un message vocal."],
     "en": ["How do I listen to my voicemail? Calling 888 just gives a busy tone.",
            "People calling me go straight to voicemail even though my phone is on.",
            "want to change my voicemail greeting, what's the code",
            "I'm not getting notified anymore when someone leaves me a voice message."],
     "subj": {"fr": ["Messagerie vocale", "Répondeur", "messages vocaux"],
              "en": ["Voicemail", "Voicemail greeting", "Voice messages"]},
     "reply": {"fr": ["Votre messagerie se consulte au 888 depuis votre mobile, ou au 06 07 00 08 88 depuis un autre "
                      "téléphone avec votre code secret. Pour changer l'annonce d'accueil, appelez le 888 puis "
                      "tapez 3.",
                      "Le renvoi vers la messagerie était réglé sur « immédiat ». Je l'ai remis sur « si non réponse "
                      "après 20 secondes » ; redémarrez votre téléphone pour que le réglage soit pris en compte."],
               "en": ["You can reach your voicemail on 888 from your mobile, or on +33 6 07 00 08 88 from another phone "
                      "with your secret code. To change your greeting, call 888 and press 3.",
                      "Call forwarding to voicemail was set to 'immediate'. I've changed it back to 'if unanswered "
                      "after 20 seconds'; restart your phone for the setting to take effect."]},
     "articles": [None, None]},

    {"id": "return_equipment", "weight": 1.0,
     "fr": ["J'ai résilié ma fibre, où dois-je renvoyer la box et le décodeur ?",
            "On me réclame {amount} pour du matériel non restitué alors que j'ai déposé la box en point relais le mois "
            "dernier !",
            "Je n'ai pas reçu d'étiquette de retour pour le modem. Comment je fais ?",
            "faut-il rendre le boitier TV aussi ou juste le routeur ?"],
     "en": ["I've cancelled my fibre, where do I send the router and TV box back?",
            "You're charging me {amount} for unreturned equipment but I dropped the box at a parcel shop last month!",
            "Never got a returns label for the modem. What should I do?",
            "do i need to return the tv box as well or just the router?"],
     "subj": {"fr": ["Retour matériel", "Renvoi box", "Frais matériel non rendu"],
              "en": ["Returning equipment", "Return router", "Unreturned equipment charge"]},
     "reply": {"fr": ["Après une résiliation, la box, le décodeur TV et leurs câbles doivent être retournés sous 30 "
                      "jours. Imprimez l'étiquette prépayée depuis votre espace client et déposez le colis dans "
                      "n'importe quel point relais ; conservez bien le récépissé de dépôt.",
                      "J'ai retrouvé votre colis retour, réceptionné dans notre entrepôt. Les frais de non-restitution "
                      "ont été annulés et le remboursement apparaîtra sur votre compte sous 7 jours."],
               "en": ["After cancelling, the router, TV box and their cables must be returned within 30 days. Print the "
                      "prepaid label from your online account and drop the parcel at any parcel shop; keep the drop-off "
                      "receipt.",
                      "I've found your return parcel, which reached our warehouse. The unreturned-equipment charge has "
                      "been cancelled and the refund will reach your account within 7 days."]},
     "articles": [None, None]},

    {"id": "premium_sms", "weight": 1.0,
     "fr": ["Sur ma facture il y a des frais « services tiers » de {small_amount} pour {sms_service}, je n'ai jamais "
            "souscrit à ça.",
            "Je reçois des SMS payants tous les jours et je suis débité chaque semaine. Comment arrêter ces "
            "abonnements ?",
            "prelevement inconnu « Achats Internet+ » sur ma facture, remboursez moi svp",
            "Est-il possible de bloquer les numéros surtaxés et les achats via l'opérateur sur la ligne de mon ado ?"],
     "en": ["There's a third-party services charge of {small_amount} for {sms_service} on my bill. I never signed up "
            "for that.",
            "I'm getting premium texts every day and being charged every week. How do I stop these subscriptions?",
            "unknown 'mobile payment' charge on my bill, refund please",
            "Can I block premium-rate numbers and carrier billing on my teenager's line?"],
     "subj": {"fr": ["Services tiers", "SMS surtaxés", "Achat inconnu"],
              "en": ["Third-party charges", "Premium SMS", "Unknown charge"]},
     "reply": {"fr": ["Ces frais proviennent d'un abonnement à un service d'un éditeur tiers, souscrit depuis le "
                      "téléphone. Je l'ai résilié et j'ai activé le blocage des services tiers sur votre ligne. Pour "
                      "le remboursement, contactez l'éditeur via le site www.infoconso-multimedia.example.",
                      "J'ai activé le blocage complet des achats Internet+ et des numéros surtaxés sur la ligne. Vous "
                      "pouvez le désactiver à tout moment dans l'espace client, rubrique Options > Contrôle "
                      "parental."],
               "en": ["These charges come from a subscription to a third-party service, taken out from the phone. I've "
                      "cancelled it and turned on third-party blocking for your line. For a refund, contact the "
                      "provider via www.infoconso-multimedia.example.",
                      "I've turned on a full block on carrier billing and premium-rate numbers for the line. You can "
                      "switch it off at any time in your online account under Add-ons > Parental controls."]},
     "articles": [("5402", "third-party-charges", "services-tiers"), None]},
]

CONTENT = {
    "domain": DOMAIN,
    "support": ("Service Client Novaline", f"serviceclient@{DOMAIN}"),
    "agent_from": "{first} – Novaline",
    "agents": [{"first": f, "i": i} for f, i in [("Camille", "R"), ("Julien", "M"), ("Sabrina", "K"), ("Thomas", "B"),
                                                  ("Élodie", "F"), ("Mathis", "L"), ("Aïcha", "D"), ("Kevin", "P"),
                                                  ("Laura", "G")]],
    "team_greet": {"fr": ["Bonjour {First},", "Bonjour {First} {Last},", "Bonjour Madame, Monsieur {Last},",
                          "Bonjour {First}"],
                   "en": ["Hi {First},", "Hello {First},", "Dear {First} {Last},", "Hi {First}"]},
    "team_close": {"fr": ["Bien cordialement,", "Belle journée,", "Cordialement,"],
                   "en": ["Kind regards,", "Best wishes,", "Many thanks,"]},
    "signature": {"fr": ["{first} {i}.\nConseiller Service Client Novaline", "{first}\nL'équipe Novaline",
                         "{first} – Service Client"],
                  "en": ["{first} {i}.\nNovaline Customer Care", "{first}\nThe Novaline team", "{first} | Customer Care"]},
    "footer": {"fr": ["--\nNovaline · Votre espace client : https://www.novaline.example/espace-client\nMerci de ne pas "
                      "modifier l'objet de ce message."],
               "en": ["--\nNovaline · Your account: https://www.novaline.example/my-account\nPlease keep the subject "
                      "line when you reply."]},
    "team_quote": ["outlook", "outlook", "gmail"],
    "team_subject": ["RE: {subject}", "RE: {subject} [Ticket {ticket}]", "Re: {subject}"],
    "mailer": "Microsoft Outlook 16.0",
    "article_url": "https://help.novaline.example/articles/{id}-{slug}",
    "vague_subjects": {
        "fr": ["Question", "Demande", "Aide svp", "urgent!!", "Réclamation", "Mon compte", "Problème", "Contact",
               "Demande d'information", "Ma ligne {line}", "Client {acct}", "Re: votre demande", "Novaline", "SVP",
               "Bonjour", "?", "Dossier {acct}", "Renseignement", "URGENT", "suite à mon appel"],
        "en": ["Help please", "Question", "urgent!!", "Problem", "Hi", "Account {acct}", "Complaint",
               "Re: your account", "Query", "Issue", "Novaline", "please help", "My line", "Quick question",
               "Enquiry", "Following my call", "URGENT", "?", "Customer {acct}", "hello"]},
    "french_share": 0.58,
    "unanswered": 0.15,
    "makers": MAKERS,
    "questions": QUESTIONS,
}

if __name__ == "__main__":
    sys.exit(heldout_engine.main(CONTENT, __doc__))
