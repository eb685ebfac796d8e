### The calendar: replies about events to the member who acted (creating, answering,
### listing, cancelling), how times, repeats and reminders are worded, and what a time
### phrase that does not work is told. Posts in a channel and reminders are not here yet.

## Buttons and the cancel dialog.

calendar-rsvp-label = { $status ->
        [going] Going
        [maybe] Maybe
        [waitlisted] Waitlisted
       *[declined] Can't go
    }
calendar-button-create = Create
calendar-button-never-mind = Cancel
calendar-button-cancel-it = Cancel it
calendar-button-keep-it = Keep it
calendar-button-save = Save
calendar-cancel-dialog-title = Cancel this event?
calendar-cancel-dialog-text = People are told at once; this can't be undone.

## Shared words.

calendar-say-what-to-change = Say what to change.
calendar-give-text-or-time = Give the new text, the new time, or both.
calendar-phrase-error = { $problem } For example: `{ $example }`.
calendar-field = { $field ->
        [title] title
        [place] place
       *[description] description
    }
calendar-command-list = event list
calendar-command-edit = event edit
calendar-expired-run = That button has expired. Please run `{ $command }` again.
calendar-expired = That button has expired. Please run the command again.
calendar-where-after = { " " }· { $place }
calendar-no-reminders = no reminders
calendar-reminders = { $when } before, { $places ->
        [both] in the channel and to people going
        [channel] in the channel
       *[going] to people going
    }

## Times, repeats, durations and offsets (English is written by the parser's own words,
## which it reads back; these say the same).

calendar-time-and-repeat = { $time }, { $repeat }
calendar-lasting = for { $duration }
calendar-weekday-plural = { $day }s
calendar-repeat-count = { $repeat }, { $count } times
calendar-repeat-until = { $repeat }, until { $until }
calendar-repeat-weekdays = every weekday
calendar-repeat-monthly-nth = { $interval ->
        [one] monthly on the { $nth } { $day }
       *[other] every { $interval } months on the { $nth } { $day }
    }
calendar-repeat-monthly-day = { $interval ->
        [one] monthly on day { $day }
       *[other] every { $interval } months on day { $day }
    }
calendar-repeat-weekly-on = weekly on { $days }
calendar-repeat-every-weeks-on = every { $interval } weeks on { $days }
calendar-repeat-daily = { $interval ->
        [one] daily
       *[other] every { $interval } days
    }
calendar-repeat-weekly = { $interval ->
        [one] weekly
       *[other] every { $interval } weeks
    }
calendar-repeat-monthly = { $interval ->
        [one] monthly
       *[other] every { $interval } months
    }
calendar-repeat-yearly = { $interval ->
        [one] yearly
       *[other] every { $interval } years
    }
