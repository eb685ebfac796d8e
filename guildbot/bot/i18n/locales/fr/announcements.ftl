### Réponses au sujet des annonces planifiées (`announce …`) ; l'annonce elle-même est publiée telle que l'animateur l'a écrite.

announce-posted-when = d'abord { $first }, puis { $repeat } ({ $zone })
announce-scheduled = Annonce { $id } planifiée pour #{ $channel } : { $when }.
    > { $text }
announce-scheduled-hint = `announce cancel { $id }` · `announce edit { $id } …`
announce-updated = Annonce { $id } mise à jour : { $when }.
    > { $text }
announce-cancelled = Annonce { $id } annulée ; elle ne sera pas publiée.
announce-cannot-post-in = Je ne peux pas publier dans { $channel } : je ne suis pas dans ce canal, ou ce n'est pas le canal d'une communauté. Lancez d'abord `community link COMMUNAUTÉ` dans le canal. Par exemple : `{ $example }`.
announce-no-such = Il n'y a pas d'annonce planifiée { $typed }. Voyez `announce list`.
announce-listed = • { $id } dans { $channel } — prochaine { $next } : { $text }
announce-listed-repeat = • { $id } dans { $channel } — prochaine { $next }, { $repeat } : { $text }
announce-list = *Annonces planifiées*
    { $rows }
announce-none = Aucune annonce n'est planifiée.
announce-none-hint = Essayez `{ $example }`.
