### Le calendrier : les réponses sur les événements au membre qui agit (créer, répondre,
### lister, annuler), la façon d'écrire les heures, les récurrences et les rappels, et ce
### qu'on répond à une indication de moment qui ne fonctionne pas.

## Boutons et dialogue d'annulation.

calendar-rsvp-label = { $status ->
        [going] J'y serai
        [maybe] Peut-être
        [waitlisted] En liste d'attente
       *[declined] Je n'y serai pas
    }
calendar-button-create = Créer
calendar-button-never-mind = Annuler
calendar-button-cancel-it = Annuler l'événement
calendar-button-keep-it = Le garder
calendar-button-save = Enregistrer
calendar-cancel-dialog-title = Annuler cet événement ?
calendar-cancel-dialog-text = Les participants sont avisés tout de suite ; c'est irréversible.

## Mots communs.

calendar-say-what-to-change = Dites ce qu'il faut modifier.
calendar-give-text-or-time = Donnez le nouveau texte, la nouvelle heure, ou les deux.
calendar-phrase-error = { $problem } Par exemple : `{ $example }`.
calendar-field = { $field ->
        [title] titre
        [place] lieu
       *[description] description
    }
calendar-command-list = événement liste
calendar-command-edit = événement modifier
calendar-expired-run = Ce bouton a expiré. Veuillez relancer `{ $command }`.
calendar-expired = Ce bouton a expiré. Veuillez relancer la commande.
calendar-where-after = { " " }· { $place }
calendar-no-reminders = aucun rappel
calendar-reminders = { $when } avant, { $places ->
        [both] dans le canal et aux participants
        [channel] dans le canal
       *[going] aux participants
    }

## Heures, récurrences, durées et délais.

calendar-time-and-repeat = { $time }, { $repeat }
calendar-lasting = pendant { $duration }
calendar-weekday-plural = { $day }s
calendar-repeat-count = { $repeat }, { $count } fois
calendar-repeat-until = { $repeat } jusqu'au { $until }
calendar-repeat-weekdays = chaque jour ouvrable
calendar-repeat-monthly-nth = le { $nth ->
        [first] premier
        [second] deuxième
        [third] troisième
        [fourth] quatrième
        [fifth] cinquième
       *[last] dernier
    } { $day } { $interval ->
        [one] de chaque mois
       *[other] tous les { $interval } mois
    }
calendar-repeat-monthly-day = le { $day ->
        [1] 1er
       *[other] { $day }
    } { $interval ->
        [one] de chaque mois
       *[other] tous les { $interval } mois
    }
calendar-repeat-weekly-on = tous les { $days }
calendar-repeat-every-weeks-on = toutes les { $interval } semaines, le { $days }
calendar-repeat-daily = { $interval ->
        [one] chaque jour
       *[other] tous les { $interval } jours
    }
calendar-repeat-weekly = { $interval ->
        [one] chaque semaine
       *[other] toutes les { $interval } semaines
    }
calendar-repeat-monthly = { $interval ->
        [one] chaque mois
       *[other] tous les { $interval } mois
    }
calendar-repeat-yearly = { $interval ->
        [one] chaque année
       *[other] tous les { $interval } ans
    }
calendar-offset-days = { $count ->
        [one] { $count } jour
       *[other] { $count } jours
    }
calendar-offset-hours = { $count ->
        [one] { $count } heure
       *[other] { $count } heures
    }
calendar-offset-minutes = { $count ->
        [one] { $count } minute
       *[other] { $count } minutes
    }

## Ce qui a été lu, dit avant d'enregistrer.

calendar-note-numeric = J'ai lu { $typed } comme le { $day } ({ $order ->
        [day] le jour d'abord
        [month] le mois d'abord
       *[only] seule lecture possible
    }).
calendar-note-numeric-other = J'ai lu { $typed } comme le { $day } ({ $order ->
        [day] le jour d'abord
        [month] le mois d'abord
       *[only] seule lecture possible
    }) ; si vous vouliez dire le { $other }, écrivez { $iso }.
calendar-note-abbreviation = J'ai lu { $typed } comme le fuseau { $zone }.
calendar-note-skipped = { $typed } n'existe pas le { $day } dans le fuseau { $zone } (on avance l'heure) ; l'événement commence donc à { $actual }.

## événement créer

