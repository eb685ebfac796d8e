### Le répertoire : le profil d'un membre et ce que répond sa modification.

profile-name = *{ $name }*
profile-department = • Ministère : { $value }
profile-title = • Titre : { $value }
profile-timezone = • Fuseau horaire : { $value }
profile-language = • Langue : { $language ->
        [en] anglais
       *[fr] français
    }
profile-email = • Courriel : { $value } (vous seul le voyez)
profile-expertise = • Expertise : { $count ->
        [0] aucune compétence déclarée
        [one] { $skills } (1 compétence)
       *[other] { $skills } ({ $count } compétences)
    }
profile-communities = • Communautés : { $count ->
        [0] aucune pour l'instant
       *[other] { $communities }
    }
profile-community = { $name } ({ $role })
profile-not-set = non renseigné
profile-hint = Modifiez un champ avec `profil set department|title|timezone|language VALEUR`.
profile-timezone-set = Votre fuseau horaire est maintenant { $zone }.
profile-title-set = Votre titre est maintenant { $title }.
profile-department-set = Votre ministère est maintenant { $name }.
profile-language-set = Je vous écrirai désormais en français. In English: `profile set language en`.
profile-unknown-language = { $typed } n'est pas une langue que je parle. Choisissez `fr` (français) ou `en` (anglais), p. ex. `profil set language en`. Rien n'a été modifié.
profile-no-such-department = Il n'y a pas de ministère appelé { $typed }. Vouliez-vous dire *{ $suggestion }* ?
profile-use-department = Choisir { $name }
profile-create-department = Créer { $name }
directory-cancel = Annuler
directory-nothing-changed = D'accord, rien n'a été modifié.
