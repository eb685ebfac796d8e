### L'orientation des questions : ce que `demander` et les formes `expertise` des questions
### répondent au membre qui agit, et ce qui est envoyé aux autres (invitations, bonnes
### nouvelles, avis, publications).

## Aide : le résumé d'une ligne de chaque forme (form-NOM-FORME).

form-ask-question = demander à des collègues qui s'y connaissent (en privé)
form-ask-mine = vos questions ouvertes, et celles qu'on vous a posées
form-ask-close = fermer une question (résolue par…)
form-ask-suggest = suggérer quelqu'un qui s'y connaît
form-ask-mode = comment je traite les questions dans ce canal (animateurs)
form-expertise-who = qui peut aider sur un sujet, et pourquoi
form-expertise-optin = recevoir les questions de vos collègues
form-expertise-optout = arrêter d'un coup toutes les suggestions d'expert
form-expertise-default = choix par défaut de l'organisation pour suggérer les membres (administrateurs)

## Les membres, tels que les messages les nomment.

questions-person = { $name } ({ $department })
questions-expert-line = • { $name } — { $reason }
questions-a-colleague = Un ou une collègue
questions-a-colleague-lower = un ou une collègue
questions-your-helper = la personne qui vous aide
questions-someone = quelqu'un
questions-suggested-you = { $name } vous a suggéré
questions-earlier = auparavant
questions-names-and = { $some } et { $last }

## Pourquoi un ou une collègue convient à une question (les raisons du classement), par partie.

questions-why-and = { $before } ; { $after }
questions-why-declared = a déclaré { $names }
questions-why-resolved = a résolu { $count ->
        [one] { $n } question
       *[other] { $n } questions
    } sur { $names }, la dernière fois en { $month }
questions-why-answered = a répondu à { $count ->
        [one] { $n } question
       *[other] { $n } questions
    }{ $resolved ->
        [0] {""}
        [one] {" "}({ $r } résolue)
       *[other] {" "}({ $r } résolues)
    } sur { $names }, la dernière fois en { $month }
questions-why-thanked = a reçu { $count ->
        [one] { $n } remerciement
       *[other] { $n } remerciements
    }
questions-why-thanked-for = a reçu { $count ->
        [one] { $n } remerciement
       *[other] { $n } remerciements
    } pour son aide sur { $names }
questions-why-suggested = des collègues l'ont suggéré { $count ->
        [one] { $n } fois
       *[other] { $n } fois
    }
questions-why-active-recently = aide activement : { $count ->
        [one] { $n } contribution
       *[other] { $n } contributions
    } ces 30 derniers jours
questions-why-active = aide activement ({ $count ->
        [one] { $n } contribution
       *[other] { $n } contributions
    } au dossier, la dernière en { $month })
questions-why-nothing = aucune expertise enregistrée pour l'instant

## Poser une question.

questions-more-detail = Pourriez-vous en dire un peu plus ? J'oriente les questions selon leur sujet : une phrase fonctionne le mieux, p. ex. `demander Comment rendre un PDF numérisé accessible ?`
questions-no-community-channel = Je ne connais pas de canal de communauté pour cette question, désolé.
questions-posted = Publiée dans le canal de la communauté. J'espère que quelqu'un là-bas saura !
questions-button-expired = Ce bouton a expiré.
questions-too-long = Cette question fait { $length } caractères ; gardez-la sous { $limit }, s'il vous plaît (vous ajouterez les détails en parlant à l'expert).
questions-form-arguments = { $form ->
        [close] `demander close` prend le numéro de la question (voir `demander mine`), p. ex. `demander close 12`.
        [suggest] `demander suggest` prend le numéro de la question et un ou une collègue, p. ex. `demander suggest 12 @lea`.
       *[mode] `demander mode` prend off, suggest ou auto.
    } Rien n'a été enregistré.
questions-did-you-mean = Vouliez-vous dire `{ $command }` ? Rien n'a été enregistré.
questions-no-such-question = Vous n'avez pas de question nº { $id }. `demander mine` liste vos questions ouvertes.
questions-with-colleagues-already = La question nº { $id } est déjà entre les mains de collègues.
questions-asked =
    Question nº { $id } : j'ai demandé à { $count ->
        [one] 1 collègue qui s'y connaît
       *[other] { $count } collègues qui s'y connaissent
    } peut-être :
    { $names }
    Je vous préviens dès que quelqu'un peut vous aider.{ $later ->
        [0] {""}
        [one] {" "}Si personne ne peut vous aider d'ici { $hours } heures ouvrables, je demanderai à 1 autre personne.
       *[other] {" "}Si personne ne peut vous aider d'ici { $hours } heures ouvrables, je demanderai à { $later } autres personnes.
    }