calendar-offset-days = { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
calendar-offset-hours = { $count ->
        [one] { $count } hour
       *[other] { $count } hours
    }
calendar-offset-minutes = { $count ->
        [one] { $count } minute
       *[other] { $count } minutes
    }

## What was read, told before saving.

calendar-note-numeric = I read { $typed } as { $day }, { $order ->
        [day] day first
        [month] month first
       *[only] the only way it reads
    }.
calendar-note-numeric-other = I read { $typed } as { $day }, { $order ->
        [day] day first
        [month] month first
       *[only] the only way it reads
    }; if you meant { $other }, write { $iso }.
calendar-note-abbreviation = I read { $typed } as { $zone }.
calendar-note-skipped = { $typed } does not exist on { $day } in { $zone } (clocks go forward), so it starts at { $actual }.

## event create

calendar-echo-heading = Here's what I understood:
calendar-echo-title = *{ $title }* — { $when }
calendar-echo-other = Or did you mean *{ $title }* — { $when }? Then put that title in quotes: “{ $title }” and the time.
calendar-echo-where = • Where: { $place }
calendar-echo-description = • { $description }
calendar-echo-capacity = • Capacity: { $capacity }
calendar-echo-no-limit = no limit
calendar-echo-reminders = • Reminders: { $reminders }
calendar-echo-posted = • Posted in { $community }'s channel, with [{ $going }] [{ $maybe }] [{ $declined }]
calendar-echo-nothing-saved = Nothing is saved until you press Create.
calendar-created = Created event { $id }: *{ $title }*, { $when }. I'm posting it in { $community }'s channel now.
calendar-created-next = `event show { $id }` · `event edit { $id } …` · `event cancel { $id }`
calendar-time-passed = That time has passed meanwhile, so nothing was created. Please run `event create` again.
calendar-community-gone = That community no longer exists; nothing was created.
calendar-already-created = That event was already created.
calendar-which-community = Which community is it for? Add `community: SLUG`, or run the command in the community's channel.
calendar-nowhere-to-post = { $community } has no channel here yet, so I have nowhere to post it. Run `community link { $slug }` in its channel first.
calendar-community-archived = { $name } is archived, so no new events can be planned for it. Its admins can bring it back with `community unarchive`.
calendar-members-only = { $name }'s events are for its members. `community join { $slug }` to see them and answer.

## Answers (RSVPs)

calendar-rsvp-already-going = You're already going for *{ $title }*, { $when }.
calendar-rsvp-already-waitlisted = You're already on the waitlist for *{ $title }*, { $when }.
calendar-rsvp-unchanged = Noted already: { $answer } for *{ $title }*, { $when }.
calendar-rsvp-waitlisted = *{ $title }* is full ({ $count ->
       *[other] { $places } places
    }), so you're on the waitlist for { $when }. I'll tell you as soon as a place opens.
calendar-rsvp-going = You're going to *{ $title }*, { $when }.
calendar-rsvp-going-reminded = You're going to *{ $title }*, { $when }. I'll remind you before it starts.
calendar-rsvp-noted = Noted: { $answer } for *{ $title }*, { $when }.
calendar-rsvp-date-cancelled = *{ $title }* on that day is cancelled.
calendar-rsvp-no-more-dates = *{ $title }* has no more occurrences to answer for.
calendar-rsvp-closed = *{ $title }* has already started; answers are closed.

## Finding and listing

calendar-no-such-event = There's no event { $id }. See `event list`.
calendar-unreadable-day = I couldn't read { $typed } as a day. For example: `event cancel { $id } Dec 3` or `event cancel { $id } all`.
calendar-not-on = *{ $title }* doesn't happen on { $day }.
calendar-list-line = • { $id } *{ $title }* ({ $community }) — { $when }{ $repeat } · { $going } going
calendar-list-repeat = , { $repeat }
calendar-list = *Upcoming events* (your time zone)
    { $rows }
calendar-list-hint = `event show ID` for details and to RSVP.
calendar-list-none = No upcoming events.
calendar-list-none-in = No upcoming events in { $community }.
calendar-show-title = *{ $title }* (event { $id }, { $community })
calendar-show-repeats = • Repeats { $repeat } ({ $zone })
calendar-show-no-dates = • No upcoming dates.
calendar-show-next = • Next: { $dates }
calendar-date-separator = { "; " }
calendar-show-counts = • Going: { $going }{ $capacity } · Maybe: { $maybe }{ $waitlist }
calendar-show-of = { " " }of { $n }
calendar-show-waitlist = { " " }· Waitlist: { $n }
calendar-show-mine = • You: { $mine }
calendar-status = { $status ->
        [going] going
        [maybe] maybe
        [waitlisted] waitlisted
       *[declined] declined
    }
calendar-show-buttons = Buttons answer for the next date.
calendar-show-feed = { " " }Add to calendar: { $feed }
calendar-no-upcoming-dates = *{ $title }* has no upcoming dates.
calendar-attendees-title = *{ $title }*, { $when }
calendar-attendees-going = • Going ({ $count }{ $capacity }): { $names }
calendar-attendees-maybe = • Maybe: { $names }
calendar-attendees-declined = • Can't go: { $names }
calendar-attendees-waitlist = • Waitlist, in order: { $names }
calendar-attendees-nobody = nobody yet
calendar-attendees-dash = —

## Cancelling

calendar-cancel-which = *{ $title }* repeats: cancel one date (`event cancel { $id } DATE`) or all of them (`event cancel { $id } all`).
calendar-cancel-started = That date has already started; only future dates can be cancelled.
calendar-cancel-already = That date was already cancelled.
calendar-cancel-what-all = *{ $title }* ({ $dates ->
        [every] every date
       *[only] its only date
    })
calendar-cancel-what-day = *{ $title }* on { $day }
calendar-cancel-confirm = Cancel { $what }?{ $count ->
        [0] { " " }The channel will be told.
        [one] { " " }The 1 person who said Going will be told, and the channel too.
       *[other] { " " }The { $count } people who said Going will be told, and the channel too.
    }
calendar-cancelled-all = Cancelled *{ $title }* (every date).{ $count ->
        [0] {""}
        [one] { " " }I'm telling the 1 person who said Going.
       *[other] { " " }I'm telling the { $count } people who said Going.
    }
calendar-cancelled = Cancelled { $what }.{ $count ->
        [0] {""}
        [one] { " " }I'm telling the 1 person who said Going.
       *[other] { " " }I'm telling the { $count } people who said Going.
    }

## event edit

calendar-edit-none = none
calendar-edit-when = • When: { $old } → { $new }
calendar-edit-title = • Title: { $old } → { $new }
calendar-edit-where = • Where: { $old } → { $new }
calendar-edit-capacity = • Capacity: { $old } → { $new }
calendar-edit-reminders = • Reminders: { $old } → { $new }
calendar-edit-description = • Description: { $new }
calendar-edit-description-removed = • Description: removed
calendar-edit-overflow = { "  " }◦ { $day }: { $going } going, so the { $over } who answered last move to the waiting list (first in line) and are told
calendar-edit-overflow-more = { "  " }◦ and { $count } more date(s)
calendar-edit-carried = • Each date's answers, cancellation and reminders move with it.
calendar-edit-dropped-told = I'll tell the { $count ->
        [one] 1 person
       *[other] { $count } people
    } going or waitlisted that their answer is dropped
