#!/usr/bin/env python3
"""A held-out help center for the topic evaluation: Pikora, an online shop (clothes, shoes, home).

  gen_shop.py --out DIR [--threads 1100] [--seed 1] [--year 2025] [--quiet]

Written on 2026-12-06 from issue 11's description only, by a helper who had not read the clustering code
(Sources/Analytics/Topics/), gen-sample, gen_helpcenter.py / helpcenter_content.py or the topic fixtures; see
scripts/eval/HELDOUT.md. 20 questions of very unequal size (weights 1 to 3; deliveries peak before Christmas,
gift cards in December, returns in January, promo codes in November), French and English, four or five unrelated
wordings per question and language, vague subjects most of the time ("Commande", "Re: your order"), two saved
replies per question and language (article links on some, never on all; a per-parcel tracking link in some),
chasers, follow-ups, thank-yous, Gmail, Apple Mail and Outlook quoting, about 15% of threads unanswered. Team mail
comes from @pikora.example (pass `--team @pikora.example` to `account add`). DIR gets a Maildir (cur/ new/ tmp/)
and DIR/truth.jsonl, one line per message (see heldout_engine.py). Standard library only; the same arguments give
the same bytes. Prints the per-question thread counts on stderr.
"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import heldout_engine  # noqa: E402

DOMAIN = "pikora.example"


def _order(rng, lang, when):
    return rng.choice(["PK-", "#", "CMD-", "", "PK"]) + str(rng.randint(100000, 9999999))


def _tracking(rng, lang, when):
    kind = rng.random()
    if kind < 0.45:
        return "6A" + "".join(str(rng.randint(0, 9)) for _ in range(11))
    if kind < 0.75:
        return "1Z" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTVWXY") for _ in range(16))
    return "JJD" + "".join(str(rng.randint(0, 9)) for _ in range(15))


def _promo(rng, lang, when):
    return rng.choice(["BIENVENUE10", "SOLDES20", "WELCOME10", "SPRING15", "BLACKFRIDAY", "NOEL25", "VIP30", "ETE2025"])


def _giftcard(rng, lang, when):
    return "GC-" + "-".join("".join(rng.choice("ABCDEFGHJKMNPQRSTUVWXYZ23456789") for _ in range(4)) for _ in range(3))


ITEMS = [("la robe Alba", "the Alba dress"), ("le pull en laine", "the wool jumper"), ("les baskets Nova", "the Nova trainers"),
         ("le jean slim", "the slim jeans"), ("le manteau Loire", "the Loire coat"), ("la chemise en lin", "the linen shirt"),
         ("les bottines", "the ankle boots"), ("le sac cabas", "the tote bag"), ("la veste matelassée", "the quilted jacket")]

MAKERS = {"order": _order, "tracking": _tracking, "promo": _promo, "giftcard": _giftcard,
          "item": lambda rng, lang, when: rng.choice(ITEMS)[0 if lang == "fr" else 1]}

XMAS = [0.8, 0.7, 0.8, 0.8, 0.9, 0.9, 0.9, 0.8, 1.0, 1.1, 1.8, 2.4]
JANUARY = [2.2, 1.4, 1.0, 0.9, 0.9, 1.0, 1.2, 1.0, 0.9, 0.9, 1.0, 1.0]
DECEMBER = [1.3, 0.5, 0.5, 0.5, 0.6, 0.6, 0.6, 0.5, 0.6, 0.8, 1.6, 3.2]
NOVEMBER = [1.2, 0.8, 0.7, 0.8, 0.8, 1.2, 1.0, 0.7, 0.8, 1.0, 2.8, 1.6]

QUESTIONS = [
    {"id": "where_is_order", "weight": 3.0, "season": XMAS,
     "fr": ["J'ai commandé il y a 10 jours (commande {order}) et je n'ai toujours rien reçu. Le suivi n'a pas bougé "
            "depuis lundi.",
            "Où en est mon colis ?? Il devait arriver avant le week-end.",
            "Le numéro de suivi {tracking} ne donne aucune information sur le site du transporteur, est-ce normal ?",
            "ma commande n'est jamais arrivée, le livreur dit l'avoir déposée mais il n'y a rien dans ma boîte aux "
            "lettres",
            "Pouvez-vous me dire quand je vais être livrée ? C'est un cadeau d'anniversaire pour samedi."],
     "en": ["I placed order {order} ten days ago and still nothing. Tracking hasn't updated since Monday.",
            "where is my parcel?? it was meant to arrive before the weekend",
            "The tracking number {tracking} shows no information on the courier's website, is that normal?",
            "Courier says it was delivered but there's nothing here. Not in the porch, not with the neighbours.",
            "Could you tell me when my delivery will turn up? It's a birthday present for Saturday."],
     "subj": {"fr": ["Commande non reçue", "Où est mon colis ?", "Livraison", "Suivi colis {order}"],
              "en": ["Order not received", "Where is my order?", "Delivery", "Tracking {order}"]},
     "reply": {"fr": ["Votre commande {order} a bien été expédiée et se trouve actuellement chez le transporteur. Les "
                      "délais sont un peu plus longs en ce moment ; vous pouvez suivre votre colis ici : "
                      "https://suivi.colis-express.example/{tracking}. Si rien ne bouge d'ici 5 jours ouvrés, nous "
                      "ouvrirons une enquête.",
                      "J'ai ouvert une enquête auprès du transporteur pour votre colis {tracking}. Ils ont 10 jours "
                      "ouvrés pour nous répondre ; si le colis est déclaré perdu, nous vous renverrons la commande ou "
                      "vous rembourserons, selon votre choix."],
               "en": ["Your order {order} has been shipped and is currently with the courier. Delivery times are a bit "
                      "longer at the moment; you can follow your parcel here: "
                      "https://track.parcelgo.example/{tracking}. If nothing moves within 5 working days, we'll open an "
                      "investigation.",
                      "I've opened an investigation with the courier for your parcel {tracking}. They have 10 working "
                      "days to reply; if the parcel is declared lost, we'll send your order again or refund you, "
                      "whichever you prefer."]},
     "articles": [("360011204", "delivery-times", "delais-de-livraison"),
                  ("360011377", "parcel-marked-delivered-but-not-received", "colis-indique-livre-mais-non-recu")]},

    {"id": "return_item", "weight": 2.5, "season": JANUARY,
     "fr": ["Je souhaite retourner {item}, ça ne me convient pas. Comment procéder ?",
            "comment on renvoie un article ? je ne trouve pas de bon de retour dans le colis",
            "Est-ce que le retour est gratuit ? J'ai commandé 3 tailles pour essayer et je n'en garde qu'une.",
            "Je voudrais vous renvoyer ma commande {order} en entier, rien ne va. Il faut imprimer une étiquette ?"],
     "en": ["I'd like to send back {item}, it doesn't suit me. What's the process?",
            "how do i return something? there was no returns slip in the box",
            "Are returns free? I ordered three sizes to try and I'm only keeping one.",
            "I want to return the whole of order {order}, none of it is right. Do I need to print a label?"],
     "subj": {"fr": ["Retour", "Retourner un article", "Demande de retour"],
              "en": ["Return", "Returning an item", "Returns"]},
     "reply": {"fr": ["Vous disposez de 30 jours après réception pour nous retourner un article. Rendez-vous dans "
                      "Mon compte > Mes commandes, cliquez sur « Retourner un article » et imprimez l'étiquette "
                      "prépayée. Déposez ensuite le colis dans un point relais ; le retour est gratuit.",
                      "Je vous ai envoyé par e-mail une étiquette de retour gratuite pour votre commande {order}. "
                      "Glissez les articles dans leur emballage d'origine, collez l'étiquette et déposez le colis "
                      "dans n'importe quel bureau de poste sous 14 jours."],
               "en": ["You have 30 days from delivery to send an item back. Go to My account > My orders, click "
                      "'Return an item' and print the prepaid label. Then drop the parcel at a pickup point; returns "
                      "are free.",
                      "I've emailed you a free returns label for order {order}. Put the items back in their original "
                      "packaging, stick the label on and drop the parcel at any post office within 14 days."]},
     "articles": [("360010021", "how-to-return-an-item", "comment-retourner-un-article"), None]},

    {"id": "refund_not_received", "weight": 2.5,
     "fr": ["J'ai renvoyé mon colis il y a 3 semaines et je n'ai toujours pas été remboursée.",
            "Vous avez bien reçu mon retour (suivi {tracking}) mais l'argent n'est pas sur mon compte, pourquoi c'est "
            "si long ?",
            "Quand vais-je récupérer mes {amount} ? Ça fait un mois que j'attends.",
            "remboursement toujours pas fait pour la commande {order} !!! je commence a perdre patience"],
     "en": ["I sent my parcel back three weeks ago and still haven't been refunded.",
            "You've received my return (tracking {tracking}) but the money isn't in my account, why is it taking so "
            "long?",
            "When will I get my {amount} back? I've been waiting a month.",
            "still no refund for order {order}!!! getting really fed up now"],
     "subj": {"fr": ["Remboursement", "Pas remboursé", "Remboursement en attente"],
              "en": ["Refund", "Refund not received", "Where is my refund"]},
     "reply": {"fr": ["Votre retour a bien été réceptionné à notre entrepôt et le remboursement de {amount} a été "
                      "validé aujourd'hui. Selon votre banque, il faut compter 3 à 5 jours ouvrés pour le voir "
                      "apparaître sur votre compte.",
                      "Les retours sont contrôlés sous 7 jours après leur arrivée à l'entrepôt ; le remboursement est "
                      "ensuite fait sur le moyen de paiement utilisé pour la commande. Je vois que votre colis est en "
                      "cours de contrôle : vous recevrez un e-mail dès que le remboursement sera effectué."],
               "en": ["Your return has reached our warehouse and the refund of {amount} was approved today. Depending "
                      "on your bank, it takes 3 to 5 working days to show on your account.",
                      "Returns are checked within 7 days of reaching the warehouse; the refund then goes back to the "
                      "payment method used for the order. I can see your parcel is being checked: you'll get an email "
                      "as soon as the refund has been made."]},
     "articles": [None, ("360010088", "refund-times", "delais-de-remboursement")]},

    {"id": "damaged_item", "weight": 1.5,
     "fr": ["Le colis est arrivé écrasé et le vase à l'intérieur est en morceaux. Je joins des photos.",
            "L'article reçu a un gros accroc sur la manche et une tache, c'est inacceptable pour du neuf.",
            "La lampe ne s'allume pas, elle a dû être abîmée pendant le transport. Que faites-vous dans ce cas ?",
            "produit defectueux, la fermeture eclair a lâché au premier essayage. commande {order}"],
     "en": ["The box arrived crushed and the vase inside is in pieces. Photos attached.",
            "The top I received has a big snag on the sleeve and a stain. Not acceptable for something new.",
            "The lamp doesn't light up, it must have been damaged in transit. What happens now?",
            "faulty product, the zip broke the first time I tried it on. order {order}"],
     "subj": {"fr": ["Article abîmé", "Produit défectueux", "Colis endommagé"],
              "en": ["Damaged item", "Faulty product", "Arrived broken"]},
     "reply": {"fr": ["Nous sommes désolés que votre article soit arrivé en mauvais état. Nous vous envoyons un "
                      "remplacement dès aujourd'hui, sans frais ; inutile de nous retourner l'article abîmé. Vous "
                      "recevrez le numéro de suivi par e-mail.",
                      "Je suis navrée pour ce défaut. Pourriez-vous nous envoyer une photo de l'article et de "
                      "l'étiquette en réponse à ce message ? Dès réception, nous procéderons au remboursement intégral "
                      "ou à l'échange, comme vous préférez."],
               "en": ["We're sorry your item arrived in poor condition. We're sending a replacement today at no cost; "
                      "there's no need to return the damaged one. You'll get the tracking number by email.",
                      "I'm sorry about the fault. Could you reply with a photo of the item and its label? As soon as we "
                      "have it, we'll give you a full refund or an exchange, whichever you prefer."]},
     "articles": [None, ("360010140", "damaged-or-faulty-items", "article-endommage-ou-defectueux")]},

    {"id": "wrong_item", "weight": 1.2,
     "fr": ["J'ai reçu un pull bleu marine alors que j'avais commandé le vert. Que dois-je faire ?",
            "Erreur dans ma commande {order} : ce n'est pas du tout le bon article dans le colis.",
            "J'avais pris du 38 et on m'a envoyé du 44 !",
            "Le colis contient les affaires de quelqu'un d'autre, avec un autre nom sur le bon de livraison."],
     "en": ["I received a navy jumper but I ordered the green one. What should I do?",
            "There's a mistake with order {order}: it's a completely different item in the box.",
            "I ordered a size 8 and you sent a 16!",
            "The parcel has someone else's things in it, with another name on the delivery note."],
     "subj": {"fr": ["Mauvais article", "Erreur de commande", "Pas le bon produit"],
              "en": ["Wrong item", "Wrong order", "Not what I ordered"]},
     "reply": {"fr": ["Toutes nos excuses pour cette erreur de préparation. Le bon article part aujourd'hui en "
                      "livraison express, à nos frais. Une étiquette de retour prépayée vous a été envoyée par e-mail "
                      "pour nous renvoyer l'article reçu par erreur.",
                      "Je suis désolée pour cette confusion. J'ai besoin d'une photo de l'article reçu et du bon de "
                      "livraison pour lancer l'échange ; dès réception, nous vous expédions le bon produit sans "
                      "attendre le retour."],
               "en": ["Our apologies for this packing error. The right item is leaving today by express delivery, at "
                      "our expense. A prepaid returns label has been emailed to you so you can send back the item you "
                      "received by mistake.",
                      "I'm sorry for the mix-up. I need a photo of the item you received and of the delivery note to "
                      "start the exchange; once we have it, we'll ship the right product without waiting for the "
                      "return."]},
     "articles": [None, None]},

    {"id": "size_guide", "weight": 1.0,
     "fr": ["Je fais habituellement du 40, quelle taille me conseillez-vous pour {item} ?",
            "Vos modèles taillent-ils petit ? j'hésite entre M et L",
            "Quelles sont les mesures exactes de la taille S (tour de poitrine, longueur) ?",
            "Pour les chaussures, il faut prendre sa pointure habituelle ou une au-dessus ?"],
     "en": ["I'm normally a size 12, what would you recommend for {item}?",
            "do your clothes come up small? torn between M and L",
            "What are the exact measurements for a size S (chest, length)?",
            "For shoes, should I order my usual size or one up?"],
     "subj": {"fr": ["Taille", "Guide des tailles", "Quelle taille choisir"],
              "en": ["Sizing", "Size guide", "Which size?"]},
     "reply": {"fr": ["Nos modèles taillent normalement : nous vous conseillons de prendre votre taille habituelle. "
                      "Le guide des tailles, avec les mesures détaillées de chaque article, se trouve sous le bouton "
                      "« Guide des tailles » de la fiche produit.",
                      "Ce modèle a une coupe ajustée ; si vous êtes entre deux tailles, prenez la taille au-dessus. Les "
                      "mesures à plat figurent dans l'onglet Détails de la fiche produit, et l'échange de taille est "
                      "gratuit."],
               "en": ["Our clothes are true to size, so we'd recommend your usual size. The size guide, with detailed "
                      "measurements for every item, is under the 'Size guide' button on the product page.",
                      "This style has a slim fit; if you're between two sizes, go for the bigger one. The flat "
                      "measurements are in the Details tab of the product page, and size exchanges are free."]},
     "articles": [("360012005", "size-guide", "guide-des-tailles"), None]},

    {"id": "exchange_size", "weight": 1.5,
     "fr": ["Le pantalon est trop petit, je voudrais l'échanger contre une taille au-dessus. C'est possible ?",
            "Est-ce que je peux faire un échange directement ou faut-il retourner puis recommander ?",
            "trop grand !! je veux le meme en M svp",
            "J'aimerais échanger les baskets reçues contre une pointure 39, commande {order}."],
     "en": ["The trousers are too small, I'd like to swap them for the next size up. Is that possible?",
            "Can I do a straight exchange or do I have to send it back and reorder?",
            "too big!! want the same one in a medium please",
            "I'd like to exchange the trainers I got for a size 6, order {order}."],
     "subj": {"fr": ["Échange", "Échange de taille", "changer la taille"],
              "en": ["Exchange", "Size exchange", "Swap size"]},
     "reply": {"fr": ["L'échange de taille est gratuit : dans Mon compte > Mes commandes, choisissez « Échanger », "
                      "sélectionnez la nouvelle taille et imprimez l'étiquette. Le nouvel article part dès que le colis "
                      "retour est scanné par le transporteur.",
                      "J'ai réservé la taille demandée pour vous et créé l'échange {ticket}. Renvoyez simplement "
                      "l'article avec l'étiquette jointe à cet e-mail ; nous expédions la nouvelle taille sans "
                      "attendre sa réception."],
               "en": ["Size exchanges are free: in My account > My orders, choose 'Exchange', pick the new size and "
                      "print the label. The new item ships as soon as the courier scans your return parcel.",
                      "I've reserved the size you asked for and created exchange {ticket}. Just send the item back with "
                      "the label attached to this email; we'll ship the new size without waiting for it to arrive."]},
     "articles": [("360010027", "exchange-an-item", "echanger-un-article"), None]},

    {"id": "promo_code", "weight": 1.5, "season": NOVEMBER,
     "fr": ["Le code {promo} ne fonctionne pas, le site me dit « code invalide ».",
            "J'ai oublié de mettre mon code de réduction lors de la commande, pouvez-vous l'appliquer après coup ?",
            "Pourquoi la remise de 20 % ne s'applique pas sur les articles soldés ?",
            "code promo reçu par la newsletter refusé au paiement, il expire seulement dimanche pourtant"],
     "en": ["The code {promo} isn't working, the site says invalid code.",
            "I forgot to enter my discount code when I ordered, can you apply it afterwards?",
            "Why doesn't the 20% off apply to sale items?",
            "promo code from your newsletter gets rejected at checkout, it's valid until sunday though"],
     "subj": {"fr": ["Code promo", "Code de réduction", "Réduction non appliquée"],
              "en": ["Promo code", "Discount code", "Discount not applied"]},
     "reply": {"fr": ["Les codes promotionnels ne s'appliquent pas aux articles déjà soldés et ne se cumulent pas entre "
                      "eux ; ils doivent être saisis en minuscules ou majuscules, sans espace, à l'étape Panier. "
                      "Vérifiez aussi le montant minimum d'achat indiqué dans la newsletter.",
                      "Je ne peux pas appliquer un code sur une commande déjà validée, mais je vous ai fait un "
                      "remboursement partiel de {small_amount}, équivalent à la remise. Il apparaîtra sur votre compte "
                      "sous quelques jours."],
               "en": ["Promo codes don't apply to items already on sale and can't be combined; enter them without "
                      "spaces at the Basket step. Please also check the minimum spend shown in the newsletter.",
                      "I can't add a code to an order that's already been placed, but I've made a partial refund of "
                      "{small_amount}, the same as the discount. It will show on your account within a few days."]},
     "articles": [("360013120", "using-a-promo-code", "utiliser-un-code-promo"), None]},

    {"id": "gift_card", "weight": 1.2, "season": DECEMBER,
     "fr": ["J'ai acheté une carte cadeau pour ma sœur mais elle n'a jamais reçu l'e-mail avec le code.",
            "Comment utiliser une carte cadeau sur le site ? Je ne vois pas où entrer le code.",
            "Quel est le solde restant sur ma carte {giftcard} ?",
            "La carte cadeau reçue à Noël est expirée d'après le site, est-ce qu'on peut la prolonger ?"],
     "en": ["I bought a gift card for my sister but she never got the email with the code.",
            "How do I use a gift card on the website? I can't see where to put the code.",
            "What's the remaining balance on my card {giftcard}?",
            "The gift card I got for Christmas shows as expired, can it be extended?"],
     "subj": {"fr": ["Carte cadeau", "E-carte cadeau", "Solde carte cadeau"],
              "en": ["Gift card", "E-gift card", "Gift card balance"]},
     "reply": {"fr": ["La carte cadeau s'utilise à l'étape Paiement, en cliquant sur « J'ai une carte cadeau » puis en "
                      "saisissant le code à 12 caractères. Elle est valable un an et peut être utilisée en plusieurs "
                      "fois ; le solde restant s'affiche au moment du paiement.",
                      "J'ai renvoyé l'e-carte cadeau à l'adresse du destinataire ; pensez à vérifier le dossier des "
                      "courriers indésirables. Le code reste valable 12 mois à partir de la date d'achat."],
               "en": ["Gift cards are used at the Payment step: click 'I have a gift card' and enter the 12-character "
                      "code. They're valid for a year and can be used over several orders; the remaining balance is "
                      "shown at checkout.",
                      "I've resent the e-gift card to the recipient's address; please ask them to check their spam "
                      "folder. The code stays valid for 12 months from the purchase date."]},
     "articles": [("360014400", "gift-cards", "cartes-cadeaux"), ("360014400", "gift-cards", "cartes-cadeaux")]},

    {"id": "payment_declined", "weight": 1.5,
     "fr": ["Mon paiement est refusé à chaque fois alors que ma carte fonctionne partout ailleurs.",
            "impossible de valider le panier, erreur au moment de payer. j'ai essayé 3 cartes",
            "La validation 3D Secure échoue, je ne reçois jamais le SMS de ma banque.",
            "On m'a débité {amount} mais le site affiche « paiement échoué » et je n'ai pas de confirmation de "
            "commande."],
     "en": ["My payment keeps getting declined even though my card works everywhere else.",
            "cant check out, error when paying. tried 3 different cards",
            "3D Secure verification fails, I never get the text from my bank.",
            "I've been charged {amount} but the site says payment failed and I have no order confirmation."],
     "subj": {"fr": ["Paiement refusé", "Problème de paiement", "Erreur paiement"],
              "en": ["Payment declined", "Payment problem", "Card declined"]},
     "reply": {"fr": ["Un refus de paiement vient le plus souvent de la banque (plafond atteint, 3D Secure non validé). "
                      "Nous vous conseillons de vider le cache du navigateur, de réessayer depuis l'application de "
                      "votre banque à portée de main, ou de payer par PayPal.",
                      "Je vois bien une tentative de paiement, mais elle n'a pas été confirmée par votre banque : "
                      "aucune commande n'a été créée. Le montant bloqué sera libéré automatiquement sous 72 heures ; "
                      "vous pouvez repasser la commande dès maintenant."],
               "en": ["A declined payment usually comes from the bank (spending limit reached, 3D Secure not "
                      "completed). Please clear your browser cache and try again with your banking app to hand, or pay "
                      "with PayPal.",
                      "I can see a payment attempt, but your bank didn't confirm it, so no order was created. The "
                      "amount on hold will be released automatically within 72 hours; you can place the order again "
                      "now."]},
     "articles": [("360015010", "payment-declined", "paiement-refuse"), None]},

    {"id": "cancel_order", "weight": 1.5,
     "fr": ["Je viens de passer la commande {order} par erreur, pouvez-vous l'annuler ?",
            "Est-il encore temps d'annuler ma commande d'hier soir ? Je l'ai trouvée moins chère ailleurs.",
            "annulez ma commande svp, je n'en veux plus",
            "J'ai commandé deux fois le même article par erreur, merci de supprimer le doublon."],
     "en": ["I just placed order {order} by mistake, can you cancel it?",
            "Is it too late to cancel last night's order? Found it cheaper somewhere else.",
            "please cancel my order, don't want it anymore",
            "I accidentally ordered the same thing twice, please remove the duplicate."],
     "subj": {"fr": ["Annulation commande", "Annuler", "Commande en double"],
              "en": ["Cancel order", "Cancellation", "Duplicate order"]},
     "reply": {"fr": ["C'est fait : votre commande {order} est annulée et le remboursement intégral a été lancé sur "
                      "votre moyen de paiement. Vous recevrez un e-mail de confirmation d'ici quelques minutes.",
                      "Votre commande était déjà en préparation et ne peut plus être annulée. À réception, il vous "
                      "suffira de refuser le colis ou de nous le retourner gratuitement sous 30 jours pour être "
                      "remboursé."],
               "en": ["Done: your order {order} has been cancelled and a full refund has been issued to your payment "
                      "method. You'll get a confirmation email within a few minutes.",
                      "Your order was already being packed and can no longer be cancelled. When it arrives, just refuse "
                      "the parcel or send it back free of charge within 30 days for a refund."]},
     "articles": [None, ("360010009", "cancel-an-order", "annuler-une-commande")]},

    {"id": "change_address", "weight": 1.0,
     "fr": ["Je me suis trompée d'adresse de livraison, la bonne est {street}, {zip} {city}. Pouvez-vous la modifier ?",
            "Est-ce qu'on peut faire livrer le colis au travail plutôt qu'à la maison ? Il n'est pas encore parti.",
            "erreur de code postal dans ma commande, le colis va partir au mauvais endroit",
            "Je déménage demain, merci de changer l'adresse de la commande {order} si ce n'est pas trop tard."],
     "en": ["I put the wrong delivery address, the right one is {street}, {city} {zip}. Can you change it?",
            "Can the parcel go to my work address instead of home? It hasn't shipped yet.",
            "typo in the postcode on my order, it's going to go to the wrong place",
            "I'm moving tomorrow, please change the address on order {order} if it's not too late."],
     "subj": {"fr": ["Changement d'adresse", "Adresse de livraison", "Modifier adresse"],
              "en": ["Change of address", "Delivery address", "Wrong address"]},
     "reply": {"fr": ["J'ai mis à jour l'adresse de livraison de votre commande avant son expédition ; le colis partira "
                      "bien à la nouvelle adresse. Vous pouvez vérifier le changement dans Mon compte > Mes commandes.",
                      "Votre colis a déjà été remis au transporteur, je ne peux donc plus modifier l'adresse de notre "
                      "côté. Vous pouvez demander une nouvelle livraison ou un point relais directement depuis le lien "
                      "de suivi reçu par SMS."],
               "en": ["I've updated the delivery address on your order before dispatch, so the parcel will go to the new "
                      "address. You can check the change in My account > My orders.",
                      "Your parcel has already been handed to the courier, so I can't change the address from our side. "
                      "You can request a redelivery or a pickup point directly from the tracking link sent by text."]},
     "articles": [None, None]},

    {"id": "missing_item", "weight": 1.2,
     "fr": ["Il manque un article dans mon colis : j'avais commandé 3 produits et je n'en ai reçu que 2.",
            "Le jean n'était pas dans le carton alors qu'il figure sur la facture.",
            "colis incomplet, ou est le reste de ma commande ??",
            "J'ai reçu seulement une partie de la commande {order}. Le reste arrive-t-il séparément ?"],
     "en": ["An item is missing from my parcel: I ordered 3 things and only 2 came.",
            "The jeans weren't in the box even though they're on the invoice.",
            "parcel incomplete, where's the rest of my order??",
            "I only got part of order {order}. Is the rest coming separately?"],
     "subj": {"fr": ["Article manquant", "Colis incomplet", "Il manque un produit"],
              "en": ["Missing item", "Incomplete order", "Item missing"]},
     "reply": {"fr": ["Certaines commandes sont expédiées en plusieurs colis depuis des entrepôts différents. L'article "
                      "manquant fait l'objet d'un second envoi, avec le numéro de suivi {tracking} ; il devrait arriver "
                      "sous 2 à 3 jours.",
                      "Je suis désolée, l'article a bien été oublié lors de la préparation. Je vous le renvoie dès "
                      "aujourd'hui sans frais ; vous recevrez le suivi par e-mail."],
               "en": ["Some orders are shipped in several parcels from different warehouses. The missing item is in a "
                      "second parcel, tracking number {tracking}; it should arrive within 2 to 3 days.",
                      "I'm sorry, the item was indeed left out when your order was packed. I'm sending it today at no "
                      "cost; you'll get the tracking by email."]},
     "articles": [("360011460", "order-in-several-parcels", "commande-en-plusieurs-colis"), None]},

    {"id": "account_login", "weight": 1.0,
     "fr": ["Je n'arrive plus à me connecter à mon compte, le mot de passe est refusé.",
            "Le lien de réinitialisation du mot de passe ne m'arrive pas, même dans les spams.",
            "mon compte est bloqué après plusieurs essais, comment le débloquer ?",
            "J'ai changé d'adresse e-mail et je ne peux plus accéder à mon espace client."],
     "en": ["I can't log in to my account any more, it says my password is wrong.",
            "The password reset email never arrives, not even in spam.",
            "account locked after too many attempts, how do I unlock it?",
            "I changed my email address and now I can't get into my account."],
     "subj": {"fr": ["Connexion impossible", "Mot de passe", "Compte bloqué"],
              "en": ["Can't log in", "Password reset", "Account locked"]},
     "reply": {"fr": ["Pour réinitialiser votre mot de passe, cliquez sur « Mot de passe oublié » sur la page de "
                      "connexion et saisissez l'adresse e-mail de votre compte. Le lien est valable 1 heure ; si vous "
                      "ne le recevez pas, vérifiez vos courriers indésirables.",
                      "J'ai débloqué votre compte et mis à jour l'adresse e-mail associée. Vous pouvez maintenant vous "
                      "connecter ; nous vous conseillons de choisir un nouveau mot de passe dès la première "
                      "connexion."],
               "en": ["To reset your password, click 'Forgot password' on the login page and enter your account's email "
                      "address. The link is valid for 1 hour; if it doesn't arrive, check your spam folder.",
                      "I've unlocked your account and updated the email address on it. You can log in now; we'd "
                      "recommend choosing a new password the first time you do."]},
     "articles": [("360016002", "trouble-logging-in", "probleme-de-connexion"), None]},

    {"id": "invoice_request", "weight": 1.0,
     "fr": ["Pourriez-vous m'envoyer une facture pour la commande {order} ? J'en ai besoin pour ma comptabilité.",
            "Je ne trouve pas la facture dans mon compte, où est-elle ?",
            "Est-il possible d'avoir une facture au nom de ma société avec le numéro de TVA ?",
            "besoin d'une facture pour la garantie, merci"],
     "en": ["Could you send me an invoice for order {order}? I need it for my accounts.",
            "I can't find the invoice in my account, where is it?",
            "Can I get an invoice made out to my company with our VAT number?",
            "need a receipt for warranty purposes thanks"],
     "subj": {"fr": ["Facture", "Demande de facture", "Facture société"],
              "en": ["Invoice", "Invoice request", "Receipt"]},
     "reply": {"fr": ["Vos factures sont disponibles dans Mon compte > Mes commandes, en cliquant sur « Télécharger la "
                      "facture » à côté de chaque commande, une fois celle-ci expédiée.",
                      "Vous trouverez en pièce jointe la facture de votre commande {order}, établie au nom et avec le "
                      "numéro de TVA indiqués. N'hésitez pas à me dire s'il faut corriger quelque chose."],
               "en": ["Your invoices are in My account > My orders: click 'Download invoice' next to each order once it "
                      "has shipped.",
                      "Please find attached the invoice for order {order}, made out to the name and VAT number you gave. "
                      "Let me know if anything needs correcting."]},
     "articles": [None, None]},

    {"id": "restock", "weight": 1.0,
     "fr": ["Le manteau Loire en taille M sera-t-il réassorti ?",
            "Vous allez recevoir à nouveau les bottines en 38 ? Elles sont épuisées depuis des semaines.",
            "Pouvez-vous me prévenir quand l'article revient en stock ?",
            "rupture de stock sur la couleur que je veux, c'est definitif ?"],
     "en": ["Will the Loire coat in medium be back in stock?",
            "Are you getting the ankle boots in a 5 again? They've been sold out for weeks.",
            "Can you let me know when this item is available again?",
            "out of stock in the colour I want, is it gone for good?"],
     "subj": {"fr": ["Rupture de stock", "Réassort", "Disponibilité"],
              "en": ["Out of stock", "Restock", "Availability"]},
     "reply": {"fr": ["Nous ne pouvons malheureusement pas garantir le réassort de chaque taille. Le plus simple est "
                      "de cliquer sur « M'alerter » sur la fiche produit : vous recevrez un e-mail dès que la taille "
                      "sera de nouveau disponible.",
                      "Bonne nouvelle : un réassort de ce modèle est prévu d'ici deux à trois semaines. Je vous ai "
                      "inscrite à l'alerte de disponibilité pour ne pas le manquer."],
               "en": ["Unfortunately we can't guarantee every size will be restocked. The easiest way is to click "
                      "'Notify me' on the product page: you'll get an email as soon as the size is back.",
                      "Good news: a restock of this style is expected within two to three weeks. I've signed you up "
                      "for the back-in-stock alert so you don't miss it."]},
     "articles": [None, None]},

    {"id": "shipping_options", "weight": 1.0,
     "fr": ["Combien coûte la livraison express et en combien de temps arrive-t-elle ?",
            "Livrez-vous en Belgique et en Suisse ? Quels sont les frais ?",
            "À partir de quel montant la livraison est-elle offerte ?",
            "si je commande aujourd'hui est ce que je recois avant vendredi ?"],
     "en": ["How much is express delivery and how fast is it?",
            "Do you ship to Ireland and the US? What are the charges?",
            "What's the minimum spend for free delivery?",
            "if i order today will it get here before friday?"],
     "subj": {"fr": ["Frais de port", "Livraison express", "Livraison à l'étranger"],
              "en": ["Shipping costs", "Express delivery", "International shipping"]},
     "reply": {"fr": ["La livraison standard (3 à 5 jours ouvrés) est offerte dès 50 € d'achat, sinon 4,90 €. La "
                      "livraison express en 24 heures coûte 9,90 € pour toute commande passée avant 14 h.",
                      "Nous livrons dans toute l'Union européenne, au Royaume-Uni, en Suisse et aux États-Unis. Les "
                      "frais et délais de chaque pays s'affichent au moment du choix du mode de livraison, avant le "
                      "paiement."],
               "en": ["Standard delivery (3 to 5 working days) is free over €50, otherwise €4.90. Next-day express "
                      "delivery is €9.90 for orders placed before 2pm.",
                      "We deliver across the European Union, the UK, Switzerland and the US. Costs and times for each "
                      "country are shown when you choose a delivery method, before payment."]},
     "articles": [("360011002", "delivery-options-and-costs", "modes-et-frais-de-livraison"),
                  ("360011015", "international-delivery", "livraison-internationale")]},

    {"id": "delete_account", "weight": 1.0,
     "fr": ["Je souhaite que vous supprimiez mon compte et toutes mes données personnelles.",
            "Arrêtez de m'envoyer vos newsletters, je me suis déjà désinscrit deux fois !",
            "Comment fermer définitivement mon compte client ?",
            "conformement au RGPD merci d'effacer mes donnees"],
     "en": ["Please delete my account and all my personal data.",
            "Stop sending me your newsletters, I've unsubscribed twice already!",
            "How do I close my customer account permanently?",
            "under GDPR please erase my data"],
     "subj": {"fr": ["Suppression compte", "RGPD", "Désinscription"],
              "en": ["Delete account", "GDPR request", "Unsubscribe"]},
     "reply": {"fr": ["Votre demande a bien été prise en compte : votre compte et vos données personnelles seront "
                      "supprimés sous 30 jours, conformément au RGPD. Seules les factures sont conservées pendant la "
                      "durée légale.",
                      "Je vous ai désinscrit de toutes nos communications marketing. Il peut s'écouler jusqu'à 48 "
                      "heures avant que les derniers envois programmés ne s'arrêtent ; toutes nos excuses pour la "
                      "gêne."],
               "en": ["Your request has been recorded: your account and personal data will be deleted within 30 days, "
                      "in line with GDPR. Only invoices are kept for the legal period.",
                      "I've unsubscribed you from all our marketing emails. It can take up to 48 hours for already "
                      "scheduled mailings to stop; sorry for the inconvenience."]},
     "articles": [("360017001", "your-personal-data", "vos-donnees-personnelles"), None]},

    {"id": "payment_options", "weight": 1.0,
     "fr": ["Est-ce qu'on peut payer en 3 fois sans frais ?",
            "Vous acceptez PayPal ? Je ne le vois pas au moment de payer.",
            "Peut-on régler par virement ou avec Apple Pay ?",
            "paiement en plusieurs fois possible pour une commande de 400 euros ?"],
     "en": ["Can I pay in three instalments?",
            "Do you take PayPal? I can't see it at checkout.",
            "Can I pay by bank transfer or Apple Pay?",
            "buy now pay later available on a 400 euro order?"],
     "subj": {"fr": ["Paiement en 3 fois", "Moyens de paiement", "PayPal"],
              "en": ["Instalments", "Payment methods", "PayPal"]},
     "reply": {"fr": ["Nous acceptons la carte bancaire, PayPal, Apple Pay et le paiement en 3 ou 4 fois sans frais "
                      "avec notre partenaire à partir de 100 € d'achat. Le virement n'est pas proposé.",
                      "Le paiement en plusieurs fois apparaît à l'étape Paiement pour les paniers entre 100 € et "
                      "2 000 €. S'il ne s'affiche pas, vérifiez que l'adresse de facturation est bien en France."],
               "en": ["We accept cards, PayPal, Apple Pay and interest-free payment in 3 or 4 instalments with our "
                      "partner on orders over €100. Bank transfer isn't available.",
                      "Paying in instalments shows up at the Payment step for baskets between €100 and €2,000. If you "
                      "don't see it, check that your billing address is in a country we offer it in."]},
     "articles": [("360015100", "payment-methods", "moyens-de-paiement"), None]},

    {"id": "relay_point", "weight": 1.2,
     "fr": ["Mon colis est en point relais depuis une semaine mais je n'ai jamais eu le code de retrait.",
            "Le point relais choisi est fermé pour congés, où va partir mon colis ?",
            "J'ai raté le délai pour aller chercher mon colis et il est reparti chez vous. Pouvez-vous le renvoyer ?",
            "le relais dit qu'il n'a pas mon colis alors que le suivi indique qu'il y est"],
     "en": ["My parcel has been at the pickup point for a week but I never got the collection code.",
            "The pickup point I chose is closed for the holidays, where will my parcel go?",
            "I missed the deadline to collect my parcel and it went back to you. Can you resend it?",
            "the pickup shop says they don't have my parcel but tracking says it's there"],
     "subj": {"fr": ["Point relais", "Retrait colis", "Colis retourné à l'expéditeur"],
              "en": ["Pickup point", "Collecting my parcel", "Parcel returned to sender"]},
     "reply": {"fr": ["Le code de retrait vous est envoyé par SMS et par e-mail à l'arrivée du colis ; le numéro de "
                      "commande et une pièce d'identité suffisent aussi au point relais. Les colis y sont conservés 10 "
                      "jours avant de nous être retournés.",
                      "Votre colis nous est revenu faute d'avoir été retiré. Je l'ai réexpédié gratuitement à votre "
                      "domicile cette fois ; vous recevrez le nouveau suivi dans la journée."],
               "en": ["The collection code is sent by text and email when the parcel arrives; your order number and ID "
                      "are also accepted at the pickup point. Parcels are kept there for 10 days before coming back to "
                      "us.",
                      "Your parcel came back to us because it wasn't collected. I've sent it again free of charge, to "
                      "your home this time; you'll get the new tracking today."]},
     "articles": [("360011190", "collecting-from-a-pickup-point", "retirer-un-colis-en-point-relais"), None]},
]

CONTENT = {
    "domain": DOMAIN,
    "support": ("Pikora", f"bonjour@{DOMAIN}"),
    "agent_from": "{first} de Pikora",
    "agents": [{"first": f, "i": i} for f, i in [("Léa", "M"), ("Hugo", "T"), ("Inès", "B"), ("Maxime", "D"),
                                                  ("Clara", "S"), ("Yanis", "A"), ("Pauline", "V"), ("Nadia", "C")]],
    "team_greet": {"fr": ["Bonjour {First},", "Bonjour {First} !", "Bonjour {First} {Last} !", "Bonjour {First} {Last},"],
                   "en": ["Hi {First},", "Hi {First}!", "Hello {First},", "Dear {First},"]},
    "team_close": {"fr": ["Belle journée,", "À très vite,", "Bien à vous,"],
                   "en": ["Have a lovely day,", "Speak soon,", "All the best,"]},
    "signature": {"fr": ["{first}\nService Client Pikora", "{first} {i}. — Pikora", "{first}, de l'équipe Pikora"],
                  "en": ["{first}\nPikora Customer Service", "{first} {i}. — Pikora", "{first} from the Pikora team"]},
    "footer": {"fr": ["Pikora · Suivez vos commandes : https://www.pikora.example/mon-compte/commandes\n"
                      "Toutes nos réponses : https://help.pikora.example/hc/fr"],
               "en": ["Pikora · Track your orders: https://www.pikora.example/en/account/orders\n"
                      "All our answers: https://help.pikora.example/hc/en"]},
    "team_quote": ["gmail", "gmail", "outlook"],
    "team_subject": ["Re: {subject}", "Re: {subject}", "[Pikora] Re: {subject}"],
    "html": True,
    "article_url": "https://help.pikora.example/hc/{lang}/articles/{id}-{slug}",
    "vague_subjects": {
        "fr": ["Commande", "Ma commande", "Commande {order}", "Question", "Aide svp", "urgent!!", "Réclamation",
               "Demande", "Problème", "Bonjour", "Re: votre commande", "Pikora", "SVP", "Renseignement",
               "Commande n° {order}", "!!!", "Suite à ma commande", "Info"],
        "en": ["Order", "My order", "Order {order}", "Question", "Help please", "urgent!!", "Complaint", "Query",
               "Problem", "Hi", "Re: your order", "Pikora", "Help", "Quick question", "Order #{order}", "!!!",
               "Re: Your Pikora order has shipped", "Info"]},
    "french_share": 0.5,
    "unanswered": 0.15,
    "makers": MAKERS,
    "questions": QUESTIONS,
}

if __name__ == "__main__":
    sys.exit(heldout_engine.main(CONTENT, __doc__))