questions-asked-context = `demander mine` affiche vos questions ouvertes ; `demander close { $id }` la ferme.
questions-nobody-to-ask = J'ai enregistré la question nº { $id }, mais honnêtement, je ne connais encore personne qui a montré une expertise dans ce domaine et accepté qu'on lui pose des questions. { $offer ->
        [post] Voulez-vous que je la publie plutôt dans le canal de la communauté ?
       *[try] Essayez `expertise who SUJET` avec un sujet plus court, ou posez-la dans un canal de communauté.
    }
questions-post-button = La publier dans le canal de la communauté
questions-looks-like-a-question = Cela ressemble à une question. Voulez-vous que je trouve un ou une collègue qui s'y connaît ?
questions-find-expert-button = Trouver un expert

## Les questions résolues semblables à la nouvelle, offertes avant de demander à quiconque.

questions-earlier-line = • nº { $id } « { $text } » — résolue par { $name }, { $month }
questions-earlier-where = (discutée dans { $where })
questions-community-channel = le canal de la communauté
questions-answers-it-button = La nº { $id } y répond
questions-still-ask-button = Demander quand même
questions-similar-resolved =
    { $count ->
        [one] Avant de demander à quiconque : cette question résolue ressemble à la vôtre.
       *[other] Avant de demander à quiconque : ces questions résolues ressemblent à la vôtre.
    }
    { $items }
    L'une d'elles y répond-elle ? Personne n'a encore été sollicité.
questions-similar-context = Enregistrée comme question nº { $id }. *Demander quand même* l'envoie à des collègues qui s'y connaissent ; `demander close { $id }` l'abandonne.
questions-answered-by-earlier = La question nº { $id } est marquée comme répondue par la nº { $earlier }. Heureux que cela vous ait aidé — personne d'autre n'a été sollicité.
questions-answered-by-earlier-resolver = La question nº { $id } est marquée comme répondue par la nº { $earlier }, résolue par { $name }. Heureux que cela vous ait aidé — personne d'autre n'a été sollicité, et cela comptera pour { $name } la prochaine fois.
questions-earlier-gone = Cette question antérieure n'est plus là. Appuyez sur *Demander quand même* pour envoyer la vôtre à des collègues.

## Les boutons des invitations et de ce qu'on dit à la personne qui a posé la question.

questions-i-can-help-button = Je peux aider
questions-not-me-button = Pas moi
questions-suggest-someone-button = Suggérer quelqu'un
questions-resolved-by-button = Résolue par { $name }
questions-close-button = Fermer, pas besoin de réponse

## Répondre à une invitation.

questions-invitation-expired = Cette invitation était destinée à quelqu'un d'autre, ou elle a expiré.
questions-noted-already = C'est déjà noté — merci.
questions-declined = Pas de problème, merci de l'avoir dit — je vais demander à quelqu'un d'autre.
questions-someone-else = Suggérez quelqu'un d'autre que vous-même ou la personne qui a posé la question, s'il vous plaît.
questions-helping-already = Vous aidez déjà pour la question nº { $id } — { $asker } a votre nom.
questions-sent-to = Ceci a été envoyé à { $who }, pas à vous ; rien n'a été modifié.
questions-taken-or-finished = Merci ! La question nº { $id } est déjà { $state ->
        [taken] prise en charge par un ou une collègue
        [open] ouverte
        [connected] prise en charge
        [resolved] résolue
        [closed] fermée
       *[other] { $state }
    }. Plus rien à faire.
questions-taken-just-now = Merci ! Un ou une collègue vient de prendre la question nº { $id }.
questions-accepted = Merci ! J'ai prévenu { $asker } ; contactez cette personne au sujet de { $question }, s'il vous plaît.
questions-settled = Merci — { $state ->
        [taken] un ou une collègue aide déjà pour la question nº { $id }.
        [open] la question nº { $id } est déjà ouverte.
        [connected] la question nº { $id } est déjà prise en charge.
        [resolved] la question nº { $id } est déjà résolue.
        [closed] la question nº { $id } est déjà fermée.
       *[other] la question nº { $id } est déjà { $state }.
    } Plus rien à faire.
questions-who-would-know = Qui s'y connaîtrait ? Répondez par `demander suggest { $id } @nom` et je lui demanderai pour vous.
questions-not-asked = La question nº { $id } ne vous a pas été posée.
questions-opted-out = { $name } a demandé à ne pas recevoir de questions.
questions-away = { $name } n'est pas disponible en ce moment ; pourriez-vous suggérer quelqu'un d'autre ?
questions-asked-already = Merci — { $name } a déjà reçu cette question.
questions-referred = Merci ! J'ai demandé à { $name } pour la question nº { $id }.

