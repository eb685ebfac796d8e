### Coffee intros: what facilitators are told (setup, settings, pause, preview, stats) and
### what the options of `coffee setup|settings` may be.

## A program's settings.

coffee-cadence = { $frequency ->
        [monthly] { $interval ->
            [1] monthly
           *[other] every { $interval } months
        } on the first { $day } at { $time } ({ $zone })
       *[weekly] { $interval ->
            [1] weekly
           *[other] every { $interval } weeks
        } on { $day } at { $time } ({ $zone })
    }
coffee-summary-cadence = • Cadence: { $cadence }
coffee-summary-groups = • Groups of { $size }; { $participation ->
        [per_round] members say each time whether they're in (asked a day before)
       *[standing] everyone who joined takes part until they snooze or leave
    }
coffee-summary-weights = • Weights: { $weights }
coffee-summary-taking-part = • Taking part: { $count }
coffee-summary-paused = • Paused
coffee-summary-next = • Next round: { $when }
coffee-summary-not-scheduled = • Next round: not scheduled
coffee-set-up = ☕ Coffee intros are set up for *{ $name }*.
    { $settings }
coffee-set-up-hint = Members join with `coffee join { $slug }`; `coffee preview { $slug }` shows the next round privately.
coffee-settings = ☕ Coffee intros for *{ $name }*
    { $settings }
coffee-settings-hint = Facilitators change them with `coffee settings COMMUNITY every 2 weeks on tuesday at 10:00 groups of 3 department=2` and the like.
coffee-updated = ☕ Coffee intros updated for *{ $name }*.
    { $settings }

## Pause and resume.

coffee-already = { $name }'s coffee intros are already { $state ->
        [paused] paused
       *[running] running
    }.
coffee-paused = ⏸ { $name }'s coffee intros are paused. `coffee resume` restarts.
coffee-resumed = ▶ { $name }'s coffee intros are back on.
coffee-resumed-next = ▶ { $name }'s coffee intros are back on. Next round: { $when }.

## Preview.

coffee-no-next-round = { $name }'s coffee intros have no next round.
coffee-preview-too-few = The next { $name } round ({ $when }) has { $count } { $count ->
        [1] person
       *[other] people
    } taking part so far: it would be skipped.
coffee-left-out = Not in it: { $names } (no answer to their last three intros; they will be snoozed unless they answer the last one).
coffee-preview-title = ☕ *Preview* — { $name }, round of { $when } ({ $count ->
        [1] 1 person
       *[other] { $count } people
    }, only you see this):
coffee-preview-title-rerolled = 🎲 Re-rolled. ☕ *Preview* — { $name }, round of { $when } ({ $count ->
        [1] 1 person
       *[other] { $count } people
    }, only you see this):
coffee-preview-group = • { $names } — { $reason }
coffee-preview-unmatched = • { $name }: not placed ({ $reason })
coffee-preview-total = Total score { $total }.
coffee-preview-hint = If nobody joins or leaves before then, these are the groups.
coffee-button-reroll = Re-roll

## coffee stats

coffee-stats-title = 📊 *Coffee stats* — { $name }
coffee-stats-participation = • Participation: { $active } of { $size } members in ({ $snoozed } snoozed, { $left } left)
coffee-stats-no-rounds = • No rounds yet ({ $skipped } skipped).
coffee-stats-rounds = • Rounds: { $rounds } ({ $skipped } skipped), { $groups } groups, { $people } people per round
coffee-stats-no-follow-ups = • Meeting rate: no follow-ups asked yet
coffee-stats-meeting = • Meeting rate: { $rate }% of groups met ({ $answered } of { $asked } answered the follow-up)
coffee-stats-repeat = • Repeat rate: { $rate }% of groups had met before
coffee-stats-connections = • New cross-department connections: { $connections }
coffee-stats-connection = { $quarter }: { $new } ({ $met } met)

## What the options of coffee setup|settings may be.

coffee-setting-not-understood = I didn't understand { $typed } in those settings. See `help coffee` for what you can set.
coffee-group-size-missing = Give a group size from { $low } to { $high }, like `groups of 3`.
coffee-group-size-out-of-range = Groups can have { $low } to { $high } people, not { $typed }.
coffee-interval-out-of-range = Rounds can be every 1 to { $limit } weeks or months.
coffee-cadence-unreadable = I can't read that cadence. Try `weekly`, `every 2 weeks`, `monthly` or `every 3 months`.
coffee-not-a-weekday = { $typed } isn't a day of the week.
coffee-not-a-weekday-suggest = { $typed } isn't a day of the week. Did you mean { $day }?
coffee-not-a-time = { $typed } isn't a time I can read: use 24-hour HH:MM like 09:30, or 9am.
coffee-weight-out-of-range = The { $name } weight must be a number from 0 to { $limit }.
