### What an event posts in its channel and sends by itself: reminders, notes to people going.
## { $where } is " · PLACE" or nothing; { $when } and { $day } are times each platform may
## show in its reader's zone.

calendar-post-title = 📅 *{ $title }* — { $when }
calendar-post-where = • Where: { $place }
calendar-post-places = • { $n } places
calendar-post-context = `event show { $id }` shows it in your time zone
calendar-post-context-feed = `event show { $id }` shows it in your time zone · Add to calendar: { $feed }
calendar-post-channel-reminder = ⏰ Reminder: *{ $title }* starts in { $offset }, at { $clock } { $zone }{ $where }.
calendar-post-member-reminder = ⏰ Reminder: *{ $title }* starts in { $offset }: { $when }{ $where }.
calendar-post-place-opened = 🎉 A place opened up: you're now going to *{ $title }*, { $when }{ $where }.
calendar-post-moved-to-waitlist = *{ $title }*, { $when }, now has fewer places, and you're on the waiting list — first in line: I'll tell you as soon as a place opens. Your reminders for it are off until then.
calendar-post-changed = ✏️ *{ $title }* has changed: { $when }{ $where }. `event show { $id }` shows it in your time zone.
calendar-post-event-cancelled = ❌ *{ $title }* is cancelled.
calendar-post-date-cancelled = ❌ *{ $title }* on { $day } is cancelled. Other dates are unchanged.
calendar-post-date-dropped = ✏️ *{ $title }* on { $day } no longer happens: its dates changed, and that { $period } has none now, so your answer for it is dropped. `event show { $id }` shows the new dates.
