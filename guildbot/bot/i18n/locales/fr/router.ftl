### Ce que le routeur répond avant toute fonction : les lignes qu'il ne sait pas lire, les pannes.
### Balisage : *gras* et `code`, comme dans bot.rich.say. Les valeurs ne deviennent jamais du balisage.

router-too-long = Ce message fait { $length } caractères ; je peux en lire jusqu'à { $limit }. Raccourcissez-le, s'il vous plaît.
router-too-long-for-me = C'est trop long pour moi : je peux lire jusqu'à { $limit } caractères.
router-no-profile = Je n'ai pas pu consulter votre profil sur { $platform }, donc je n'ai rien fait. Réessayez dans une minute.
router-failed = Désolé, quelque chose n'a pas fonctionné de mon côté et rien n'a été modifié. Si cela se reproduit, donnez cette référence à votre administrateur : { $reference }.
router-expired = Ce bouton a expiré. Relancez la commande, s'il vous plaît.
router-unknown-command = Je ne connais pas la commande « { $typed } ».
router-unknown-command-suggest = Je ne connais pas la commande « { $typed } ». Vouliez-vous dire `{ $suggestion }` ?
router-did-you-mean-form = Vouliez-vous dire `{ $command } { $form }` ?
router-nothing-waiting = Rien n'attend de numéro de votre part pour l'instant (les choix expirent au bout d'un moment). Tapez `aide` pour voir ce que je sais faire.
router-usage-one = Utilisation : `{ $usage }`
router-usage-many =
    Utilisation :
    { $forms }
router-more-on = Plus : `aide { $command }`