calendar-edit-dropped-answers = its { $count } answer(s) are dropped
calendar-edit-dropped = • { $day } has no date in its { $period ->
        [month] month
        [year] year
       *[week] week
    } after the change: { $told }.
calendar-edit-dropped-more = • and { $count } more date(s) like it
calendar-edit-confirm = Change *{ $title }* (event { $id })?
calendar-edit-will-tell = I'll tell the { $count ->
        [one] 1 person
       *[other] { $count } people
    } going.
calendar-edit-nothing-yet = Nothing changes until you press Save.
calendar-edit-unchanged = Event { $id } is already like that; nothing to change.
calendar-edit-updated = Updated event { $id } ({ $changes }): *{ $title }* — { $when }.
calendar-edit-updated-told = Updated event { $id } ({ $changes }): *{ $title }* — { $when }. People who said Going are told.
calendar-edit-change = { $change ->
        [when] when
        [title] title
        [where] where
        [description] description
        [capacity] capacity
       *[reminders] reminders
    }
calendar-edit-changed-since = Event { $id } has changed since I asked, so I didn't apply that edit. Please run `event edit { $id } …` again.
calendar-edit-not-the-editor = Only the person who asked for this edit can save it. To change event { $id } yourself, run `event edit { $id } …`.
calendar-edit-time-passed = That time has passed meanwhile, so nothing changed. Please run `event edit` again.

## event feed

calendar-feed-which-community = Which community? For example: `event feed accessibility`.
calendar-feed-for-members = { $community }'s calendar is for its members.
calendar-feed-no-address = { $community }'s calendar feed is { $state ->
        [private] private: keep this link to yourself
       *[public] public
    }, but this Guildbot has no public web address yet (GUILDBOT_PUBLIC_URL); your operator can export it with `guildbot calendar export { $slug }`.
calendar-feed = { $community }'s calendar ({ $state ->
        [private] private: keep this link to yourself
       *[public] public
    }): { $link }
calendar-feed-subscribe = Subscribe to it in Outlook, Google Calendar or Apple Calendar.

## Time phrases that do not work (the parser's `PhraseError` codes).

calendar-phrase-too-long = That time is too long for me to read.
calendar-phrase-no-time = When is it? I need a day and a time.
calendar-phrase-number-too-large = That number is far too large for a time.
calendar-phrase-unknown-zone = { $typed } isn't a time zone I know.
calendar-phrase-unread = I couldn't read { $typed } as a { $what ->
        [repeat] repeat
       *[date] date
    }.
calendar-phrase-no-clock = What time does it start? I need a time of day.
calendar-phrase-too-long-event = That's too long for one event (at most 7 days).
calendar-phrase-bad-duration = A duration of { $duration } doesn't work: events last from 5 minutes to 7 days.
calendar-phrase-past = { $at } { $zone } is in the past.
calendar-phrase-series-past = The series would start on { $at } { $zone }, which is in the past.
calendar-phrase-too-far = That's more than five years away.
calendar-phrase-never = That repeat never happens in the future.
calendar-phrase-no-such-month = There is no month { $month }.
calendar-phrase-no-such-day = { $month } has no day { $day }.
calendar-phrase-no-such-day-in = { $month } in { $year } has no day { $day }.
calendar-phrase-numeric-no-month = There is no month { $month } (I read { $typed } { $order ->
        [day] day first
        [month] month first
       *[only] the only way it reads
    }; write dates as 2027-03-13).
