### Cafés-rencontres : les résumés d'aide des formes de la commande coffee.

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
