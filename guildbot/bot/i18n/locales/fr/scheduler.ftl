### Ce que le planificateur dit à la personne qui a planifié un message qu'il n'a pas pu publier comme prévu.
## { $kind } est le genre du message : reminder, announcement, follow_up, escalation, intro,
## notice ou message. { $due } et { $at } sont des moments.

scheduler-uncertain = Je ne sais pas si j'ai publié { $kind ->
        [reminder] ce rappel
        [announcement] cette annonce
        [follow_up] ce suivi
        [escalation] cette relance
        [intro] cette présentation
        [notice] cet avis
       *[message] ce message
    } (échéance : { $due }) : le processus qui l'envoyait s'est arrêté avant la confirmation de la plateforme. Vérifiez, et republiez le message s'il manque.
scheduler-missed = L'envoi { $kind ->
        [reminder] d'un rappel
        [announcement] d'une annonce
        [follow_up] d'un suivi
        [escalation] d'une relance
        [intro] d'une présentation
        [notice] d'un avis
       *[message] d'un message
    } (échéance : { $due }) n'a pas eu lieu : Guildbot était hors ligne au-delà du moment où il pouvait encore servir. Rien n'a été envoyé en retard.
scheduler-missed-several = { $count } envois { $kind ->
        [reminder] d'un rappel
        [announcement] d'une annonce
        [follow_up] d'un suivi
        [escalation] d'une relance
        [intro] d'une présentation
        [notice] d'un avis
       *[message] d'un message
    } récurrent (le dernier à l'échéance du { $due }) n'ont pas eu lieu pendant que Guildbot était hors ligne. Rien n'a été envoyé en retard.
scheduler-undeliverable = Je n'ai pas pu livrer { $kind ->
        [reminder] un rappel
        [announcement] une annonce
        [follow_up] un suivi
        [escalation] une relance
        [intro] une présentation
        [notice] un avis
       *[message] un message
    } (échéance : { $due }) (erreur de la plateforme). Rien d'autre ne sera tenté automatiquement.
scheduler-undeliverable-code = Je n'ai pas pu livrer { $kind ->
        [reminder] un rappel
        [announcement] une annonce
        [follow_up] un suivi
        [escalation] une relance
        [intro] une présentation
        [notice] un avis
       *[message] un message
    } (échéance : { $due }) ({ $code }). Rien d'autre ne sera tenté automatiquement.
scheduler-incident = { $count ->
        [one] Un message ({ $kind ->
            [reminder] un rappel
            [announcement] une annonce
            [follow_up] un suivi
            [escalation] une relance
            [intro] une présentation
            [notice] un avis
           *[message] genres divers
        }) n'a peut-être pas été publié
       *[other] { $count } messages ({ $kind ->
            [reminder] des rappels
            [announcement] des annonces
            [follow_up] des suivis
            [escalation] des relances
            [intro] des présentations
            [notice] des avis
           *[message] de genres divers
        }) n'ont peut-être pas été publiés
    } pendant un redémarrage à { $at } : le processus qui les envoyait s'est arrêté avant la confirmation de la plateforme, et la plateforme ne peut pas nous le dire. Vérifiez ; je peux publier ceux qui manquent.
scheduler-incident-listing = Ces messages n'ont peut-être pas été publiés :
scheduler-listed-direct = • { $kind ->
        [reminder] rappel
        [announcement] annonce
        [follow_up] suivi
        [escalation] relance
        [intro] présentation
        [notice] avis
       *[message] message
    } (échéance : { $due }) en message direct : { $words }
scheduler-listed-group = • { $kind ->
        [reminder] rappel
        [announcement] annonce
        [follow_up] suivi
        [escalation] relance
        [intro] présentation
        [notice] avis
       *[message] message
    } (échéance : { $due }) dans une conversation de groupe : { $words }
scheduler-listed-channel = • { $kind ->
        [reminder] rappel
        [announcement] annonce
        [follow_up] suivi
        [escalation] relance
        [intro] présentation
        [notice] avis
       *[message] message
    } (échéance : { $due }) dans le canal { $channel } de { $platform } : { $words }
scheduler-button-post-again = Le republier
scheduler-button-was-posted = Il a été publié
scheduler-button-post-missing = Publier ceux qui manquent
scheduler-button-show-them = Les afficher
scheduler-answer-expired = Ce bouton a expiré.
scheduler-answer-not-yours = Seule la personne qui a planifié ce message peut en décider.
scheduler-answer-not-yours-several = Seule la personne qui a planifié ces messages peut en décider.
scheduler-answer-settled = C'est déjà réglé.
scheduler-answer-posting-again = Je le republie maintenant.
scheduler-answer-noted = Merci, je note qu'il a été publié.
scheduler-answer-posting = { $count ->
        [0] Il n'y a rien à publier.
        [one] Je le publie maintenant.
       *[other] Je publie ces { $count } messages maintenant.
    }
