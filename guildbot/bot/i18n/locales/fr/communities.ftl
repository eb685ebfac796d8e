### Les communautés de pratique : créer, rejoindre, quitter, parcourir, accueillir, gérer, les rôles.

# Un rôle dans une communauté, comme mot d'une phrase (« vous êtes animateur »).
communities-role = { $role ->
        [admin] administrateur
        [facilitator] animateur
       *[member] membre
    }
# Le nom d'un champ, dans « Le champ « nom de la communauté » ne peut pas être vide ».
communities-field = { $field ->
        [description] description
        [welcome] texte d'accueil
       *[name] nom de la communauté
    }
communities-needs-a-letter = Le nom d'une communauté doit contenir au moins une lettre ou un chiffre.
communities-link-in-a-channel = Lancez `communauté link` dans le canal que vous voulez lier.
communities-none = Il n'y a pas encore de communauté. Créez-en une avec `communauté create NOM`.
communities-join-hint = Rejoignez-en une avec `communauté join NOM-COURT`.
communities-everyone-is-a-member = Toute personne d'une communauté en est membre ; pour la quitter, elle utilise `communauté leave`.
communities-name-the-community = Nommez la communauté, ou lancez ceci dans le canal de la communauté.
communities-already-exists = Il existe déjà une communauté { $name } ({ $slug }). Rejoignez-la avec `communauté join { $slug }`.
communities-created = Communauté *{ $name }* ({ $slug }) créée. Vous en êtes l'administrateur.
communities-created-linked = Communauté *{ $name }* ({ $slug }) créée. Vous en êtes l'administrateur. Ce canal est maintenant le sien.
communities-others-can-join = D'autres peuvent la rejoindre avec `communauté join { $slug }`.
communities-channel-taken = Ce canal appartient déjà à la communauté { $name }.
communities-channel-linked = Ce canal est maintenant celui de la communauté { $name }.
communities-already-in = Vous faites déjà partie de la communauté { $name }.
communities-welcome-aboard = Bienvenue dans *{ $name }* !
communities-not-in = Vous ne faites pas partie de la communauté { $name }.
communities-only-admin = Vous êtes le seul administrateur de la communauté { $name }. Nommez d'abord quelqu'un d'autre administrateur : `role grant @membre admin { $slug }`.
communities-left = Vous avez quitté la communauté { $name }.
communities-listing-title = *Communautés*
communities-listing-line = • { $name } ({ $slug }) : { $size ->
        [one] { $size } membre
       *[other] { $size } membres
    }
communities-listing-line-yours = • { $name } ({ $slug }) : { $size ->
        [one] { $size } membre
       *[other] { $size } membres
    } — vous êtes { $role }
communities-info-title = *{ $name }* ({ $slug })
communities-info-members = • Membres : { $size }
communities-info-facilitators = • Animateurs : { $count ->
        [0] aucun
       *[other] { $leads }
    }
communities-info-you = • Vous : { $role }
communities-info-not-a-member = • Vous n'en êtes pas membre : `communauté join { $slug }`
communities-already-has-role = { $who } est déjà { $role } de la communauté { $community }.
communities-now-has-role = { $who } est maintenant { $role } de la communauté { $community }.
communities-lacks-role = { $who } n'est pas { $role } de la communauté { $community }.
communities-no-longer-has-role = { $who } n'est plus { $role } de la communauté { $community }.
communities-needs-an-admin = La communauté { $community } a besoin d'au moins un administrateur.
communities-welcome-off = Je n'accueillerai plus les personnes qui rejoignent le canal de la communauté { $community }.
communities-welcome-preview = Les personnes qui rejoignent le canal de la communauté { $community } verront :
    { $example }
communities-welcome-default = Essayez `ask` pour poser une question, `coffee join { $slug }` pour des cafés-rencontres entre ministères, et `event list` pour ce qui s'en vient.
communities-welcome = 👋 Bienvenue dans *{ $community }*, { $newcomer } ! { $intro }
communities-leave-instead = Pour quitter vous-même une communauté, utilisez `communauté leave COMMUNAUTÉ`.
communities-renamed = La communauté { $old } s'appelle maintenant { $new }. Son nom court reste { $slug } : les liens et les flux continuent de fonctionner.
communities-not-a-member = { $name } ne fait pas partie de la communauté { $community } : personne à retirer.
communities-removed = { $name } ne fait plus partie de la communauté { $community }.
communities-button-expired = Ce bouton a expiré.
communities-add-first = { $name } ne fait pas encore partie de la communauté { $community }. L'ajouter comme { $role } ? Cette personne en verra les événements et pourra la quitter à tout moment.
communities-add-them = L'ajouter
communities-cancel = Annuler
communities-already-in-it = { $name } a rejoint la communauté { $community } entre-temps : utilisez de nouveau `role grant` pour changer son rôle.
communities-unarchived = La communauté { $name } est de nouveau active : elle est listée, ouverte aux nouveaux membres, et on peut y planifier des événements. Les cafés-rencontres restent en pause jusqu'à ce qu'un animateur lance `coffee resume { $slug }`.
communities-archived = La communauté { $name } est archivée : elle est conservée telle quelle, mais n'est plus listée ni ouverte aux nouveaux membres, et on ne peut plus y planifier d'événements. `communauté unarchive { $slug }` la rétablit.
communities-archived-coffee-paused = La communauté { $name } est archivée : elle est conservée telle quelle, mais n'est plus listée ni ouverte aux nouveaux membres, et on ne peut plus y planifier d'événements. Ses cafés-rencontres sont en pause. `communauté unarchive { $slug }` la rétablit.
communities-archived-already = La communauté { $name } est déjà archivée : rien n'a été modifié.
communities-not-archived = La communauté { $name } n'est pas archivée : rien n'a été modifié.
communities-is-archived = La communauté { $name } est archivée : elle n'accepte ni nouveaux membres ni nouveaux événements. Ses administrateurs peuvent la rétablir avec `communauté unarchive`.
communities-no-community-named = Nommez une communauté (voir `communauté list`).
communities-unknown = Je ne trouve pas de communauté appelée { $name }.
communities-unknown-suggest = Je ne trouve pas de communauté appelée { $name }. Vouliez-vous dire { $suggestion } ({ $slug }) ?
# Le refus de `policy.require_manager`, pour la gestion d'une communauté par toute fonction.
communities-managers-only = Seuls les animateurs et les administrateurs de la communauté { $community } peuvent faire cela.
communities-managers-only-admins = Seuls les animateurs et les administrateurs de la communauté { $community } peuvent faire cela (et seuls les administrateurs peuvent nommer des administrateurs).

## Aide : les formes de `communauté` et de `role` (form-NOM-FORME).

form-community-create = créer une communauté (vous en devenez l'administrateur)
form-community-join = rejoindre une communauté
form-community-leave = quitter une communauté
form-community-list = toutes les communautés, avec leur taille
form-community-info = à propos d'une communauté
form-community-link = faire de ce canal celui de la communauté (animateurs)
form-community-rename = donner un nouveau nom à une communauté ; son nom court reste (animateurs)
form-community-remove = retirer un membre d'une communauté (animateurs ; les administrateurs, par des administrateurs)
form-community-archive = conserver une communauté telle quelle, sans activité (administrateurs)
form-community-unarchive = rétablir une communauté archivée (administrateurs)
form-community-welcome = accueillir les personnes qui rejoignent son canal (animateurs ; désactivé par défaut)
form-role-grant = donner un rôle à un membre
form-role-revoke = retirer un rôle (la personne reste membre)
