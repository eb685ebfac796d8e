### Ce qu'un événement publie dans son canal et envoie de lui-même : rappels, avis aux participants.
## { $where } vaut « · LIEU » ou rien ; { $when } et { $day } sont des moments que chaque
## plateforme peut afficher dans le fuseau de son lecteur.

calendar-post-title = 📅 *{ $title }* — { $when }
calendar-post-where = • Lieu : { $place }
calendar-post-places = { $n ->
        [one] • { $n } place
       *[other] • { $n } places
    }
calendar-post-context = `event show { $id }` l'affiche dans votre fuseau horaire
calendar-post-context-feed = `event show { $id }` l'affiche dans votre fuseau horaire · Ajouter au calendrier : { $feed }
calendar-post-channel-reminder = ⏰ Rappel : *{ $title }* commence dans { $offset }, à { $clock } { $zone }{ $where }.
calendar-post-member-reminder = ⏰ Rappel : *{ $title }* commence dans { $offset } : { $when }{ $where }.
calendar-post-place-opened = 🎉 Une place s'est libérée : vous participez maintenant à *{ $title }*, { $when }{ $where }.
calendar-post-moved-to-waitlist = *{ $title }*, { $when }, a maintenant moins de places, et vous êtes sur la liste d'attente, en tête de file : je vous préviendrai dès qu'une place se libère. Vos rappels pour cet événement sont suspendus d'ici là.
calendar-post-changed = ✏️ *{ $title }* a changé : { $when }{ $where }. `event show { $id }` l'affiche dans votre fuseau horaire.
calendar-post-event-cancelled = ❌ *{ $title }* est annulé.
calendar-post-date-cancelled = ❌ *{ $title }* du { $day } est annulé. Les autres dates ne changent pas.
calendar-post-date-dropped = ✏️ *{ $title }* du { $day } n'a plus lieu : ses dates ont changé et { $period ->
        [month] ce mois-là n'en a plus
        [year] cette année-là n'en a plus
       *[week] cette semaine-là n'en a plus
    }, donc votre réponse pour cette date est retirée. `event show { $id }` affiche les nouvelles dates.
