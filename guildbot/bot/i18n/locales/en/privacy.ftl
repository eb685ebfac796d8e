### Privacy: what Guildbot holds about a member, its export and its erasure.

# What is written where a profile field is empty.
privacy-none = —
privacy-export-hint = `privacy export` gives all of it as JSON; `privacy erase` deletes it.
privacy-summary-title = *What Guildbot holds about you*
privacy-summary-profile = • Profile: { $name }, department { $department }, title { $title }, e-mail { $email }, time zone { $zone }
privacy-summary-accounts = • Accounts: { $accounts }
privacy-summary-expertise = • Expertise: { $count ->
        [one] { $count } skill
       *[other] { $count } skills
    }
privacy-summary-communities = • Communities: { $count }
privacy-summary-questions = • Questions you asked: { $asked }; requests for your help: { $requests }; evidence of your expertise: { $evidence }
privacy-summary-events = • Event RSVPs: { $rsvps }; coffee intros: { $intros }
privacy-summary-actions = • Actions you took, in the audit log: { $count }
privacy-summary-channels = Other channel messages are never stored: where a channel routes questions, only the questions it routes are kept.
# How long each kind of data is kept ("messages the bot sent 30 days"), then the line of them.
privacy-kept = { $what ->
        [messages] messages the bot sent
        [questions] closed questions
        [rsvps] answers to events, after their date
        [coffee] coffee history
       *[audit] the audit log
    } { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
privacy-kept-for = • Kept for: { $periods } (unless a legal hold keeps it longer).
privacy-export = Everything Guildbot holds about you:
    { $data }
privacy-erase-warning = This deletes your profile, expertise, community memberships, questions, RSVPs and coffee intros from Guildbot. It cannot be undone.
privacy-erase-button = Erase my data
privacy-cancel = Cancel
privacy-erase-confirm-title = Erase your data?
privacy-erase-confirm-text = This cannot be undone.
privacy-erase-confirm-yes = Erase
privacy-not-yours = That button was for someone else; nothing was erased.
privacy-nothing-left = There is nothing left to erase.
privacy-erased = Done: your data is erased. If you use Guildbot again, you start with a new, empty profile.
privacy-hand-over-first = You're the only admin of { $names }, and others are in it. Make someone else admin first (`role grant @member admin { $slug }`), then erase: nothing has been erased.
privacy-under-hold = Your data can't be erased right now: it is under a legal hold (for example an access-to-information or litigation request), which the law says must keep it as it is. I've recorded your request; it will be acted on when the hold is lifted. Your organisation's privacy officer can tell you more.

## Help: the forms of `privacy` (form-NAME-FORM).

form-privacy-show = a summary of what is stored about you
form-privacy-export = all of it, as JSON
form-privacy-erase = delete it (asks first)
# Between two periods of the "Kept for" line.
privacy-kept-separator = {"; "}
