### La page d'accueil d'un membre (l'onglet Accueil de Slack) : ses sections, dans la langue de qui la regarde.

home-profile = Votre profil
home-profile-department = Ministère : { $name }
home-profile-title = Titre : { $title }
home-profile-timezone = Fuseau horaire : { $zone }
home-profile-communities = Communautés : { $count ->
        [0] aucune pour l'instant
       *[other] { $names }
    }
home-not-set = non renseigné
home-profile-hint = `profil set department|title|timezone|language VALEUR`
home-expertise = Votre expertise
home-expertise-empty = Vous n'avez encore déclaré aucune compétence.
home-expertise-hint = `expertise add COMPÉTENCE`
home-questions = Questions ouvertes
home-questions-empty = Aucune question ouverte pour l'instant.
home-questions-hint = `ask mine`
home-coffee = Cafés-rencontres
home-coffee-empty = Vous ne participez pas encore aux cafés-rencontres.
home-coffee-hint = `coffee status`
home-events = Événements à venir
home-event = *{ $title }* ({ $community }) — { $when }
home-events-empty = Aucun événement à venir dans vos communautés pour l'instant.
home-events-hint = `event list`
home-footer = Tapez `/guild aide` pour voir tout ce que je sais faire.
