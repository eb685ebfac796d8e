### Replies about scheduled announcements (`announce …`); the announcement itself is posted as its facilitator wrote it.

announce-posted-when = first { $first }, then { $repeat } ({ $zone })
announce-scheduled = Scheduled announcement { $id } for #{ $channel }: { $when }.
    > { $text }
announce-scheduled-hint = `announce cancel { $id }` · `announce edit { $id } …`
announce-updated = Updated announcement { $id }: { $when }.
    > { $text }
announce-cancelled = Cancelled announcement { $id }; it won't be posted.
announce-cannot-post-in = I can't post in { $channel }: I'm not in that channel, or it isn't a community's channel. Run `community link COMMUNITY` in the channel first. For example: `{ $example }`.
announce-no-such = There's no scheduled announcement { $typed }. See `announce list`.
announce-listed = • { $id } in { $channel } — next { $next }: { $text }
announce-listed-repeat = • { $id } in { $channel } — next { $next }, { $repeat }: { $text }
announce-list = *Scheduled announcements*
    { $rows }
announce-none = No announcements are scheduled.
announce-none-hint = Try `{ $example }`.
