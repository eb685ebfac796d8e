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