calendar-echo-heading = Voici ce que j'ai compris :
calendar-echo-title = *{ $title }* — { $when }
calendar-echo-other = Ou vouliez-vous dire *{ $title }* — { $when } ? Mettez alors ce titre entre guillemets : « { $title } », puis le moment.
calendar-echo-where = • Lieu : { $place }
calendar-echo-description = • { $description }
calendar-echo-capacity = • Capacité : { $capacity }
calendar-echo-no-limit = sans limite
calendar-echo-reminders = • Rappels : { $reminders }
calendar-echo-posted = • Publié dans le canal de la communauté { $community }, avec [{ $going }] [{ $maybe }] [{ $declined }]
calendar-echo-nothing-saved = Rien n'est enregistré tant que vous n'appuyez pas sur Créer.
calendar-created = Événement { $id } créé : *{ $title }*, { $when }. Je le publie maintenant dans le canal de la communauté { $community }.
calendar-created-next = `événement afficher { $id }` · `événement modifier { $id } …` · `événement annuler { $id }`
calendar-time-passed = Ce moment est passé entre-temps, donc rien n'a été créé. Veuillez relancer `événement créer`.
calendar-community-gone = Cette communauté n'existe plus ; rien n'a été créé.
calendar-already-created = Cet événement a déjà été créé.
calendar-which-community = Pour quelle communauté ? Ajoutez `communauté : SLUG`, ou lancez la commande dans le canal de la communauté.
calendar-nowhere-to-post = La communauté { $community } n'a pas encore de canal ici, je n'ai donc nulle part où le publier. Lancez d'abord `community link { $slug }` dans son canal.
calendar-community-archived = La communauté { $name } est archivée : on ne peut plus y planifier d'événements. Ses administrateurs peuvent la rétablir avec `community unarchive`.
calendar-members-only = Les événements de la communauté { $name } sont réservés à ses membres. `community join { $slug }` pour les voir et y répondre.

## Réponses

calendar-rsvp-already-going = Votre participation à *{ $title }*, { $when }, est déjà notée.
calendar-rsvp-already-waitlisted = Vous êtes déjà sur la liste d'attente de *{ $title }*, { $when }.
calendar-rsvp-unchanged = C'est déjà noté : { $answer } pour *{ $title }*, { $when }.
calendar-rsvp-waitlisted = L'événement *{ $title }* est complet ({ $count ->
        [one] { $places } place
       *[other] { $places } places
    }) : vous êtes sur la liste d'attente pour le { $when }. Je vous aviserai dès qu'une place se libérera.
calendar-rsvp-going = Vous participez à *{ $title }*, { $when }.
calendar-rsvp-going-reminded = Vous participez à *{ $title }*, { $when }. Je vous le rappellerai avant le début.
calendar-rsvp-noted = C'est noté : { $answer } pour *{ $title }*, { $when }.
calendar-rsvp-date-cancelled = L'événement *{ $title }* est annulé ce jour-là.
calendar-rsvp-no-more-dates = L'événement *{ $title }* n'a plus de date à laquelle répondre.
calendar-rsvp-closed = L'événement *{ $title }* a déjà commencé ; les réponses sont closes.

## Trouver et lister

calendar-no-such-event = Il n'y a pas d'événement { $id }. Voyez `événement liste`.
calendar-unreadable-day = Je n'ai pas pu lire { $typed } comme un jour. Par exemple : `événement annuler { $id } 3 déc.` ou `événement annuler { $id } all`.
calendar-not-on = L'événement *{ $title }* n'a pas lieu le { $day }.
calendar-list-line = • { $id } *{ $title }* ({ $community }) — { $when }{ $repeat } · { $going } { $going ->
        [one] participant
       *[other] participants
    }
calendar-list-repeat = , { $repeat }
calendar-list = *Événements à venir* (dans votre fuseau horaire)
    { $rows }
calendar-list-hint = `événement afficher ID` pour les détails et pour répondre.
calendar-list-none = Aucun événement à venir.
calendar-list-none-in = Aucun événement à venir dans { $community }.
calendar-show-title = *{ $title }* (événement { $id }, { $community })
calendar-show-repeats = • Se répète { $repeat } ({ $zone })
calendar-show-no-dates = • Aucune date à venir.
calendar-show-next = • Prochaines dates : { $dates }
calendar-date-separator = { " ; " }
calendar-show-counts = • J'y serai : { $going }{ $capacity } · Peut-être : { $maybe }{ $waitlist }
calendar-show-of = { " " }sur { $n }
calendar-show-waitlist = { " " }· Liste d'attente : { $n }
calendar-show-mine = • Vous : { $mine }
calendar-status = { $status ->
        [going] j'y serai
        [maybe] peut-être
        [waitlisted] en liste d'attente
       *[declined] je n'y serai pas
    }
