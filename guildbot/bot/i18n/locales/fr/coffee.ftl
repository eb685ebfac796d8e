### Cafés-rencontres : ce que les membres lisent quand ils agissent (coffee join, leave,
### snooze, never, status, history, mine, et les boutons des présentations et des suivis).

## Les heures, écrites ainsi là où la plateforme ne peut pas montrer le fuseau de chacun.

coffee-weekday = { $day ->
        [monday] lundi
        [tuesday] mardi
        [wednesday] mercredi
        [thursday] jeudi
        [friday] vendredi
        [saturday] samedi
       *[sunday] dimanche
    }

## Quel programme.

coffee-no-program = { $name } n'a pas encore de cafés-rencontres. Un animateur ou une animatrice peut les lancer avec `café setup { $slug }`.
coffee-none-offered = Aucune de vos communautés n'a encore de cafés-rencontres.
coffee-none-joined = Vous ne participez à aucun café-rencontre.
coffee-which-community = Quelle communauté ? { $slugs }
coffee-name-the-community = Nommez la communauté, ou lancez la commande dans son canal.
coffee-expired = Ce bouton a expiré.

## Les membres.

coffee-members-only = Les cafés-rencontres de { $name } sont réservés à ses membres : d'abord `community join { $slug }`.
coffee-already-in = Vous participez déjà aux cafés-rencontres de { $name }.
coffee-joined = ☕ Vous participez aux cafés-rencontres de { $name } ! J'ouvrirai une conversation de groupe avec { $others ->
        [1] une ou un collègue
       *[other] { $others } collègues
    } d'ailleurs dans l'organisation.
coffee-joined-next = ☕ Vous participez aux cafés-rencontres de { $name } ! La prochaine ronde aura lieu { $when }. J'ouvrirai une conversation de groupe avec { $others ->
        [1] une ou un collègue
       *[other] { $others } collègues
    } d'ailleurs dans l'organisation.
coffee-joined-hint = `café snooze 3w` vous met en pause ; `café never @quelqu'un` reste privé.
coffee-not-in = Vous ne participez pas aux cafés-rencontres de { $name }.
coffee-not-in-any = Vous ne participez encore à aucun café-rencontre : `café join COMMUNAUTÉ`.
coffee-not-in-those = Vous ne participez pas à ces cafés-rencontres : d'abord `café join COMMUNAUTÉ`.
coffee-left = Vous avez quitté les cafés-rencontres de { $name }. `café join { $slug }` vous y ramène quand vous voulez.
coffee-snoozed = 😴 En pause jusqu'au { $day } ({ $names }). Vous reviendrez ensuite dans les rondes, automatiquement.
coffee-snoozed-two-weeks = 😴 En pause pour deux semaines dans { $name } ; vous reviendrez ensuite.
coffee-not-yourself = Vous ne pouvez de toute façon pas être jumelé avec vous-même. 🙂
coffee-never-already = Vous avez déjà demandé à ne jamais être jumelé avec { $name }.
coffee-never-added = C'est fait : vous ne serez jamais dans un groupe de café avec { $name }. Personne d'autre n'est averti, pas même cette personne.
coffee-never-group = C'est fait : vous ne serez plus groupé avec { $names }. Personne d'autre n'est averti.
coffee-group-only = Ce bouton est réservé aux personnes de ce groupe de café.
# Quelqu'un d'un groupe dont le nom a disparu (effacé).
coffee-them = cette personne
coffee-someone = quelqu'un

## café status

coffee-status-none = Vous ne participez encore à aucun café-rencontre.
coffee-status-none-hint = `café join COMMUNAUTÉ` vous inscrit aux cafés-rencontres d'une communauté.
coffee-status-title = ☕ *Vos cafés-rencontres*
coffee-status-word = { $status ->
        [active] inscrit
        [left] désinscrit
       *[snoozed] en pause
    }
coffee-status-snoozed-until = en pause jusqu'au { $date }
coffee-status-snoozed-open = en pause jusqu'à votre retour
coffee-status-line = • { $name } : { $state }
coffee-status-line-paused = • { $name } : { $state } ; mis en pause par ses animateurs
coffee-status-line-next = • { $name } : { $state } ; prochaine ronde { $when }
coffee-status-never = • Personnes avec qui ne jamais vous jumeler : { $count } (privé)

