### Cafés-rencontres : ce que les rondes envoient (la question « en êtes-vous ? », les
### présentations, les suivis, et les avis aux membres et aux animateurs), chacun dans la
### langue de qui le lit.

coffee-schedule-body = ronde de café
coffee-your-community = votre communauté
coffee-a-community = une communauté
coffee-ask = ☕ Ronde de café de { $name } le { $when } : en êtes-vous cette fois ?
coffee-button-in = J'en suis
coffee-button-out = Pas cette fois
coffee-unmatched = ☕ Je n'ai pas pu vous trouver de groupe de café cette ronde : { $reason }. Vous serez de la prochaine, comme d'habitude.
coffee-autosnoozed = ☕ Je n'ai pas eu de nouvelles après vos trois derniers cafés-rencontres dans { $name }, alors j'ai mis les vôtres en pause, sans rancune. Quand vous voudrez les reprendre, appuyez sur le bouton ou tapez `café join`.
coffee-button-rejoin = Me réinscrire
coffee-too-few = seulement { $count } { $count ->
        [one] personne inscrite
       *[other] personnes inscrites
    }
coffee-skipped = ☕ La ronde de café de { $name } du { $when } a été annulée : { $why }.
coffee-missed = ☕ La ronde de café de { $name } du { $when } a été manquée : Guildbot était hors ligne au-delà du délai où elle pouvait encore servir. La prochaine ronde aura lieu comme prévu.

## La présentation, dans la conversation du groupe.

coffee-intro-title = ☕ *Café-rencontre* — { $name }. Faites connaissance :
coffee-intro-person = • { $who } · { $city }
coffee-intro-person-role = • { $who } — { $role } · { $city }
coffee-intro-shared = Vous avez en commun : { $skills }.
coffee-intro-knows = { $name } connaît { $skills }
coffee-intro-swap = De quoi échanger : { $offers }.
coffee-intro-why = Pourquoi ce groupe : { $reason }.
coffee-intro-skill-opener = Quelle est la chose la plus utile que vous avez apprise récemment sur { $skill } ?
coffee-intro-start = Pour commencer : { $opener }
coffee-intro-proposer = { $who }, c'est à vous de proposer un moment cette ronde : suggérez deux créneaux qui conviennent à tout le monde.
coffee-starter = { $number ->
        [0] De quoi êtes-vous discrètement fier ou fière au travail cette année ?
        [1] À quoi ressemble une bonne semaine dans votre équipe ?
        [2] Quel outil ou quelle habitude vous fait gagner le plus de temps ?
        [3] Quel problème votre ministère règle-t-il sans que les autres le sachent ?
        [4] Que changeriez-vous en premier si vous dirigiez l'organisation pendant une journée ?
        [5] Quelle est la meilleure chose que vous avez lue ou regardée récemment, pour le travail ou non ?
        [6] Que faisiez-vous avant votre poste actuel ?
       *[7] Qui, hors de votre équipe, vous a le plus aidé, et comment ?
    }

## Le suivi, vers la fin de la ronde.

coffee-follow-up = ☕ Comment s'est passé votre café de { $name } ? Chacun et chacune peut répondre : cela m'aide à former de meilleurs groupes.