calendar-show-buttons = Les boutons répondent pour la prochaine date.
calendar-show-feed = { " " }Ajouter à votre calendrier : { $feed }
calendar-no-upcoming-dates = L'événement *{ $title }* n'a aucune date à venir.
calendar-attendees-title = *{ $title }*, { $when }
calendar-attendees-going = • J'y serai ({ $count }{ $capacity }) : { $names }
calendar-attendees-maybe = • Peut-être : { $names }
calendar-attendees-declined = • Je n'y serai pas : { $names }
calendar-attendees-waitlist = • Liste d'attente, dans l'ordre : { $names }
calendar-attendees-nobody = personne pour l'instant
calendar-attendees-dash = —

## Annuler

calendar-cancel-which = L'événement *{ $title }* se répète : annulez une date (`événement annuler { $id } DATE`) ou toutes (`événement annuler { $id } all`).
calendar-cancel-started = Cette date a déjà commencé ; seules les dates à venir peuvent être annulées.
calendar-cancel-already = Cette date était déjà annulée.
calendar-cancel-what-all = *{ $title }* ({ $dates ->
        [every] toutes les dates
       *[only] sa seule date
    })
calendar-cancel-what-day = *{ $title }* le { $day }
calendar-cancel-confirm = Annuler { $what } ?{ $count ->
        [0] { " " }Le canal sera avisé.
        [one] { " " }La personne qui a répondu « J'y serai » sera avisée, et le canal aussi.
       *[other] { " " }Les { $count } personnes qui ont répondu « J'y serai » seront avisées, et le canal aussi.
    }
calendar-cancelled-all = L'événement *{ $title }* est annulé (toutes les dates).{ $count ->
        [0] {""}
        [one] { " " }J'avise la personne qui a répondu « J'y serai ».
       *[other] { " " }J'avise les { $count } personnes qui ont répondu « J'y serai ».
    }
calendar-cancelled = Annulé : { $what }.{ $count ->
        [0] {""}
        [one] { " " }J'avise la personne qui a répondu « J'y serai ».
       *[other] { " " }J'avise les { $count } personnes qui ont répondu « J'y serai ».
    }

## événement modifier

calendar-edit-none = aucun
calendar-edit-when = • Moment : { $old } → { $new }
calendar-edit-title = • Titre : { $old } → { $new }
calendar-edit-where = • Lieu : { $old } → { $new }
calendar-edit-capacity = • Capacité : { $old } → { $new }
calendar-edit-reminders = • Rappels : { $old } → { $new }
calendar-edit-description = • Description : { $new }
calendar-edit-description-removed = • Description : retirée
calendar-edit-overflow = { "  " }◦ { $day } : { $going } participants, donc les { $over } dernières personnes à avoir répondu passent en liste d'attente (en tête) et en sont avisées
calendar-edit-overflow-more = { "  " }◦ et { $count } autre(s) date(s)
calendar-edit-carried = • Les réponses, l'annulation et les rappels de chaque date suivent la date.
calendar-edit-dropped-told = j'aviserai { $count ->
        [one] la personne inscrite ou en liste d'attente que sa réponse est retirée
       *[other] les { $count } personnes inscrites ou en liste d'attente que leur réponse est retirée
    }
calendar-edit-dropped-answers = ses { $count } réponse(s) sont retirées
calendar-edit-dropped = • Le { $day } n'a plus de date dans { $period ->
        [month] son mois
        [year] son année
       *[week] sa semaine
    } après la modification : { $told }.
calendar-edit-dropped-more = • et { $count } autre(s) date(s) semblable(s)
calendar-edit-confirm = Modifier *{ $title }* (événement { $id }) ?
calendar-edit-will-tell = J'aviserai { $count ->
        [one] la personne inscrite
       *[other] les { $count } personnes inscrites
    }.
calendar-edit-nothing-yet = Rien ne change tant que vous n'appuyez pas sur Enregistrer.
calendar-edit-unchanged = L'événement { $id } est déjà ainsi ; rien à modifier.
calendar-edit-updated = Événement { $id } modifié ({ $changes }) : *{ $title }* — { $when }.
calendar-edit-updated-told = Événement { $id } modifié ({ $changes }) : *{ $title }* — { $when }. Les participants en sont avisés.
calendar-edit-change = { $change ->
        [when] moment
        [title] titre
        [where] lieu
        [description] description
        [capacity] capacité
       *[reminders] rappels
    }
