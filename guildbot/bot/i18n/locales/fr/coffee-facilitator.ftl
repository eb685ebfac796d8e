### Cafés-rencontres : ce que lisent les animateurs (setup, settings, pause, aperçu,
### statistiques) et ce que peuvent être les options de `café setup|settings`.

## Les réglages d'un programme.

coffee-cadence = { $frequency ->
        [monthly] { $interval ->
            [1] chaque mois
           *[other] tous les { $interval } mois
        }, le premier { $day }, à { $time } ({ $zone })
       *[weekly] { $interval ->
            [1] chaque semaine
           *[other] toutes les { $interval } semaines
        }, le { $day }, à { $time } ({ $zone })
    }
coffee-summary-cadence = • Fréquence : { $cadence }
coffee-summary-groups = • Groupes de { $size } ; { $participation ->
        [per_round] les membres disent chaque fois s'ils en sont (question posée la veille)
       *[standing] toute personne inscrite participe jusqu'à ce qu'elle fasse une pause ou quitte
    }
coffee-summary-weights = • Poids : { $weights }
coffee-summary-taking-part = • Participants : { $count }
coffee-summary-paused = • En pause
coffee-summary-next = • Prochaine ronde : { $when }
coffee-summary-not-scheduled = • Prochaine ronde : non planifiée
coffee-set-up = ☕ Les cafés-rencontres sont en place pour *{ $name }*.
    { $settings }
coffee-set-up-hint = Les membres s'inscrivent avec `café join { $slug }` ; `café preview { $slug }` vous montre la prochaine ronde en privé.
coffee-settings = ☕ Cafés-rencontres de *{ $name }*
    { $settings }
coffee-settings-hint = Les animateurs les modifient avec `café settings COMMUNAUTÉ every 2 weeks on tuesday at 10:00 groups of 3 department=2`, par exemple.
coffee-updated = ☕ Cafés-rencontres mis à jour pour *{ $name }*.
    { $settings }

## Pause et reprise.

coffee-already = Les cafés-rencontres de { $name } sont déjà { $state ->
        [paused] en pause
       *[running] en cours
    }.
coffee-paused = ⏸ Les cafés-rencontres de { $name } sont en pause. `café resume` les relance.
coffee-resumed = ▶ Les cafés-rencontres de { $name } reprennent.
coffee-resumed-next = ▶ Les cafés-rencontres de { $name } reprennent. Prochaine ronde : { $when }.

## Aperçu.

coffee-no-next-round = Les cafés-rencontres de { $name } n'ont pas de prochaine ronde.
coffee-preview-too-few = La prochaine ronde de { $name } ({ $when }) compte { $count } { $count ->
        [one] personne
       *[other] personnes
    } pour l'instant : elle serait annulée.
coffee-left-out = Pas dans la ronde : { $names } (aucune réponse à leurs trois dernières présentations ; leur participation sera mise en pause, à moins qu'ils répondent à la dernière).
coffee-preview-title = ☕ *Aperçu* — { $name }, ronde du { $when } ({ $count ->
        [one] { $count } personne
       *[other] { $count } personnes
    }, vous seul le voyez) :
coffee-preview-title-rerolled = 🎲 Nouveau tirage. ☕ *Aperçu* — { $name }, ronde du { $when } ({ $count ->
        [one] { $count } personne
       *[other] { $count } personnes
    }, vous seul le voyez) :
coffee-preview-group = • { $names } — { $reason }
coffee-preview-unmatched = • { $name } : sans groupe ({ $reason })
coffee-preview-total = Score total { $total }.
coffee-preview-hint = Si personne ne s'inscrit ni ne quitte d'ici là, ce seront les groupes.
coffee-button-reroll = Nouveau tirage

## café stats

coffee-stats-title = 📊 *Statistiques des cafés* — { $name }
coffee-stats-participation = • Participation : { $active } membres sur { $size } ({ $snoozed } en pause, { $left } partis)
coffee-stats-no-rounds = • Aucune ronde pour l'instant ({ $skipped } annulées).
coffee-stats-rounds = • Rondes : { $rounds } ({ $skipped } annulées), { $groups } groupes, { $people } personnes par ronde
coffee-stats-no-follow-ups = • Taux de rencontre : aucun suivi envoyé pour l'instant
coffee-stats-meeting = • Taux de rencontre : { $rate } % des groupes se sont rencontrés ({ $answered } sur { $asked } ont répondu au suivi)
coffee-stats-repeat = • Taux de répétition : { $rate } % des groupes s'étaient déjà rencontrés
coffee-stats-connections = • Nouveaux liens entre ministères : { $connections }
coffee-stats-connection = { $quarter } : { $new } ({ $met } rencontrés)

## Ce que peuvent être les options de café setup|settings.

coffee-setting-not-understood = Je n'ai pas compris { $typed } dans ces réglages. Voyez `aide café` pour ce que vous pouvez régler.
coffee-group-size-missing = Donnez une taille de groupe de { $low } à { $high }, p. ex. `groups of 3`.
coffee-group-size-out-of-range = Les groupes peuvent compter de { $low } à { $high } personnes, pas { $typed }.
coffee-interval-out-of-range = Les rondes peuvent avoir lieu toutes les 1 à { $limit } semaines ou mois.
coffee-cadence-unreadable = Je ne peux pas lire cette fréquence. Essayez `weekly`, `every 2 weeks`, `monthly` ou `every 3 months`.
coffee-not-a-weekday = { $typed } n'est pas un jour de la semaine.
coffee-not-a-weekday-suggest = { $typed } n'est pas un jour de la semaine. Vouliez-vous dire { $day } ?
coffee-not-a-time = { $typed } n'est pas une heure que je peux lire : utilisez le format 24 heures HH:MM, comme 09:30, ou 9am.
coffee-weight-out-of-range = Le poids { $name } doit être un nombre de 0 à { $limit }.
