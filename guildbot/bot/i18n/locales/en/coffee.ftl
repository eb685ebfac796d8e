### Coffee intros: what members are told when they act (coffee join, leave, snooze, never,
### status, history, mine, and the buttons of intros and follow-ups).

## Times, as written where a platform cannot show each reader's own zone.

coffee-weekday = { $day ->
        [monday] Monday
        [tuesday] Tuesday
        [wednesday] Wednesday
        [thursday] Thursday
        [friday] Friday
        [saturday] Saturday
       *[sunday] Sunday
    }

## Which program.

coffee-no-program = { $name } has no coffee intros yet. A facilitator can start them with `coffee setup { $slug }`.
coffee-none-offered = None of your communities has coffee intros yet.
coffee-none-joined = You're not in any coffee intros.
coffee-which-community = Which community? { $slugs }
coffee-name-the-community = Name the community, or run this in its channel.
coffee-expired = That button has expired.

## Members.

coffee-members-only = Coffee intros are for { $name }'s members: `community join { $slug }` first.
coffee-already-in = You're already in { $name }'s coffee intros.
coffee-joined = ☕ You're in { $name }'s coffee intros! I'll open a group chat with { $others ->
        [1] a colleague
       *[other] { $others } colleagues
    } from elsewhere in the organisation.
coffee-joined-next = ☕ You're in { $name }'s coffee intros! The next round is { $when }. I'll open a group chat with { $others ->
        [1] a colleague
       *[other] { $others } colleagues
    } from elsewhere in the organisation.
coffee-joined-hint = `coffee snooze 3w` pauses you; `coffee never @someone` is private.
coffee-not-in = You're not in { $name }'s coffee intros.
coffee-not-in-any = You're not in any coffee intros yet: `coffee join COMMUNITY`.
coffee-not-in-those = You're not in those coffee intros: `coffee join COMMUNITY` first.
coffee-left = You've left { $name }'s coffee intros. `coffee join { $slug }` brings you back any time.
coffee-snoozed = 😴 Snoozed until { $day } ({ $names }). You'll be back in the rounds after that, automatically.
coffee-snoozed-two-weeks = 😴 Snoozed for two weeks in { $name }; you'll be back after that.
coffee-not-yourself = You can't be paired with yourself anyway. 🙂
coffee-never-already = You already asked never to be paired with { $name }.
coffee-never-added = Done: you'll never be in a coffee group with { $name }. Nobody else is told, including them.
coffee-never-group = Done: you won't be grouped with { $names } again. Nobody else is told.
coffee-group-only = That button is for the people in that coffee group.
# Someone in a group whose name is gone (erased).
coffee-them = them
coffee-someone = someone

## coffee status

coffee-status-none = You're not in any coffee intros yet.
coffee-status-none-hint = `coffee join COMMUNITY` joins a community's intros.
coffee-status-title = ☕ *Your coffee intros*
coffee-status-word = { $status ->
        [active] in
        [left] left
       *[snoozed] snoozed
    }
coffee-status-snoozed-until = snoozed until { $date }
coffee-status-snoozed-open = snoozed until you join again
coffee-status-line = • { $name }: { $state }
coffee-status-line-paused = • { $name }: { $state }; paused by its facilitators
coffee-status-line-next = • { $name }: { $state }; next round { $when }
coffee-status-never = • Never-pairs you set: { $count } (private)

## Per-round programs: [I'm in] [Not this time].

coffee-round-in = ☕ Great, you're in this round!
coffee-round-out = OK, maybe next time.
coffee-round-formed = That round has already been formed; see you next time!

## Follow-ups and history.

coffee-response = { $response ->
        [met] We met
        [not_yet] Not yet
       *[skip] Skip
    }
coffee-answered-met = 🎉 Lovely — thanks for telling me!
coffee-answered-not-yet = No rush: there's still time before the next round.
coffee-answered-skip = OK, noted. Thanks for answering.
coffee-follow-up-outsider = That follow-up is for the people in that coffee group.
coffee-history-none = No coffee groups yet. `coffee join COMMUNITY` to take part.
coffee-history-title = ☕ *Your latest coffee groups*
coffee-history-line = • { $on } ({ $community }): with { $others }
coffee-history-line-said = • { $on } ({ $community }): with { $others } — you said: { $answer }
coffee-mine-none = You have no coffee group this month. `coffee status` shows your next round; `coffee history` your earlier groups.
coffee-mine-title = ☕ *Your coffee groups now*
coffee-mine-line = • { $community }, round of { $on }: with { $others } — not answered yet: did you meet?
coffee-mine-line-said = • { $community }, round of { $on }: with { $others } — you said: { $answer }
coffee-mine-nobody = nobody else now

## Buttons (also an intro's and a follow-up's).

coffee-button-met = We met
coffee-button-not-yet = Not yet
coffee-button-skip = Skip
coffee-button-snooze = Snooze me 2 weeks
coffee-button-never = Never pair me with them
coffee-button-leave = Leave coffee intros

## What a snooze may be.

coffee-snooze-help = Try `coffee snooze 3w` or `coffee snooze until Jan 15`.
coffee-snooze-too-long = You can snooze for up to a year; `coffee leave` stops intros for good.
coffee-not-a-date = I couldn't read { $typed } as a date. Try `coffee snooze until next Friday`, `until Jan 15` or `until 2027-01-15`.
coffee-not-a-duration = { $typed } isn't a duration. Try `coffee snooze 3w` or `coffee snooze until Jan 15`.
coffee-snooze-in-the-past = { $date } is in the past: pick a later date.

## Help: the summary of each form of `coffee` (form-coffee-FORM; the command's own is
## command-coffee, in help.ftl).

form-coffee-status = where you stand, and the next round
form-coffee-join = take part in a community's intros
form-coffee-leave = stop taking part
form-coffee-snooze = no intros for a while (back automatically)
form-coffee-never = never be grouped with someone (private)
form-coffee-mine = your groups now, with their buttons again
form-coffee-history = your latest groups and how they went
form-coffee-setup = start a community's intros (facilitators)
form-coffee-settings = see or change them (facilitators)
form-coffee-pause = no rounds until resumed
form-coffee-resume = rounds again
form-coffee-preview = the next round's groups, privately, with re-roll (facilitators)
form-coffee-stats = participation, meeting and repeat rates, new connections (facilitators)
