### Aide : la liste des commandes et les formes d'une commande.

help-intro = *Guildbot* met en relation les personnes d'un même métier, d'un ministère à l'autre. Commandes :
help-command-line = • `{ $name }` — { $summary }
help-more = Tapez `aide COMMANDE` pour les détails, p. ex. `aide expertise`. Votre fuseau horaire (heures des événements et rappels) : `profil set timezone America/Montreal`. Votre langue : `profil set language en`.
help-command-title = *{ $name }* — { $summary }
help-form-line = • `{ $usage }` — { $summary }
help-examples = Exemples : { $examples }
help-no-such-command = Il n'y a pas de commande { $word }.
help-no-such-command-suggest = Il n'y a pas de commande { $word }. Vouliez-vous dire `{ $suggestion }` ?

## Le résumé d'une ligne de chaque commande (command-NOM) et de ses formes (form-NOM-FORME).

command-event = événements de la communauté : créer, répondre, lister, modifier, annuler
command-announce = publications planifiées dans un canal de la communauté, uniques ou récurrentes (animateurs)
command-coffee = cafés-rencontres entre ministères : participer, faire une pause et (animateurs) les organiser
command-community = communautés de pratique : créer, rejoindre, quitter, parcourir
command-role = donner ou retirer un rôle dans une communauté (animateurs et administrateurs)
command-dashboard = un lien privé vers le tableau de bord de vos communautés (animateurs et administrateurs)
command-profile = voir ou modifier votre profil
command-expertise = les compétences avec lesquelles vous pouvez aider les autres
command-help = ce que je sais faire, ou comment utiliser une commande
command-privacy = voir, exporter ou effacer ce que Guildbot garde à votre sujet
command-ask = poser une question : je trouve des collègues qui savent et je vous mets en relation
form-help = lister les commandes, ou en expliquer une
form-profile-show = afficher votre profil
form-profile-set = modifier un champ de votre profil