## Programmes à chaque ronde : [J'en suis] [Pas cette fois].

coffee-round-in = ☕ Parfait, vous êtes de cette ronde !
coffee-round-out = D'accord, peut-être la prochaine fois.
coffee-round-formed = Cette ronde est déjà formée ; à la prochaine !

## Suivis et historique.

coffee-response = { $response ->
        [met] Rencontre faite
        [not_yet] Pas encore
       *[skip] Passer
    }
coffee-answered-met = 🎉 Formidable, merci de me le dire !
coffee-answered-not-yet = Rien ne presse : il reste du temps avant la prochaine ronde.
coffee-answered-skip = D'accord, c'est noté. Merci de votre réponse.
coffee-follow-up-outsider = Ce suivi est réservé aux personnes de ce groupe de café.
coffee-history-none = Aucun groupe de café pour l'instant. `café join COMMUNAUTÉ` pour participer.
coffee-history-title = ☕ *Vos derniers groupes de café*
coffee-history-line = • { $on } ({ $community }) : avec { $others }
coffee-history-line-said = • { $on } ({ $community }) : avec { $others } — votre réponse : { $answer }
coffee-mine-none = Vous n'avez pas de groupe de café ce mois-ci. `café status` indique votre prochaine ronde ; `café history`, vos groupes précédents.
coffee-mine-title = ☕ *Vos groupes de café actuels*
coffee-mine-line = • { $community }, ronde du { $on } : avec { $others } — pas encore de réponse : vous êtes-vous rencontrés ?
coffee-mine-line-said = • { $community }, ronde du { $on } : avec { $others } — votre réponse : { $answer }
coffee-mine-nobody = personne d'autre pour l'instant

## Boutons (aussi ceux d'une présentation et d'un suivi).

coffee-button-met = Rencontre faite
coffee-button-not-yet = Pas encore
coffee-button-skip = Passer
coffee-button-snooze = Pause de 2 semaines
coffee-button-never = Ne plus me jumeler avec eux
coffee-button-leave = Quitter les cafés-rencontres

## Ce qu'une pause peut être.

coffee-snooze-help = Essayez `café snooze 3w` ou `café snooze jusqu'au 15 janvier`.
coffee-snooze-too-long = Une pause peut durer au plus un an ; `café leave` arrête les cafés-rencontres pour de bon.
coffee-not-a-date = Je n'ai pas pu lire { $typed } comme une date. Essayez `café snooze jusqu'au vendredi prochain`, `jusqu'au 15 janvier` ou `jusqu'au 2027-01-15`.
coffee-not-a-duration = { $typed } n'est pas une durée. Essayez `café snooze 3w` ou `café snooze jusqu'au 15 janvier`.
coffee-snooze-in-the-past = Le { $date } est passé : choisissez une date plus tardive.

## Aide : le résumé de chaque forme de `café` (form-coffee-FORME ; celui de la commande
## est command-coffee, dans help.ftl).

form-coffee-status = où vous en êtes, et la prochaine ronde
form-coffee-join = participer aux cafés-rencontres d'une communauté
form-coffee-leave = cesser de participer
form-coffee-snooze = une pause dans les cafés-rencontres (retour automatique)
form-coffee-never = ne jamais être groupé avec quelqu'un (privé)
form-coffee-mine = vos groupes actuels, avec leurs boutons
form-coffee-history = vos derniers groupes et comment ça s'est passé
form-coffee-setup = lancer les cafés-rencontres d'une communauté (animateurs)
form-coffee-settings = les voir ou les modifier (animateurs)
form-coffee-pause = aucune ronde jusqu'à la reprise
form-coffee-resume = reprendre les rondes
form-coffee-preview = les groupes de la prochaine ronde, en privé, avec nouveau tirage (animateurs)
form-coffee-stats = participation, taux de rencontre et de répétition, nouveaux liens (animateurs)
