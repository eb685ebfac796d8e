### Les réponses de la commande du tableau de bord dans le clavardage (pas les pages Web).

dashboard-not-on = Le tableau de bord n'est pas encore activé pour ce Guildbot : un opérateur l'active avec GUILDBOT_DASHBOARD=on (voir la section « Facilitator dashboard » du README).
dashboard-nothing-to-show = Le tableau de bord montre les communautés que vous animez, et vous n'en animez encore aucune.
dashboard-link = Votre lien vers le tableau de bord : { $link }
dashboard-link-opens-on = Votre lien vers le tableau de bord (il s'ouvre sur { $community }) : { $link }
# Les mots du lien lui-même.
dashboard-link-label = ouvrir le tableau de bord
dashboard-link-hint = Il ne fonctionne qu'une fois, pendant 15 minutes, et ne fait que vous connecter : ne le transférez pas, s'il vous plaît.

## Aide : la forme de `dashboard` (form-NOM-FORME).

form-dashboard-open = un lien de connexion pour vous seul, valide une fois pendant 15 minutes