calendar-edit-changed-since = L'événement { $id } a changé depuis ma question, je n'ai donc pas appliqué cette modification. Veuillez relancer `événement modifier { $id } …`.
calendar-edit-not-the-editor = Seule la personne qui a demandé cette modification peut l'enregistrer. Pour modifier vous-même l'événement { $id }, lancez `événement modifier { $id } …`.
calendar-edit-time-passed = Ce moment est passé entre-temps, donc rien n'a changé. Veuillez relancer `événement modifier`.

## événement flux

calendar-feed-which-community = Quelle communauté ? Par exemple : `événement flux accessibilite`.
calendar-feed-for-members = Le calendrier de la communauté { $community } est réservé à ses membres.
calendar-feed-no-address = Le flux du calendrier de la communauté { $community } est { $state ->
        [private] privé : gardez ce lien pour vous
       *[public] public
    }, mais ce Guildbot n'a pas encore d'adresse Web publique (GUILDBOT_PUBLIC_URL) ; votre opérateur peut l'exporter avec `guildbot calendar export { $slug }`.
calendar-feed = Calendrier de la communauté { $community } ({ $state ->
        [private] privé : gardez ce lien pour vous
       *[public] public
    }) : { $link }
calendar-feed-subscribe = Abonnez-vous-y dans Outlook, Google Agenda ou Calendrier d'Apple.

## Indications de moment qui ne fonctionnent pas.

calendar-phrase-too-long = Cette indication de moment est trop longue pour que je la lise.
calendar-phrase-no-time = Quand a-t-il lieu ? J'ai besoin d'un jour et d'une heure.
calendar-phrase-number-too-large = Ce nombre est beaucoup trop grand pour une heure.
calendar-phrase-unknown-zone = Je ne connais pas le fuseau horaire { $typed }.
calendar-phrase-unread = Je n'ai pas pu lire { $typed } comme { $what ->
        [repeat] une récurrence
       *[date] une date
    }.
calendar-phrase-no-clock = À quelle heure commence-t-il ? J'ai besoin d'une heure.
calendar-phrase-too-long-event = C'est trop long pour un seul événement (7 jours au plus).
calendar-phrase-bad-duration = Une durée de { $duration } ne convient pas : un événement dure de 5 minutes à 7 jours.
calendar-phrase-past = Le { $at } { $zone } est déjà passé.
calendar-phrase-series-past = La série commencerait le { $at } { $zone }, qui est déjà passé.
calendar-phrase-too-far = C'est dans plus de cinq ans.
calendar-phrase-never = Cette récurrence ne tombe à aucune date à venir.
calendar-phrase-no-such-month = Il n'y a pas de mois { $month }.
calendar-phrase-no-such-day = Il n'y a pas de { $day } { $month }.
calendar-phrase-no-such-day-in = Il n'y a pas de { $day } { $month } en { $year }.
calendar-phrase-numeric-no-month = Il n'y a pas de mois { $month } (j'ai lu { $typed } { $order ->
        [day] le jour d'abord
        [month] le mois d'abord
       *[only] de la seule façon possible
    } ; écrivez les dates comme 2027-03-13).
