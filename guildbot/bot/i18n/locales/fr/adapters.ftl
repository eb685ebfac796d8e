### Les mots des adaptateurs : listes de commandes et invites des options des plateformes,
### et ce qu'un adaptateur dit lui-même (une erreur, une note sur un bouton, le texte de
### remplacement d'une carte).

## Listes de commandes (Discord, Teams) : la commande générale, et les invites des commandes
## qui prennent une ligne. Les mots tapés (help, profile, mine, close…) restent ceux de la grammaire.

adapters-umbrella-summary = N'importe quelle commande de Guildbot (essayez : aide)
adapters-umbrella-prompt = Une ligne de commande, p. ex. aide · profil · expertise add k8s
adapters-ask-prompt = Votre question — ou : mine · close ID · suggest ID @membre · mode off|suggest|auto

## Les options d'une sous-commande dans Discord.

adapters-discord-option-community = Quelle communauté (son nom ou son identifiant)
adapters-discord-option-event = Quel événement (son numéro)
adapters-discord-option-nothing-more = rien de plus n'est nécessaire

## Le manifeste de l'application Teams (manifest.json, et un fichier de localisation par autre langue).

adapters-teams-name-full = { $name } pour les communautés de pratique
adapters-teams-description-short = Collègues qui savent, cafés-rencontres, calendriers des communautés.
adapters-teams-description-full = Guildbot met en relation les personnes d'un même métier, d'un ministère à l'autre : il achemine les questions vers les collègues qui ont l'expertise voulue, organise des cafés-rencontres entre membres de ministères différents et tient le calendrier de chaque communauté, avec des rappels.
adapters-teams-channel-messages = Dans les canaux et les conversations de groupe où il est ajouté, il lit les messages pour repérer les questions qu'il peut acheminer (là où la communauté a activé l'acheminement) et les remerciements qui montrent qui a aidé ; il ne garde que les questions qu'il achemine.

## Ce qu'un adaptateur dit lui-même, dans la langue du lecteur quand il la connaît (la langue
## de l'interaction ou de l'activité), sinon la langue par défaut.

adapters-restarting = Guildbot redémarre ; veuillez réessayer dans une minute.
adapters-something-went-wrong = Désolé, un problème est survenu de mon côté.
adapters-nothing-changed = D'accord — rien n'a été changé.
# Un bouton à confirmer dont le cœur n'a pas donné les mots (un bouton d'un processus plus récent).
adapters-confirm-do-this = Faire ceci
adapters-confirm-title = { $action } ?
adapters-confirm-text = Veuillez confirmer.
adapters-confirm-yes = Oui
adapters-confirm-cancel = Annuler

# Deux noms ou plus : « A, B et C » (first vaut « A, B »).
adapters-and = { $first } et { $last }

## Teams : ce que l'adaptateur dit lui-même.

adapters-teams-not-our-button = Ce bouton n'est pas un bouton de Guildbot.
adapters-teams-got-it = C'est noté.
adapters-teams-cannot-message-you = J'ai une réponse privée pour vous, mais je ne peux pas encore vous écrire : ouvrez une conversation avec Guildbot (Applications → Guildbot → Ajouter) et posez votre question de nouveau à cet endroit.
# Un groupe que Teams ne peut pas ouvrir : chaque membre reçoit le message dans sa propre
# conversation, avec cette note suivie d'un lien (adapters-teams-open-group-chat).
adapters-teams-also-sent = Aussi envoyé à { $names } —
adapters-teams-open-group-chat = ouvrir une conversation de groupe avec tout le monde
adapters-teams-a-colleague = un ou une collègue

## Slack : ce que l'adaptateur dit lui-même.

adapters-slack-home-unavailable = Je n'ai pas pu consulter votre profil Slack pour le moment, alors il n'y a encore rien à afficher. Veuillez réessayer bientôt.
# Une carte qui porte d'autres boutons d'un message, sous le début de son texte.
adapters-teams-more-choices = Plus de choix pour « { $opening } » :
# Sous la confirmation d'un bouton destructeur ($deny : le mot du cœur pour renoncer, en minuscules).
adapters-teams-press-again = (Appuyez de nouveau sur « { $label } » pour { $deny }.)
# En italique, à la place du texte d'un message qui ne tenait pas.
adapters-slack-shortened = (raccourci : la suite ne tenait pas dans un seul message Slack)
# Le nom d'un fil privé ouvert pour un groupe (un café-rencontre) ; $names : « Ana Lima, Bo Chen ».
adapters-discord-intro-thread = Présentations Guildbot : { $names }
# Un membre d'un tel groupe dont Discord n'a pas donné le nom.
adapters-discord-someone = membre

## Matrix : ce que l'adaptateur dit lui-même.

# Le salon privé ouvert pour un groupe (un café-rencontre, une mise en relation) ; $names : « Ana Lima, Bo Chen ».
adapters-matrix-group-room = Guildbot : { $names }
# Une fois par membre, quand un de ses messages dans un salon chiffré n'a pas pu être déchiffré.
adapters-matrix-cannot-decrypt = Je n'ai pas pu lire un message que vous avez envoyé : il était chiffré avec des clés que mon appareil n'a jamais reçues. Veuillez vérifier l'appareil de Guildbot dans votre client (ou le vérifier de nouveau), puis renvoyez le message.
# Quelqu'un a répondu à des choix numérotés envoyés à un autre membre.
adapters-matrix-not-your-choice = Ces choix étaient destinés à quelqu'un d'autre ; les vôtres vous arrivent dans un message à vous.
# Un numéro au-delà des choix proposés.
adapters-matrix-choose-between = Veuillez répondre par un numéro de 1 à { $last }.
# Dans un salon, après une commande dont la réponse n'est que pour le membre : elle est partie
# dans sa conversation privée (une mention de la personne vient d'abord).
adapters-matrix-answered-in-direct = Je vous ai répondu dans notre conversation privée.