## Fermer une question.

questions-for-the-asker = Ce bouton était destiné à la personne qui a posé la question.
questions-finished-already = La question nº { $id } est déjà { $status ->
        [open] ouverte
        [connected] prise en charge
        [resolved] résolue
        [closed] fermée
       *[other] { $status }
    }.
questions-closed = Question nº { $id } fermée.
questions-closed-hoping = Question nº { $id } fermée. J'espère que vous avez trouvé ce qu'il vous fallait.
questions-was-it-answered = La question nº { $id } a-t-elle reçu une réponse ?
questions-was-it-answered-context = Quelqu'un d'autre y a répondu ? `demander close { $id } @nom`.
questions-resolved = La question nº { $id } est marquée comme résolue. Heureux que vous ayez trouvé !
questions-resolved-by = La question nº { $id } est marquée comme résolue par { $name }. Merci — cela m'aide à orienter la prochaine question sur ce sujet.

## Les listes.

questions-nothing-open = Vous n'avez aucune question ouverte, et personne n'attend votre aide en ce moment. Posez-en une avec `demander VOTRE QUESTION`.
questions-your-open = *Vos questions ouvertes*
questions-no-taker = collègues sollicités, personne ne l'a encore prise
questions-helping = { $helper } vous aide
questions-open-line = • nº { $id } { $question } — { $state }
questions-waiting-heading = *Les questions pour lesquelles on vous demande de l'aide*
questions-waiting-line = • nº { $id } { $question }
questions-nobody-knows = Personne parmi ceux qui acceptent d'être sollicités n'a encore montré d'expertise en { $topic }.
questions-know-it-yourself = Vous vous y connaissez ? `expertise add COMPÉTENCE` (ou `expertise optin`).
questions-who-knows = *Qui s'y connaît en { $topic }*
questions-ask-them = `demander VOTRE QUESTION` leur pose la question pour vous.

## Le consentement et les canaux.

questions-opted-in = Merci ! Les questions de vos collègues qui correspondent à votre expertise pourront désormais vous parvenir, quelques-unes par semaine au plus. `expertise optout` les arrête à tout moment.
questions-default-in = Tout le monde peut maintenant être suggéré comme expert, sauf avec `expertise optout`.
questions-default-out = Les membres ne sont maintenant suggérés qu'une fois qu'ils l'acceptent (en déclarant une expertise ou avec `expertise optin`).
questions-admins-only = Seuls les administrateurs de l'organisation peuvent modifier le choix par défaut.
questions-mode-refused = Seuls les animateurs de la communauté de ce canal (ou les administrateurs de l'organisation) peuvent modifier la façon dont je traite les questions ici.
questions-mode-outside-channel = Lancez `demander mode` dans le canal que vous voulez modifier.
questions-opted-out-yourself = C'est fait : je ne vous suggérerai plus comme expert{ $withdrawn ->
        [0] {""}
        [one] {" "}(1 invitation en attente retirée)
       *[other] {" "}({ $withdrawn } invitations en attente retirées)
    }. `expertise optin` réactive les suggestions.
questions-mode-set = Questions dans ce canal : *{ $mode }*. { $mode ->
        [off] Je laisserai les questions d'ici tranquilles.
        [suggest] J'offrirai aux personnes qui posent une question un bouton « Trouver un expert ».
       *[auto] J'enverrai les questions posées ici à des collègues qui s'y connaissent.
    }

## Envoyé aux autres : invitations, bonnes nouvelles, avis et publications.

questions-small-print = Ce message n'est visible que par vous. Les questions arrivent au plus quelques fois par semaine ; `expertise optout` les arrête.
questions-invitation =
    { $asker } a une question à laquelle vous pourriez peut-être répondre : { $question }
    Pourquoi vous : { $reason }.
questions-facilitator-invitation =
    Personne n'a pris cette question posée par { $asker } depuis une journée de travail : { $question }
    Personnes sollicitées jusqu'ici : { $asked }. Pourriez-vous aider, ou suggérer quelqu'un ?
questions-nobody-qualified = aucune personne qualifiée
questions-connected = Bonne nouvelle : { $helper } peut vous aider avec votre question nº { $id } { $question }. Contactez cette personne directement ; une fois la réponse obtenue, dites-le-moi ci-dessous.
questions-introduced = { $asker }, { $helper } peut vous aider avec cette question.
questions-taken-by = Merci — { $helper } aide avec la question nº { $id } { $question }, il n'y a donc plus rien à faire.
questions-community-post = { $asker } demande : { $question } Quelqu'un peut-il aider ? Répondez dans un fil.