calendar-phrase-date-past = { $day } is in the past.
calendar-phrase-date-past-next = { $day } is in the past. For { $next }, write { $iso }.
calendar-phrase-month-no-day = A month has no day { $day }.
calendar-phrase-no-month-with-day = I can't find a month with a day { $day } ahead.
calendar-phrase-weekday-mismatch = { $day } is a { $actual }, not a { $said }. Please check the date, or leave the weekday out.
calendar-phrase-nth-mismatch = The next { $number } is { $day }, a { $actual }, not a { $said }.
calendar-phrase-nth-mismatch-or = The next { $number } is { $day }, a { $actual }, not a { $said }. Did you mean { $matching }, or { $day }?
calendar-phrase-both-span-count = Give either how long it runs or a number of times, not both.
calendar-phrase-both-until-count = Give either an end date or a number of times, not both.
calendar-phrase-occurrence-too-long = Each occurrence ({ $duration }) would last until the next one.
calendar-phrase-one-zone = Please give one time zone.
calendar-phrase-count-range = The number of times must be 1 to { $max }.
calendar-phrase-duration-unread = I couldn't read { $typed } as a duration.
calendar-phrase-clock-unread = I couldn't read { $typed } as a time of day.
calendar-phrase-time-unread = I couldn't read { $typed } as a time.
calendar-phrase-one-start = Please give one start time.
calendar-phrase-end-or-duration = Give an end time or a duration, not both.
calendar-phrase-repeat-unknown = I don't know how to repeat { $typed }. I can repeat daily, weekly, every N weeks, monthly (by date or by weekday) and yearly.
calendar-phrase-one-repeat = Please give one way to repeat.
calendar-phrase-interval-range = Repeat every 1 to { $max } periods.
calendar-phrase-month-day-range = A day of the month is 1 to 31.
calendar-phrase-until-without-repeat = That ends a repeat, but I don't see how it repeats (daily, weekly, every Tuesday…).
calendar-phrase-until-unread = I couldn't read { $typed } as the date the repeat ends.
calendar-phrase-zone-ambiguous = { $typed } means different time zones in different places. Please give a city zone, for example { $options }.
calendar-phrase-zone-offset-unused = { $typed } isn't an offset from UTC that any place uses (they run from UTC-12 to UTC+{ $max }).
calendar-phrase-zone-offset-minutes = For { $typed }, please give a city zone: it says when clocks change.
calendar-phrase-zone-offset-minutes-for-example = For { $typed }, please give a city zone, for example { $options }: it says when clocks change.
calendar-phrase-no-end-to-remove = Only a repeating event has an end to remove.
calendar-phrase-option-twice = “{ $option }:” is given twice.
calendar-phrase-no-title = What is the event called? Put its title first (in quotes if it contains a date word).
calendar-phrase-no-time-for = When is { $title }? I need a day and a time.
calendar-phrase-capacity = A capacity is a number of people from 1 to { $max } (or “none”).
calendar-phrase-notify = Reminders go to the channel, to people who said Going, to both, or nowhere.
calendar-phrase-remind-unread = I couldn't read { $typed } as a reminder time before the event (from 1 minute to 30 days).
calendar-phrase-remind-too-many = That's more than 5 reminders.

## The examples said after a problem (what a reader of the language would type).

calendar-example-one-off = next Tuesday 15:00 for 1h
calendar-example-date = Thu 3 Dec 2026 14:00
calendar-example-repeat = every 2 weeks on Wednesday 10:00 until 30 Jun 2027
calendar-example-monthly = monthly on the first Thursday 14:00 for 1h
calendar-example-zone = 2026-12-03 14:00 America/Vancouver
calendar-example-duration = next Tuesday 15:00 for 90m
calendar-example-create = event create Show and tell next Tuesday 15:00 for 1h where: Room 201 capacity: 20
calendar-example-capacity = capacity: 20
calendar-example-remind = remind: 1d, 15m
calendar-example-notify = notify: both

## Help: the forms of event and announce (form-COMMAND-FORM).

form-event-create = schedule an event; I echo what I understood before saving (facilitators)
form-event-list = upcoming events, in your time zone
form-event-show = one event, its next dates, and RSVP buttons
form-event-rsvp = answer for the next (or a) date
form-event-attendees = who is going, maybe, or waitlisted
form-event-edit = change an event; people going are told (facilitators)
form-event-cancel = cancel one date or the whole event; people going are told (facilitators)
form-event-feed = the community's iCal link; facilitators make it private or public
form-announce-create = post TEXT in the channel at TIME, once or on a repeat
form-announce-list = what is scheduled, next post first
form-announce-edit = change the text, the time, or both
form-announce-cancel = stop it; nothing more is posted
