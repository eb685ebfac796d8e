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
# Le nom d'un champ, dans « Le champ « titre » fait 121 caractères » (`text.clean_field`).
profile-field = { $field ->
        [department] ministère
       *[title] titre
    }
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

## L'expertise déclarée : `expertise add|remove|list`.

expertise-too-many = Ajoutez au plus { $limit } compétences à la fois, s'il vous plaît.
# Entre les compétences d'une suggestion (« *kubernetes* ou *kustomize* »).
expertise-or = {" "}ou{" "}
expertise-did-you-mean = { $typed } : vouliez-vous dire { $options } ?
expertise-add-skill = Ajouter { $name }
expertise-add-new-skill = Ajouter { $typed } comme nouvelle compétence
expertise-not-a-skill-name = { $typed } n'est pas un nom de compétence que je peux enregistrer (lettres ou chiffres, jusqu'à 60 caractères).
expertise-choice-no-longer-valid = Ce choix n'est plus valide ; tapez de nouveau la compétence, s'il vous plaît.
expertise-skill-gone = Cette compétence n'est plus dans le répertoire ; tapez-la de nouveau, s'il vous plaît.
expertise-already-listed = *{ $name }* figure déjà parmi vos compétences.
expertise-added = Compétence *{ $name }* ajoutée.
expertise-added-new = Compétence *{ $name }* ajoutée (nouvelle dans le répertoire : elle figure dès maintenant à votre profil, et sera proposée aux autres une fois acceptée par un animateur).
expertise-removed = Compétence *{ $name }* retirée.
expertise-not-listed = { $typed } ne figure pas parmi vos compétences.
expertise-not-listed-suggest = { $typed } ne figure pas parmi vos compétences. Vouliez-vous dire *{ $suggestion }* ?
expertise-none-yet = Vous n'avez encore déclaré aucune compétence. Essayez `expertise add langage clair, excel`.
expertise-none-declared = { $name } n'a encore déclaré aucune compétence.
expertise-yours = *Votre expertise*
expertise-theirs = *Expertise — { $name }*
expertise-line = • { $name } (depuis { $since })

## L'examen des nouvelles compétences : `expertise review`.

expertise-nothing-to-review = Aucune nouvelle compétence n'attend d'examen.
expertise-reviewed-already = Cette compétence a déjà été examinée (ou retirée) : rien n'a été modifié.
expertise-reviewers-only = Seuls les animateurs et les administrateurs des communautés examinent les nouvelles compétences.
expertise-accept = Accepter { $name }
expertise-reject = Refuser { $name }
expertise-queue-title = *Nouvelles compétences en attente d'examen* (acceptées, elles rejoignent le vocabulaire commun)
expertise-queue-line = • { $name } — déclarée par { $count ->
        [one] 1 personne
       *[other] { $count } personnes
    }
expertise-queue-more = …et { $count } de plus après celles-ci.
expertise-accepted = Compétence *{ $name }* acceptée : tout le monde peut maintenant la trouver et l'ajouter.
expertise-rejected = Compétence *{ $name }* refusée : elle a été retirée des profils qui l'avaient.

## Aide : les formes de `expertise` (form-NOM-FORME).

form-expertise-add = déclarer des compétences que vous avez
form-expertise-remove = retirer des compétences
form-expertise-list = vos compétences, ou celles d'un autre membre
form-expertise-review = les nouvelles compétences ajoutées par les membres, à accepter ou refuser (animateurs et administrateurs)

## Trouver le membre qu'une personne a nommé (`lookup.find_member`).

directory-member-unknown-mention = Je ne connais pas encore ce membre : cette personne n'a jamais utilisé Guildbot.
directory-member-missing = Nommez un membre, p. ex. @amara.okafor.
directory-member-several = Plusieurs membres s'appellent { $name } ; utilisez leur @mention, s'il vous plaît.
directory-member-unknown = Je ne trouve pas de membre appelé { $name }.
directory-member-unknown-suggest = Je ne trouve pas de membre appelé { $name }. Vouliez-vous dire { $suggestion } ?
