### What the scheduler tells the person who scheduled a message it could not post as planned.
## { $kind } is the message's kind: reminder, announcement, follow_up, escalation, intro,
## notice or message. { $due } and { $at } are instants.

scheduler-uncertain = I may or may not have posted this { $kind ->
        [reminder] reminder
        [announcement] announcement
        [follow_up] follow up
        [escalation] escalation
        [intro] intro
        [notice] notice
       *[message] message
    } (due { $due }): the process sending it stopped before the platform confirmed. Please check, and post it again if it is missing.
scheduler-missed = { $kind ->
        [reminder] A reminder
        [announcement] An announcement
        [follow_up] A follow up
        [escalation] An escalation
        [intro] An intro
        [notice] A notice
       *[message] A message
    } due { $due } was not posted: Guildbot was offline past the time it could still be useful. Nothing was sent late.
scheduler-missed-several = { $count } occurrences of a recurring { $kind ->
        [reminder] reminder
        [announcement] announcement
        [follow_up] follow up
        [escalation] escalation
        [intro] intro
        [notice] notice
       *[message] message
    } (the latest due { $due }) were not posted while Guildbot was offline. Nothing was sent late.
scheduler-undeliverable = I couldn't deliver { $kind ->
        [reminder] a reminder
        [announcement] an announcement
        [follow_up] a follow up
        [escalation] an escalation
        [intro] an intro
        [notice] a notice
       *[message] a message
    } due { $due } (platform error). Nothing more will be tried automatically.
scheduler-undeliverable-code = I couldn't deliver { $kind ->
        [reminder] a reminder
        [announcement] an announcement
        [follow_up] a follow up
        [escalation] an escalation
        [intro] an intro
        [notice] a notice
       *[message] a message
    } due { $due } ({ $code }). Nothing more will be tried automatically.
scheduler-incident = { $count } { $kind ->
        [reminder] { $count ->
            [one] reminder
           *[other] reminders
        }
        [announcement] { $count ->
            [one] announcement
           *[other] announcements
        }
        [follow_up] { $count ->
            [one] follow up
           *[other] follow ups
        }
        [escalation] { $count ->
            [one] escalation
           *[other] escalations
        }
        [intro] { $count ->
            [one] intro
           *[other] intros
        }
        [notice] { $count ->
            [one] notice
           *[other] notices
        }
       *[message] { $count ->
            [one] message
           *[other] messages
        }
    } may not have been posted during a restart at { $at }: the process sending them stopped before the platform confirmed, and the platform cannot tell us. Please check; I can post the missing ones.
scheduler-incident-listing = These may not have been posted:
scheduler-listed-direct = • { $kind ->
        [reminder] reminder
        [announcement] announcement
        [follow_up] follow up
        [escalation] escalation
        [intro] intro
        [notice] notice
       *[message] message
    } due { $due } to a direct message: { $words }
scheduler-listed-group = • { $kind ->
        [reminder] reminder
        [announcement] announcement
        [follow_up] follow up
        [escalation] escalation
        [intro] intro
        [notice] notice
       *[message] message
    } due { $due } to a group conversation: { $words }
scheduler-listed-channel = • { $kind ->
        [reminder] reminder
        [announcement] announcement
        [follow_up] follow up
        [escalation] escalation
        [intro] intro
        [notice] notice
       *[message] message
    } due { $due } to { $platform } channel { $channel }: { $words }
scheduler-button-post-again = Post it again
scheduler-button-was-posted = It was posted
scheduler-button-post-missing = Post the missing ones
scheduler-button-show-them = Show them
scheduler-answer-expired = That button has expired.
scheduler-answer-not-yours = Only the person who scheduled that message can decide about it.
scheduler-answer-not-yours-several = Only the person who scheduled those messages can decide about them.
scheduler-answer-settled = That was already settled.
scheduler-answer-posting-again = I'll post it again now.
scheduler-answer-noted = Thanks, I've noted that it was posted.
scheduler-answer-posting = { $count ->
        [one] I'll post it now.
       *[other] I'll post those { $count } now.
    }