calendar-phrase-date-past = Le { $day } est déjà passé.
calendar-phrase-date-past-next = Le { $day } est déjà passé. Pour le { $next }, écrivez { $iso }.
calendar-phrase-month-no-day = Aucun mois n'a de jour { $day }.
calendar-phrase-no-month-with-day = Je ne trouve aucun mois à venir qui ait un jour { $day }.
calendar-phrase-weekday-mismatch = Le { $day } est un { $actual }, pas un { $said }. Vérifiez la date, ou retirez le jour de la semaine.
calendar-phrase-nth-mismatch = Le prochain { $number } du mois est le { $day }, un { $actual }, pas un { $said }.
calendar-phrase-nth-mismatch-or = Le prochain { $number } du mois est le { $day }, un { $actual }, pas un { $said }. Vouliez-vous dire le { $matching }, ou le { $day } ?
calendar-phrase-both-span-count = Donnez la durée de la série ou un nombre de fois, pas les deux.
calendar-phrase-both-until-count = Donnez une date de fin ou un nombre de fois, pas les deux.
calendar-phrase-occurrence-too-long = Chaque occurrence ({ $duration }) durerait jusqu'à la suivante.
calendar-phrase-one-zone = Veuillez donner un seul fuseau horaire.
calendar-phrase-count-range = Le nombre de fois doit aller de 1 à { $max }.
calendar-phrase-duration-unread = Je n'ai pas pu lire { $typed } comme une durée.
calendar-phrase-clock-unread = Je n'ai pas pu lire { $typed } comme une heure.
calendar-phrase-time-unread = Je n'ai pas pu lire { $typed } comme une plage horaire.
calendar-phrase-one-start = Veuillez donner une seule heure de début.
calendar-phrase-end-or-duration = Donnez une heure de fin ou une durée, pas les deux.
calendar-phrase-repeat-unknown = Je ne sais pas répéter { $typed }. Je sais répéter chaque jour, chaque semaine, toutes les N semaines, chaque mois (à une date ou un jour de la semaine) et chaque année.
calendar-phrase-one-repeat = Veuillez donner une seule façon de répéter.
calendar-phrase-interval-range = Répétez toutes les 1 à { $max } périodes.
calendar-phrase-month-day-range = Un jour du mois va de 1 à 31.
calendar-phrase-until-without-repeat = Cela termine une récurrence, mais je ne vois pas comment elle se répète (chaque jour, chaque semaine, tous les mardis…).
calendar-phrase-until-unread = Je n'ai pas pu lire { $typed } comme la date de fin de la récurrence.
calendar-phrase-zone-ambiguous = { $typed } désigne des fuseaux horaires différents selon l'endroit. Veuillez donner le fuseau d'une ville, par exemple { $options }.
calendar-phrase-zone-offset-unused = Aucun endroit n'utilise le décalage { $typed } par rapport à l'UTC (les décalages vont de UTC-12 à UTC+{ $max }).
calendar-phrase-zone-offset-minutes = Pour { $typed }, veuillez donner le fuseau d'une ville : il indique quand l'heure change.
calendar-phrase-zone-offset-minutes-for-example = Pour { $typed }, veuillez donner le fuseau d'une ville, par exemple { $options } : il indique quand l'heure change.
calendar-phrase-no-end-to-remove = Seul un événement récurrent a une fin à retirer.
calendar-phrase-option-twice = L'option « { $option } : » est donnée deux fois.
calendar-phrase-no-title = Comment s'appelle l'événement ? Mettez son titre en premier (entre guillemets s'il contient un mot de date).
calendar-phrase-no-time-for = Quand a lieu { $title } ? J'ai besoin d'un jour et d'une heure.
calendar-phrase-capacity = La capacité est un nombre de personnes de 1 à { $max } (ou « aucune »).
calendar-phrase-notify = Les rappels vont au canal, aux personnes qui ont répondu « J'y serai », aux deux, ou nulle part.
calendar-phrase-remind-unread = Je n'ai pas pu lire { $typed } comme un délai de rappel avant l'événement (de 1 minute à 30 jours).
calendar-phrase-remind-too-many = C'est plus de 5 rappels.

## Les exemples donnés après un problème (ce qu'un lecteur de la langue taperait).

calendar-example-one-off = mardi prochain 15 h pendant 1 h
calendar-example-date = jeudi 3 décembre 2026 14 h
calendar-example-repeat = toutes les 2 semaines le mercredi 10 h jusqu'au 30 juin 2027
calendar-example-monthly = le premier jeudi de chaque mois 14 h pendant 1 h
calendar-example-zone = 2026-12-03 14 h America/Vancouver
calendar-example-duration = mardi prochain 15 h pendant 90 min
calendar-example-create = événement créer Présentations mardi prochain 15 h pendant 1 h lieu : salle 201 capacité : 20
calendar-example-capacity = capacité : 20
calendar-example-remind = rappels : 1 j, 15 min
calendar-example-notify = avis : les deux

## Aide : les formes de event et announce (form-COMMANDE-FORME).

form-event-create = planifier un événement ; je vous montre ce que j'ai compris avant d'enregistrer (animateurs)
form-event-list = les événements à venir, dans votre fuseau horaire
form-event-show = un événement, ses prochaines dates et les boutons pour répondre
form-event-rsvp = répondre pour la prochaine date (ou une date précise)
form-event-attendees = qui y sera, qui viendra peut-être, qui est en liste d'attente
form-event-edit = modifier un événement ; les participants sont avisés (animateurs)
form-event-cancel = annuler une date ou tout l'événement ; les participants sont avisés (animateurs)
form-event-feed = le lien iCal de la communauté ; les animateurs le rendent privé ou public
form-announce-create = publier TEXTE dans le canal à HEURE, une fois ou de façon récurrente
form-announce-list = ce qui est planifié, la prochaine publication en premier
form-announce-edit = modifier le texte, l'heure, ou les deux
form-announce-cancel = l'arrêter ; plus rien n'est publié
