### Help: the overview of commands and one command's forms.

help-intro = *Guildbot* connects people who share a craft across departments. Commands:
help-command-line = • `{ $name }` — { $summary }
help-more = Type `help COMMAND` for details, e.g. `help expertise`. Your time zone (for event times and reminders): `profile set timezone Europe/Paris`. Your language: `profile set language fr`.
help-command-title = *{ $name }* — { $summary }
help-form-line = • `{ $usage }` — { $summary }
help-examples = Examples: { $examples }
help-no-such-command = There's no command { $word }.
help-no-such-command-suggest = There's no command { $word }. Did you mean `{ $suggestion }`?

## Each command's one-line summary (command-NAME) and its forms' (form-NAME-FORM): the
## English ones are the command specs' own summaries, word for word (a test compares them).

command-event = community events: create, RSVP, list, edit, cancel
command-announce = scheduled posts in a community channel, once or recurring (facilitators)
command-coffee = coffee intros across departments: join, snooze, and (facilitators) run them
command-community = communities of practice: create, join, leave, browse
command-role = give or take a community role (facilitators and admins)
command-dashboard = a private link to your communities' dashboard (facilitators and admins)
command-profile = see or update your profile
command-expertise = the skills you can help others with
command-help = what I can do, or how to use one command
command-privacy = see, export or erase what Guildbot holds about you
command-ask = ask a question; I find colleagues who know and connect you
form-help = list commands, or explain one
form-profile-show = show your profile
form-profile-set = change one field of your profile
